/// A non-negative number rounded to a few decimals exactly as `printf("%.Nf")` rounds it, as an
/// integer count of 10^-N, without going through a formatter.
///
/// The product x·10^N is kept exactly as `p + e` (one rounded product and its residual from a
/// fused multiply-add), so the decision between the two nearest integers, ties to even included,
/// is made on the exact value, as the C library does on the exact binary number.
enum FixedDecimal {
    /// 10^0 … 10^9, each exact in a `Double`.
    static let powers: [Int64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// `x` (≥ 0, finite) times 10^`decimals`, rounded to the nearest integer, ties to even; nil
    /// when `x` is negative, not finite, too large (≥ 2^40 after scaling) or `decimals` above 9.
    static func scaled(_ x: Double, decimals: Int) -> Int64? {
        guard x >= 0, x.isFinite, decimals >= 0, decimals < powers.count else { return nil }
        let scale = Double(powers[decimals])
        let p = x * scale
        guard p < 0x1p40 else { return nil }
        // The exact product is p + e: the residual of a product is representable.
        let e = (-p).addingProduct(x, scale)
        let f = p.rounded(.down)
        let a = p - f  // exact: the fraction bits of p
        let n = Int64(f)
        if a < 0.25 { return n }  // |e| ≤ ulp(p)/2 ≤ 2^-13 cannot move it past the half
        if a > 0.75 { return n + 1 }
        let d = a - 0.5  // exact (Sterbenz: 0.25 ≤ a ≤ 0.75)
        if d > -e { return n + 1 }
        if d < -e { return n }
        return n % 2 == 0 ? n : n + 1  // an exact tie
    }
}
