import CoverageModel
import Foundation

/// xoshiro256** seeded through SplitMix64; one independent stream per (seed, stream) pair.
struct Rng {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(SplitMix64.hash(seed, stream, 0x5EED))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    @inline(__always)
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Uniform integer in 0..<n (n > 0).
    @inline(__always)
    mutating func int(_ n: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(n).multipliedFullWidth(by: next())).high)
    }

    /// Uniform integer in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    /// True with probability p.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal deviate (Box–Muller).
    mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A lognormal deviate exp(mu + sigma·N(0,1)).
    mutating func lognormal(_ mu: Double, _ sigma: Double) -> Double { exp(mu + sigma * gaussian()) }

    /// An index drawn with probability proportional to `weights` given their running sums.
    mutating func pick(cumulative: [Double]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let u = unit() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// One element of a non-empty array.
    mutating func element<T>(_ items: [T]) -> T { items[int(items.count)] }
}

/// Running sums of weights, for `Rng.pick(cumulative:)`.
func cumulativeSums(_ weights: [Double]) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(weights.count)
    var s = 0.0
    for w in weights {
        s += max(0, w)
        out.append(s)
    }
    return out
}
