import CoverageModel
import Foundation

/// Number formatting for tables: grouped thousands, fixed decimals, percentages.
public enum Formatting {
    /// 1234567 → "1,234,567".
    public static func grouped(_ n: Int) -> String { DigitGrouping.grouped(n) }

    /// A share (0…1) as a percentage with one decimal, or "n/a".
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "n/a" }
        return String(format: "%.1f%%", share * 100)
    }

    /// A fixed-decimal rendering with an explicit sign ("+0.4", "-1.2").
    public static func signedFixed(_ x: Double, _ decimals: Int) -> String {
        String(format: "%+.\(decimals)f", x)
    }

    /// A fixed-decimal rendering independent of locale.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", x)
    }
}

/// A plain-text table with left-aligned text and right-aligned numbers.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// Columns to right-align (numbers).
    public var numeric: Set<Int> = []

    public init(_ headers: [String], numeric: Set<Int> = []) {
        self.headers = headers
        self.numeric = numeric
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as text, columns padded to their widest cell; control characters in cells are
    /// shown as escapes (`\x1B`) so that data cannot drive the terminal or break the layout.
    ///
    /// Widths are counted in characters (grapheme clusters), measured only for cells that are not
    /// printable ASCII (``TableCell``); the lines are built as bytes in one buffer.
    public func render() -> String {
        let headerCells = headers.map(TableCell.init)
        let rowCells = rows.map { $0.map(TableCell.init) }
        var widths = headerCells.map(\.width)
        var bytes = 0
        for row in rowCells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.width) }
        }
        for w in widths { bytes += w + 2 }
        let right = widths.indices.map { numeric.contains($0) }
        var out = TableBytes(capacity: (rowCells.count + 2) * (bytes + 1) + 64)
        out.appendLine(headerCells, widths: widths, rightAligned: right)
        out.appendLine(widths.map { TableCell(dashes: $0) }, widths: widths, rightAligned: right)
        for row in rowCells { out.appendLine(row, widths: widths, rightAligned: right) }
        return out.text
    }
}

extension String {
    /// The string without its trailing white space, as the regular expression `\s+$` removes it
    /// (tab, line feed, form feed, carriage return and the Unicode separators `\p{Z}`), scalar by
    /// scalar, without building a regular expression per line.
    func droppingTrailingSpaces() -> String {
        let scalars = unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let previous = scalars.index(before: end)
            guard Self.isRegexSpace(scalars[previous]) else { break }
            end = previous
        }
        return end == scalars.endIndex ? self : String(scalars[..<end])
    }

    /// Whether `s` is one of the characters `\s` matches.
    static func isRegexSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0C, 0x0D: return true
        default:
            switch s.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
