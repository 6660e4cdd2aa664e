/// Strings and numbers.
extension JSONScanner {
    /// Parses a JSON string (positioned at its opening quote), decoding every escape.
    mutating func parseString() throws(JSONIssue) -> String {
        pos += 1
        let start = pos
        while pos < count {
            try checkLength(from: start)
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") {
                var buffer = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<pos]))
                return try parseEscapedRest(into: &buffer, from: start)
            }
            try advanceStringByte(b)
        }
        throw endOfFile("unterminated string")
    }

    /// Validates and skips a JSON string positioned at its opening quote.
    mutating func skipString() throws(JSONIssue) {
        pos += 1
        let start = pos
        while pos < count {
            try checkLength(from: start)
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return
            }
            if b == UInt8(ascii: "\\") {
                var sink: [UInt8] = []
                try appendEscape(into: &sink)
                continue
            }
            try advanceStringByte(b)
        }
        throw endOfFile("unterminated string")
    }

    /// Throws when the string that started at `start` has grown past ``maxValueBytes``.
    @inline(__always)
    func checkLength(from start: Int) throws(JSONIssue) {
        guard pos - start > Self.maxValueBytes else { return }
        throw .semantic(offset: start - 1, reason: Self.tooLongReason("a string"))
    }

    /// The reason given for a value over ``maxValueBytes``.
    static func tooLongReason(_ what: String) -> String {
        "\(what) is longer than 1 MiB (\(maxValueBytes) bytes), the limit for one value"
    }

    /// Moves past one unescaped character of string content, validating it.
    @inline(__always)
    private mutating func advanceStringByte(_ b: UInt8) throws(JSONIssue) {
        if b < 0x20 {
            throw .syntax(
                offset: pos,
                reason: b == 0x0A
                    ? "line break inside a string (unterminated string?)"
                    : "unescaped control character in a string")
        }
        if b < 0x80 {
            pos += 1
            return
        }
        guard let n = UTF8Validation.sequenceLength(bytes, at: pos, end: count) else {
            throw .syntax(offset: pos, reason: "invalid UTF-8")
        }
        pos += n
    }

    private mutating func parseEscapedRest(into buffer: inout [UInt8], from start: Int) throws(JSONIssue) -> String {
        while pos < count {
            try checkLength(from: start)
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                try appendEscape(into: &buffer)
                continue
            }
            let start = pos
            try advanceStringByte(b)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]))
        }
        throw endOfFile("unterminated string")
    }

    /// Decodes one escape sequence (positioned at the backslash) and appends its UTF-8.
    private mutating func appendEscape(into buffer: inout [UInt8]) throws(JSONIssue) {
        let start = pos
        pos += 1
        guard pos < count else { throw endOfFile("unterminated string") }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(e)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if scalar >= 0xD800, scalar <= 0xDBFF {
                guard byte(at: pos) == UInt8(ascii: "\\"), byte(at: pos + 1) == UInt8(ascii: "u") else {
                    throw .syntax(offset: start, reason: "invalid \\u escape: unpaired surrogate")
                }
                pos += 2
                let low = try hex4()
                guard low >= 0xDC00, low <= 0xDFFF else {
                    throw .syntax(offset: start, reason: "invalid \\u escape: unpaired surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                throw .syntax(offset: start, reason: "invalid \\u escape: unpaired surrogate")
            }
            guard let u = Unicode.Scalar(scalar) else {
                throw .syntax(offset: start, reason: "invalid \\u escape")
            }
            buffer.append(contentsOf: UTF8.encode(u).map { Array($0) } ?? [])
        default:
            pos = start
            throw .syntax(offset: start, reason: "invalid escape sequence in a string")
        }
    }

    private mutating func hex4() throws(JSONIssue) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < count else { throw endOfFile("unterminated string") }
            let h = bytes[pos]
            let d: UInt8
            switch h {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = h - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = h - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = h - UInt8(ascii: "A") + 10
            default: throw .syntax(offset: pos, reason: "invalid \\u escape: expected 4 hex digits")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// Parses a JSON number (strict grammar). The result may be infinite when out of range.
    @inline(__always)
    mutating func parseNumber() throws(JSONIssue) -> Double {
        let start = pos
        var negative = false
        if byte(at: pos) == UInt8(ascii: "-") {
            negative = true
            pos += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var exact = true
        let first = byte(at: pos)
        if first == UInt8(ascii: "0") {
            pos += 1
        } else if first &- 0x30 < 10 {
            // Eight digits at a time while they fit the mantissa; the byte loop does the rest.
            while digitRun(mantissa: &mantissa, significant: &significant) == 8 {}
            while pos < count {
                let d = bytes[pos] &- 0x30
                guard d < 10 else { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                } else {
                    exponent += 1
                    if d != 0 { exact = false }
                }
                pos += 1
            }
        } else {
            if pos >= count { throw endOfFile() }
            pos = start
            throw unexpected(expected: "a number")
        }
        if byte(at: pos) == UInt8(ascii: ".") {
            pos += 1
            let fracStart = pos
            while true {
                let run = digitRun(mantissa: &mantissa, significant: &significant)
                exponent -= run
                if run < 8 { break }
            }
            while pos < count {
                let d = bytes[pos] &- 0x30
                guard d < 10 else { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    exact = false
                }
                pos += 1
            }
            guard pos > fracStart else { throw unexpected(expected: "a digit after '.'") }
        }
        let e = byte(at: pos)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            pos += 1
            var expNegative = false
            let s = byte(at: pos)
            if s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                expNegative = s == UInt8(ascii: "-")
                pos += 1
            }
            let expStart = pos
            var value = 0
            while pos < count {
                let d = bytes[pos] &- 0x30
                guard d < 10 else { break }
                if value < 100_000 { value = value * 10 + Int(d) }
                pos += 1
            }
            guard pos > expStart else { throw unexpected(expected: "a digit in the exponent") }
            exponent += expNegative ? -value : value
        }
        if exact, let d = DecimalParser.compose(mantissa: mantissa, exponent: exponent, negative: negative) {
            return d
        }
        return DecimalParser.slowParse(UnsafeRawBufferPointer(rebasing: bytes[start..<pos])) ?? .nan
    }

    /// Consumes the run of up to 8 decimal digits at `pos` in one step (SWAR) when all of them fit
    /// the 19 significant digits the mantissa keeps, adding them to `mantissa` and `significant`
    /// exactly as the digit-by-digit loops of ``parseNumber()`` would; returns how many it consumed
    /// (0 when it did nothing: fewer than 8 bytes left, no digit, or too many significant digits).
    @inline(__always)
    mutating func digitRun(mantissa: inout UInt64, significant: inout Int) -> Int {
        guard pos + 8 <= count else { return 0 }
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
        let values = word ^ 0x3030_3030_3030_3030  // a digit byte becomes 0...9
        // The high bit of each byte that is not a digit (above 9 after the xor); a carry out of a
        // non-digit byte can only mark bytes after it, which the count below never looks at.
        let nonDigits = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080
        let k = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount / 8
        guard k > 0, significant + k <= 19 else { return 0 }
        // The k digits, most significant first, moved up so that the bytes below are leading zeros.
        var v = k == 8 ? values : values << UInt64(8 * (8 - k))
        v = (v &* 2561) >> 8  // byte pairs: 10·a + b
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16  // four-digit groups
        let run = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32  // all eight
        if mantissa != 0 {
            significant += k
        } else {
            var rest = run  // leading zeros are not significant: count the digits of the run's value
            while rest != 0 {
                significant += 1
                rest /= 10
            }
        }
        mantissa = mantissa &* Self.powersOfTen[k] &+ run
        pos += k
        return k
    }

    /// 10^0 ... 10^8.
    static let powersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]
}
