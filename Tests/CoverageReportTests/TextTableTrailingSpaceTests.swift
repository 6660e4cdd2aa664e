import Foundation
import Testing

@testable import CoverageReport

/// The table's line trim against the regular expression it replaced (`\s+$`).
@Suite struct TextTableTrailingSpaceTests {
    /// Lines ending in every kind of space a cell can hold after neutralising, and in look-alikes.
    static let lines: [String] = [
        "", " ", "abc", "abc   ", "  abc", "a b  c  ", "x\u{00A0}", "x \u{00A0} ", "x\u{3000}", "x\u{2003}\u{2009}",
        "x \u{2028}", "x\u{2029} ", "x \u{0301}", "x\u{200B}", "x\u{FEFF} ", "xã  ", "Xã Tân Cương\u{00A0} ",
        "x\t", "x \r", "x\u{000C}", "1,234  56.7%  ", "\u{00A0}\u{00A0}", "ñ\u{0303} ",
    ]

    @Test(arguments: lines)
    func trimsAsTheRegularExpression(_ line: String) {
        let expected = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        #expect(line.droppingTrailingSpaces().unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test func tableLinesHaveNoTrailingSpaces() {
        var table = TextTable(["code", "name", "share"], numeric: [2])
        table.add(["1", "a long name", ""])
        table.add(["22", "b", "5.0%"])
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.dropLast().allSatisfy { $0.last != " " })
        #expect(lines[2] == "1     a long name")
        #expect(lines[3] == "22    b             5.0%")
    }
}
