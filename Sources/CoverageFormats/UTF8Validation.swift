/// Byte-level UTF-8 checks shared by the text readers.
enum UTF8Validation {
    /// The length of the valid multi-byte UTF-8 sequence starting at `i`, or nil when it is invalid.
    ///
    /// Rejects overlong forms, surrogates and scalars above U+10FFFF. `i` must point at a byte ≥ 0x80.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeRawBufferPointer, at i: Int, end: Int) -> Int? {
        guard i < end else { return nil }
        let lead = b[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            let j = i + k
            guard j < end else { return false }
            let c = b[j]
            return c >= lo && c <= hi
        }
        switch lead {
        case 0xC2...0xDF:
            return cont(1) ? 2 : nil
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : nil
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default:
            return nil
        }
    }

    /// The offset of the first byte of an invalid UTF-8 sequence in `b[start..<end]`, or nil when valid.
    static func firstInvalidByte(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        let stop = min(end, b.count)
        while i < stop {
            // Skip ASCII eight bytes at a time.
            if i + 8 <= stop, b.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            if b[i] < 0x80 {
                i += 1
                continue
            }
            guard let n = sequenceLength(b, at: i, end: stop) else { return i }
            i += n
        }
        return nil
    }
}
