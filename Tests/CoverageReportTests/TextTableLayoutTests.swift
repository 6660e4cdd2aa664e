import CoverageModel
import Foundation
import Testing

@testable import CoverageReport

/// The table's byte-built layout (``TableCell``, ``TableBytes``) against the `String` layout it
/// replaced: neutralise every cell, count its characters, pad, join and trim each line.
@Suite struct TextTableLayoutTests {
    /// Cells of every kind a name can be: printable ASCII, Vietnamese precomposed and with combining
    /// marks, wide (CJK, emoji, flags), control characters and bidirectional overrides, spaces of
    /// every kind at either end.
    static let cells: [String] = [
        "", " ", "abc", "all units", "1,234", "99.9%", "no data", "Xã Tân Cương", "Thái Nguyên",
        "Xa\u{0300} Ta\u{0302}n", "ñ\u{0303}", "e\u{0301}\u{0302}\u{0323}", "北京市", "東京", "👨‍👩‍👧", "🇻🇳🇯🇵",
        "\u{1B}[31mĐỏ\u{1B}[0m", "a\u{9B}2Jb", "x\u{202E}gpj.exe", "del\u{7F}", "line\rbreak\u{0}", "tab\there",
        "cr\r\nlf", "x\u{00A0}", "x\u{3000}", "\u{2003}lead", "trail \u{2028}", "zero\u{200B}", "\u{0301}mark",
        "kh\u{00F4}ng c\u{00F3}", "không có", "Xã Tân Cương\u{0301}", "\u{00AD}soft", "ǅ", "ʰʲ", "Ỹ\u{0303}",
        "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
    ]

    @Test(arguments: cells)
    func cellMatchesNeutralisedCount(_ raw: String) {
        let cell = TableCell(raw)
        let expected = DisplayText.neutralised(raw)
        #expect(cell.text.utf8.elementsEqual(expected.utf8))
        #expect(cell.width == expected.count)
    }

    /// Every scalar counted as a character by itself is one next to a letter, before one and next to
    /// itself, as the grapheme cluster rules count it.
    @Test func simpleScalarsStandAlone() throws {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x1E00...0x1EFF]
        for value in ranges.joined() {
            let u = try #require(Unicode.Scalar(value))
            let s = String(Character(u))
            #expect(TableCell.simpleScalarCount(s) == 1)
            #expect(("a" + s).count == 2 && (s + "a").count == 2 && (s + s).count == 2, "U+\(String(value, radix: 16))")
        }
        #expect(TableCell.simpleScalarCount("Xa\u{0300}") == nil)
        #expect(TableCell.simpleScalarCount("北") == nil)
    }

    /// Tables with one, two or three cells a row, each column numeric or not, from the cells above.
    static let shapes: [(columns: Int, numeric: Set<Int>)] = [
        (1, []), (1, [0]), (2, []), (2, [1]), (3, [0, 2]), (3, [0, 1, 2]),
    ]

    @Test(arguments: shapes.indices)
    func tableMatchesTheStringLayout(_ shape: Int) {
        let (columns, numeric) = Self.shapes[shape]
        let cells = Self.cells
        var table = TextTable((0..<columns).map { cells[($0 * 7 + 2) % cells.count] }, numeric: numeric)
        for r in 0..<cells.count {
            // Some rows short of the header, as a table may hold them.
            let count = r % 5 == 4 ? max(1, columns - 1) : columns
            table.add((0..<count).map { cells[(r + $0 * 11) % cells.count] })
        }
        #expect(table.render().utf8.elementsEqual(reference(table).utf8))
    }

    @Test(arguments: [ReportLanguage.en, .vi])
    func coverageTableOfLargeNumbersMatches(_ language: ReportLanguage) {
        let numbers = ReportNumbers(language)
        var table = TextTable(["code", "name", "households", "share"], numeric: [2, 3])
        for i in 0..<500 {
            let share = Double((i * 7_919) % 1_001) / 1_000
            table.add([
                String(i), Self.cells[i % Self.cells.count], numbers.grouped(i * i * 37), numbers.percent(share),
            ])
        }
        #expect(table.render().utf8.elementsEqual(reference(table).utf8))
    }

    /// The trim of a line's bytes against `droppingTrailingSpaces` on the line as a `String`.
    @Test(arguments: TextTableTrailingSpaceTests.lines)
    func byteTrimMatchesTheStringTrim(_ line: String) {
        var bytes = TableBytes(capacity: 16)
        bytes.appendLine([TableCell(line)], widths: [0], rightAligned: [false])
        let expected = DisplayText.neutralised(line).droppingTrailingSpaces() + "\n"
        #expect(bytes.text.utf8.elementsEqual(expected.utf8))
    }

    /// The rendering `TextTable` had before its cells were laid out as bytes.
    private func reference(_ table: TextTable) -> String {
        let headers = table.headers.map { DisplayText.neutralised($0) }
        let rows = table.rows.map { $0.map { DisplayText.neutralised($0) } }
        var widths = headers.map(\.count)
        for row in rows {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return table.numeric.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").droppingTrailingSpaces()
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}
