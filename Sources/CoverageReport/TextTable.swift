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
    public func render() -> String {
        let headers = self.headers.map { DisplayText.neutralised($0) }
        let rows = self.rows.map { $0.map { DisplayText.neutralised($0) } }
        var widths = headers.map(\.count)
        for row in rows {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return numeric.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").droppingTrailingSpaces()
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
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
