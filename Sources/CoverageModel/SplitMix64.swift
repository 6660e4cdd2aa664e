/// SplitMix64: seeds other generators, hashes integers and makes reproducible test fixtures
/// (deterministic on every platform); the one copy in the package.
@frozen public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state, advanced by every `next()`.
    public var state: UInt64

    /// A generator that starts from `seed`.
    @inlinable public init(_ seed: UInt64) { state = seed }

    /// A generator that starts from `seed`.
    @inlinable public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    @inlinable public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in [lo, hi).
    @inlinable public mutating func range(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// A well-mixed hash of a few integers.
    @inlinable public static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0) -> UInt64 {
        var s = SplitMix64(a ^ (b &* 0xD6E8_FEB8_6659_FD93) ^ (c &* 0xA076_1D64_78BD_642F))
        return s.next()
    }
}
