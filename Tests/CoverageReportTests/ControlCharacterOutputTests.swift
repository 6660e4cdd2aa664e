import CoverageModel
import Foundation
import Testing

@testable import CoverageReport

/// Names and file names holding terminal escapes or control characters (issue 13): shown as
/// visible escapes in tables, HTML and Markdown, never passed through.
@Suite struct ControlCharacterOutputTests {
    /// Hostile names: an OSC title change, a CSI colour, a C1 CSI, a right-to-left override, DEL, CR and NUL.
    enum HostileName: String, CaseIterable, CustomTestStringConvertible {
        case titleChange, colour, c1CSI, rightToLeft, delete, carriageReturnAndNUL

        var text: String {
            switch self {
            case .titleChange: "Xã \u{1B}]0;pwned\u{07}Một"
            case .colour: "\u{1B}[31mĐỏ\u{1B}[0m"
            case .c1CSI: "a\u{9B}2Jb"
            case .rightToLeft: "x\u{202E}gpj.exe"
            case .delete: "del\u{7F}"
            case .carriageReturnAndNUL: "line\rbreak\u{0}"
            }
        }

        /// The case name: the test log must not carry the escapes themselves.
        var testDescription: String { rawValue }
    }

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

    @Test(arguments: HostileName.allCases)
    func htmlShowsEscapes(_ hostile: HostileName) {
        let name = hostile.text
        let html = ReportHTML.render(document(name), geometries: [:])
        #expect(!holdsUnsafe(html))
        #expect(html.contains(DisplayText.neutralised(name).replacingOccurrences(of: "&", with: "&amp;")))
    }

    @Test(arguments: HostileName.allCases)
    func markdownShowsEscapes(_ hostile: HostileName) {
        let name = hostile.text
        let markdown = ReportMarkdown.render(document(name))
        #expect(!holdsUnsafe(markdown))
        #expect(markdown.contains(ReportMarkdown.escapeInline(DisplayText.neutralised(name))))
    }

    @Test(arguments: HostileName.allCases)
    func textTablesShowEscapes(_ hostile: HostileName) {
        let name = hostile.text
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
