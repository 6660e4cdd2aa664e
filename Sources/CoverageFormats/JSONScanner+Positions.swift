import CoverageModel

/// The common position `[x, y]` of two plain decimal numbers, read straight from the bytes.
extension JSONScanner {
    /// Reads a position `[x, y]` whose two numbers are plain (``plainNumber()``), with optional
    /// whitespace, exactly as ``parsePosition`` would; returns nil with nothing consumed for anything
    /// else (a third ordinate, an exponent, more than 19 digits, bad JSON), which the general path
    /// then reads or rejects with its own message.
    @inline(__always)
    mutating func plainPosition() -> Coordinate? {
        let start = pos
        guard depth < Self.maxDepth, pos < count, bytes[pos] == UInt8(ascii: "[") else { return nil }
        pos += 1
        skipWhitespace()
        guard let x = plainNumber() else {
            pos = start
            return nil
        }
        skipWhitespace()
        guard pos < count, bytes[pos] == UInt8(ascii: ",") else {
            pos = start
            return nil
        }
        pos += 1
        skipWhitespace()
        guard let y = plainNumber() else {
            pos = start
            return nil
        }
        skipWhitespace()
        guard pos < count, bytes[pos] == UInt8(ascii: "]") else {
            pos = start
            return nil
        }
        pos += 1
        return Coordinate(x, y)
    }

    /// Reads a JSON number of at most 19 digits in all and no exponent (`-?int(.frac)?`), the value
    /// ``parseNumber()`` gives it (the same mantissa and exponent through
    /// `DecimalParser.compose`); returns nil with nothing consumed for any other text, or when
    /// `compose` is not exact.
    @inline(__always)
    mutating func plainNumber() -> Double? {
        var i = pos
        let negative = i < count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        let intStart = i
        while i < count {
            let d = bytes[i] &- 0x30
            guard d < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        let intDigits = i - intStart
        // JSON allows a leading zero only as the whole integer part.
        guard intDigits > 0, intDigits == 1 || bytes[intStart] != UInt8(ascii: "0") else { return nil }
        var fracDigits = 0
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            // Eight bytes at a time while eight remain; a wrapped mantissa is refused below.
            while i + 8 <= count {
                let (k, run) = leadingDigits(at: i)
                mantissa = mantissa &* Self.powersOfTen[k] &+ run
                i += k
                if k < 8 { break }
            }
            while i < count {
                let d = bytes[i] &- 0x30
                guard d < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            fracDigits = i - fracStart
            guard fracDigits > 0 else { return nil }
        }
        // Up to 19 digits the mantissa holds them all without wrapping, as parseNumber keeps them.
        guard intDigits + fracDigits <= 19 else { return nil }
        if i < count, bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
        guard let value = DecimalParser.compose(mantissa: mantissa, exponent: -fracDigits, negative: negative)
        else { return nil }
        pos = i
        return value
    }

    /// How many decimal digits start the eight bytes at `i` (which must exist), and their value.
    @inline(__always)
    func leadingDigits(at i: Int) -> (count: Int, value: UInt64) {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let values = word ^ 0x3030_3030_3030_3030  // a digit byte becomes 0...9
        // As in digitRun: the high bit of each byte that is not a digit, exact up to the first one.
        let nonDigits = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080
        let k = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount / 8
        guard k > 0 else { return (0, 0) }
        var v = k == 8 ? values : values << UInt64(8 * (8 - k))
        v = (v &* 2561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return (k, ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32)
    }
}
