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
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}
