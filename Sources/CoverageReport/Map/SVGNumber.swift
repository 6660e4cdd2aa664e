import Foundation

/// SVG number text: one decimal at most, locale-independent.
///
/// The digits are written directly (no `String(format:)`): a value is rounded to tenths, written as
/// an integer when whole and as `-?I.D` otherwise, the text `%.1f` gives for the rounded value (the
/// tests compare the two over many values). Non-finite values keep the `%.1f` text.
enum SVGNumber {
    /// `v` rounded to 0.1 as text: `12`, `-3.5`, `0` (never `-0`).
    static func text(_ v: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        append(v, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "x y" pairs joined by L, as a closed (Z) or open path.
    static func path(_ points: [MapPoint], closed: Bool) -> String {
        guard !points.isEmpty else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(points.count * 14 + 1)
        for (i, p) in points.enumerated() {
            bytes.append(i == 0 ? UInt8(ascii: "M") : UInt8(ascii: "L"))
            append(p.x, to: &bytes)
            bytes.append(UInt8(ascii: " "))
            append(p.y, to: &bytes)
        }
        if closed { bytes.append(UInt8(ascii: "Z")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 text of `v` as `text(_:)` gives it.
    static func append(_ v: Double, to bytes: inout [UInt8]) {
        let r = (v * 10).rounded() / 10
        guard r.isFinite, abs(r) < 1e15 else {
            bytes.append(contentsOf: (r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)).utf8)
            return
        }
        if r == r.rounded() { return appendInteger(Int64(r), to: &bytes) }
        let tenths = Int64((r * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(tenths.magnitude / 10, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(truncatingIfNeeded: 48 + tenths.magnitude % 10))
    }

    /// Appends a signed decimal integer.
    private static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, to: &bytes)
    }

    /// Appends the decimal digits of `value`.
    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var v = value
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: 48 + v / divisor))
            v %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
