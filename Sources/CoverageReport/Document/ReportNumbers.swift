import Foundation

/// Numbers and dates in a report's language: "4,000 · 38.5% · 526.0 km² · 2025-12-31" in English,
/// "4.000 · 38,5% · 526,0 km² · 31/12/2025" in Vietnamese.
public struct ReportNumbers: Sendable {
    public var language: ReportLanguage

    public init(_ language: ReportLanguage) { self.language = language }

    private var decimal: String { language == .vi ? "," : "." }

    /// An integer with grouped thousands.
    public func grouped(_ n: Int) -> String {
        FixedDecimal.text(
            UInt64(n.magnitude), decimals: 0, negative: n < 0, thousands: thousandsByte, decimal: decimalByte)
    }

    /// The thousands separator as a byte.
    private var thousandsByte: UInt8 { language == .vi ? UInt8(ascii: ".") : UInt8(ascii: ",") }

    /// The decimal separator as a byte.
    private var decimalByte: UInt8 { language == .vi ? UInt8(ascii: ",") : UInt8(ascii: ".") }

    /// A fixed-decimal number with grouped thousands.
    public func fixed(_ x: Double, _ decimals: Int) -> String {
        if let n = FixedDecimal.scaled(abs(x), decimals: decimals) {
            return FixedDecimal.text(
                UInt64(n), decimals: decimals, negative: x < 0 && n != 0, thousands: thousandsByte, decimal: decimalByte
            )
        }
        let text = Formatting.fixed(abs(x), decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        var out = grouped(Int(parts[0]) ?? 0)
        if parts.count > 1 { out += decimal + parts[1] }
        return x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" + out : out
    }

    /// A share (0…1) as a percentage with one decimal, or "n/a" / "không có".
    public func percent(_ share: Double?) -> String {
        guard let share else { return language == .vi ? "không có" : "n/a" }
        let x = share * 100
        if let n = FixedDecimal.scaled(abs(x), decimals: 1) {
            return FixedDecimal.text(
                UInt64(n), decimals: 1, negative: x < 0 && n != 0, thousands: thousandsByte, decimal: decimalByte,
                suffix: UInt8(ascii: "%"))
        }
        return fixed(x, 1) + "%"
    }

    /// A signed margin in percentage points.
    public func points(_ margin: Double?) -> String {
        guard let margin else { return language == .vi ? "không có" : "n/a" }
        let sign = margin * 100 >= 0 ? "+" : "-"
        return sign + fixed(abs(margin * 100), 1) + (language == .vi ? " điểm %" : " pp")
    }

    /// An ISO date (YYYY-MM-DD…) as dd/mm/yyyy in Vietnamese; other text unchanged.
    public func date(_ iso: String) -> String {
        guard language == .vi else { return iso }
        let p = iso.prefix(10).split(separator: "-")
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
            p.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return iso }
        return "\(p[2])/\(p[1])/\(p[0])" + iso.dropFirst(10)
    }
}
