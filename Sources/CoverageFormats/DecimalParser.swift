/// Fast conversion of decimal text to `Double`, shared by the JSON and CSV readers.
enum DecimalParser {
    /// Exact powers of ten that a Double holds without rounding (10^0 ... 10^22).
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Combines `mantissa × 10^exponent` exactly (Clinger's fast path), or nil when that is not exact.
    @inline(__always)
    static func compose(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        var d: Double
        if mantissa == 0 {
            d = 0
        } else if exponent == 0 {
            d = Double(mantissa)
        } else {
            guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
            d = Double(mantissa)
            if exponent > 0 {
                d *= exactPowersOfTen[exponent]
            } else {
                d /= exactPowersOfTen[-exponent]
            }
        }
        return negative ? -d : d
    }

    /// Correctly rounded conversion of already-validated decimal text (the slow path).
    static func slowParse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses a whole field as a decimal number: optional spaces, sign, digits, fraction, exponent.
    ///
    /// Rejects empty text, `nan`, `inf`, hexadecimal and any trailing garbage; returns nil then.
    static func parseField(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        var end = b.count
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while end > i, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        guard i < end else { return nil }
        let start = i
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        var exact = true
        while i < end, b[i] &- 0x30 < 10 {
            let d = UInt64(b[i] &- 0x30)
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                if d != 0 { exact = false }
            }
            digits += 1
            i += 1
        }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, b[i] &- 0x30 < 10 {
                let d = UInt64(b[i] &- 0x30)
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ d
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < end, b[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(b[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if exact, let d = compose(mantissa: mantissa, exponent: exponent, negative: negative) {
            return d
        }
        return slowParse(UnsafeRawBufferPointer(rebasing: b[start..<end]))
    }
}
