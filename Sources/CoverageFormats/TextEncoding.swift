/// Deterministic, locale-independent formatting of numbers and strings into a `ByteSink`.
public enum TextEncoding {
    private static let powersOfTen: [Double] = (0...18).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Appends `value` with exactly `decimals` digits after the point, rounded half away from zero.
    ///
    /// A value that rounds to zero is written without a sign (never "-0.000"). Non-finite values are
    /// written as `null`; values too large for fixed notation fall back to the shortest form.
    public static func appendFixed(_ value: Double, decimals: Int, to sink: ByteSink) {
        guard value.isFinite else { return sink.append("null") }
        let d = max(0, min(decimals, 18))
        let scaledD = (value * powersOfTen[d]).rounded(.toNearestOrAwayFromZero)
        guard abs(scaledD) < 9.0e18 else { return appendShortest(value, to: sink) }
        let scaled = Int64(scaledD)
        let magnitude = scaled.magnitude
        let divisor = UInt64(powersOfTen[d])
        // The text is built backwards in 48 bytes of scratch (at most 39 are used: sign, 19 integer
        // digits, point, 18 decimals) and appended in one call: a byte at a time, every append to the
        // sink's buffer pays an exclusivity check.
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            var n = 0
            if d > 0 {
                var fraction = magnitude % divisor
                for _ in 0..<d {
                    raw[47 - n] = UInt8(truncatingIfNeeded: 48 + fraction % 10)
                    fraction /= 10
                    n += 1
                }
                raw[47 - n] = UInt8(ascii: ".")
                n += 1
            }
            var integer = magnitude / divisor
            repeat {
                raw[47 - n] = UInt8(truncatingIfNeeded: 48 + integer % 10)
                integer /= 10
                n += 1
            } while integer > 0
            if scaled < 0 {
                raw[47 - n] = UInt8(ascii: "-")
                n += 1
            }
            sink.append(bytes: UnsafeRawBufferPointer(rebasing: raw[(48 - n)...]))
        }
    }

    /// Appends `value` in its shortest round-trip decimal form, or `null` when not finite.
    public static func appendShortest(_ value: Double, to sink: ByteSink) {
        guard value.isFinite else { return sink.append("null") }
        if value == 0 { return sink.append("0") }
        if value == value.rounded(), abs(value) < 1e15 { return appendInt(Int64(value), to: sink) }
        sink.append(value.description)
    }

    /// Appends a decimal integer.
    public static func appendInt(_ value: Int64, to sink: ByteSink) {
        if value < 0 { sink.append(UInt8(ascii: "-")) }
        appendUnsigned(value.magnitude, minDigits: 1, to: sink)
    }

    /// Appends an unsigned integer left-padded with zeros to `minDigits`.
    @inline(__always)
    static func appendUnsigned(_ value: UInt64, minDigits: Int, to sink: ByteSink) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch for up to 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value
            var n = 0
            repeat {
                raw[23 - n] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n < minDigits && n < 24 {
                raw[23 - n] = 48
                n += 1
            }
            for i in (24 - n)..<24 { sink.append(raw[i]) }
        }
    }

    /// Appends a JSON string literal (quoted, with `"`, `\\` and control characters escaped).
    ///
    /// The runs between bytes that need an escape are appended whole (a byte at a time, every append
    /// to the sink's buffer pays an exclusivity check).
    public static func appendJSONString(_ text: String, to sink: ByteSink) {
        sink.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                if start < i { sink.append(bytes: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                appendEscape(byte, to: sink)
                start = i + 1
            }
            if start < utf8.count { sink.append(bytes: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        sink.append(UInt8(ascii: "\""))
    }

    /// Appends the JSON escape of `byte` (a quote, a backslash or a control character).
    private static func appendEscape(_ byte: UInt8, to sink: ByteSink) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        switch byte {
        case UInt8(ascii: "\""): sink.append(bytes: [92, 34])
        case UInt8(ascii: "\\"): sink.append(bytes: [92, 92])
        case 0x0A: sink.append(bytes: [92, UInt8(ascii: "n")])
        case 0x0D: sink.append(bytes: [92, UInt8(ascii: "r")])
        case 0x09: sink.append(bytes: [92, UInt8(ascii: "t")])
        case 0x08: sink.append(bytes: [92, UInt8(ascii: "b")])
        case 0x0C: sink.append(bytes: [92, UInt8(ascii: "f")])
        default: sink.append(bytes: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }
    }

    /// Appends a scalar as a JSON value.
    public static func appendJSON(_ value: JSONScalar, to sink: ByteSink) {
        switch value {
        case .null: sink.append("null")
        case .bool(let b): sink.append(b ? "true" : "false")
        case .int(let i): appendInt(i, to: sink)
        case .number(let d): appendShortest(d, to: sink)
        case .fixed(let d, let decimals): appendFixed(d, decimals: decimals, to: sink)
        case .string(let s): appendJSONString(s, to: sink)
        }
    }
}
