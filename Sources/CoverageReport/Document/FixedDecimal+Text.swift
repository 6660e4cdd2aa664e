extension FixedDecimal {
    /// `n` (a value scaled by 10^`decimals`, as ``scaled(_:decimals:)`` gives it, or an integer with
    /// `decimals` 0) as text: the whole part grouped by threes with `thousands`, then `decimal` and
    /// `decimals` digits; after a minus sign when `negative`, before `suffix` when given; built in
    /// one stack buffer, one `String` at the end.
    static func text(
        _ n: UInt64, decimals: Int, negative: Bool, thousands: UInt8, decimal: UInt8, suffix: UInt8? = nil
    ) -> String {
        precondition(decimals >= 0 && decimals < powers.count, "FixedDecimal.text: decimals out of range")
        // 20 digits, 6 separators, the point, the sign and the suffix fit in 32 bytes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var at = buffer.count
            func put(_ byte: UInt8) {
                at -= 1
                buffer[at] = byte
            }
            if let suffix { put(suffix) }
            var v = n
            if decimals > 0 {
                for _ in 0..<decimals {
                    put(UInt8(truncatingIfNeeded: 48 + v % 10))
                    v /= 10
                }
                put(decimal)
            }
            var inGroup = 0
            repeat {
                if inGroup == 3 {
                    put(thousands)
                    inGroup = 0
                }
                put(UInt8(truncatingIfNeeded: 48 + v % 10))
                v /= 10
                inGroup += 1
            } while v > 0
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[at...]), as: UTF8.self)
        }
    }
}
