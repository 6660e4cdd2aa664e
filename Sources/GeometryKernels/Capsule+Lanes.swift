/// Four capsules' intervals on one line at once (`SIMD4` lanes): per lane the same operations, in
/// the same order, as `Capsule.interval(atY:)` — IEEE division and square root are correctly rounded
/// in every lane, and each `Swift.min`/`Swift.max` is the same comparison and pick — so every lane
/// holds exactly the scalar answer.
extension Capsule {
    /// The intervals of four capsules on the line at `y`: low and high per lane, +∞ and −∞ for a
    /// capsule the line misses (as `CapsuleUnion` stores a nil interval).
    @inline(__always)
    static func intervals(
        _ a: Capsule, _ b: Capsule, _ c: Capsule, _ d: Capsule, atY y: Double
    ) -> (low: SIMD4<Double>, high: SIMD4<Double>) {
        let x0 = SIMD4(a.x0, b.x0, c.x0, d.x0)
        let y0 = SIMD4(a.y0, b.y0, c.y0, d.y0)
        let x1 = SIMD4(a.x1, b.x1, c.x1, d.x1)
        let y1 = SIMD4(a.y1, b.y1, c.y1, d.y1)
        let radius = SIMD4(a.radius, b.radius, c.radius, d.radius)
        let ux = SIMD4(a.ux, b.ux, c.ux, d.ux)
        let uy = SIMD4(a.uy, b.uy, c.uy, d.uy)
        let length = SIMD4(a.length, b.length, c.length, d.length)
        let infinity = SIMD4<Double>(repeating: .infinity)
        var low = infinity
        var high = -infinity
        let r2 = radius * radius
        let d0 = y - y0
        // The disk around the first end: its part of the line, where the line meets it.
        let atFirst = d0 * d0 .<= r2
        let h0 = (r2 - d0 * d0).squareRoot()
        low.replace(with: x0 - h0, where: atFirst)
        high.replace(with: x0 + h0, where: atFirst)
        let d1 = y - y1
        let atSecond = d1 * d1 .<= r2
        let h1 = (r2 - d1 * d1).squareRoot()
        low = Self.minimum(low, x1 - h1, where: atSecond)
        high = Self.maximum(high, x1 + h1, where: atSecond)
        // The band swept by the segment's normal (`bandInterval`), for segments of positive length.
        let zero = SIMD4<Double>(repeating: 0)
        let tiny = SIMD4<Double>(repeating: 1e-12)
        var bandLow = -infinity
        var bandHigh = infinity
        var band = length .> zero
        let alongX = Self.magnitude(ux) .> tiny
        let t = d0 * uy
        let a0 = (0 - t) / ux
        let a1 = (length - t) / ux
        bandLow.replace(with: a0.replacing(with: a1, where: a1 .< a0), where: alongX)
        bandHigh.replace(with: a0.replacing(with: a1, where: a1 .>= a0), where: alongX)
        band .&= alongX .| .!(t .< zero .| t .> length)
        let acrossY = Self.magnitude(uy) .> tiny
        let s = d0 * ux
        let b0 = (s - radius) / uy
        let b1 = (s + radius) / uy
        let smaller = b0.replacing(with: b1, where: b1 .< b0)
        let larger = b0.replacing(with: b1, where: b1 .>= b0)
        bandLow = Self.maximum(bandLow, smaller, where: acrossY)
        bandHigh = Self.minimum(bandHigh, larger, where: acrossY)
        band .&= acrossY .| .!(Self.magnitude(s) .> radius)
        band .&= bandLow .<= bandHigh
        low = Self.minimum(low, x0 + bandLow, where: band)
        high = Self.maximum(high, x0 + bandHigh, where: band)
        let some = low .<= high
        return (low.replacing(with: infinity, where: .!some), high.replacing(with: -infinity, where: .!some))
    }

    /// `abs` per lane (the sign of a zero aside, which no comparison here sees).
    @inline(__always)
    private static func magnitude(_ x: SIMD4<Double>) -> SIMD4<Double> {
        x.replacing(with: -x, where: x .< 0)
    }

    /// `Swift.min(x, y)` per lane where `mask` holds (`y < x ? y : x`), `x` elsewhere.
    @inline(__always)
    private static func minimum(_ x: SIMD4<Double>, _ y: SIMD4<Double>, where mask: SIMDMask<SIMD4<Int64>>)
        -> SIMD4<Double>
    {
        x.replacing(with: y, where: mask .& (y .< x))
    }

    /// `Swift.max(x, y)` per lane where `mask` holds (`y >= x ? y : x`), `x` elsewhere.
    @inline(__always)
    private static func maximum(_ x: SIMD4<Double>, _ y: SIMD4<Double>, where mask: SIMDMask<SIMD4<Int64>>)
        -> SIMD4<Double>
    {
        x.replacing(with: y, where: mask .& (y .>= x))
    }
}
