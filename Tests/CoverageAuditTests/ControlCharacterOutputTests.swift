import CoverageModel
import Foundation
import Testing

@testable import CoverageReport

/// Names and file names holding terminal escapes or control characters (issue 13): shown as
/// visible escapes in tables, HTML and Markdown, never passed through.
@Suite struct ControlCharacterOutputTests {
    /// Hostile names: an OSC title change, a CSI colour, a bell, a C1 CSI, a right-to-left override, DEL.
    static let names = [
        "Xã \u{1B}]0;pwned\u{07}Một", "\u{1B}[31mĐỏ\u{1B}[0m", "a\u{9B}2Jb", "x\u{202E}gpj.exe", "del\u{7F}",
        "line\rbreak\u{0}",
    ]

    /// True when `text` holds a scalar a terminal or viewer would act on (line breaks and tabs aside).
    private func holdsUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains { DisplayText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }
    }

    private func document(_ name: String) -> ReportDocument {
        ReportDocument(
            title: "Report \(name)", language: .en, lead: ["store \(name).sqlite"],
            sections: [
                ReportSection(
                    id: "s", title: name,
                    blocks: [
                        .paragraph("commune \(name)"), .subheading(name), .list([name]),
                        .table(ReportTable(["name", "file"], rows: [[name, "\(name).geojson"]])),
                    ])
            ])
    }

    @Test(arguments: names)
    func htmlShowsEscapes(_ name: String) {
        let html = ReportHTML.render(document(name), geometries: [:])
        #expect(!holdsUnsafe(html))
        #expect(html.contains(DisplayText.neutralised(name).replacingOccurrences(of: "&", with: "&amp;")))
    }

    @Test(arguments: names)
    func markdownShowsEscapes(_ name: String) {
        let markdown = ReportMarkdown.render(document(name))
        #expect(!holdsUnsafe(markdown))
        #expect(markdown.contains(ReportMarkdown.escapeInline(DisplayText.neutralised(name))))
    }

    @Test(arguments: names)
    func textTablesShowEscapes(_ name: String) {
        var table = TextTable(["name", "rows"], numeric: [1])
        table.add([name, "1"])
        table.add(["tab\there\nnew line", "2"])
        let text = table.render()
        #expect(!holdsUnsafe(text))
        #expect(text.contains(DisplayText.neutralised(name)))
        #expect(text.split(separator: "\n").count == 4)
    }

    @Test func plainVietnameseTextIsUnchanged() {
        let name = "Phường Phan Đình Phùng – Xã Bằng Thành"
        #expect(DisplayText.terminal(name) == name)
        #expect(DisplayText.neutralised("\u{1B}[2J") == "\\x1B[2J")
        #expect(DisplayText.neutralised("a\u{202E}b") == "a\\u{202E}b")
    }
}
