/// Exact orientation predicate (Shewchuk-style filter with an exact expansion fallback).
///
/// `orient(a, b, c)` is the sign of the determinant |bx-ax by-ay; cx-ax cy-ay|: +1 when c lies to
/// the left of the directed line a→b (counter-clockwise), −1 to the right, 0 when exactly
/// collinear. Exact for all finite doubles whose differences and products neither overflow nor
/// underflow (any longitude/latitude), matching GEOS' robust `Orientation::index`.
enum Orientation {
    /// Relative error bound of the fast floating-point evaluation, (3 + 16ε)ε.
    private static let errorBound: Double = {
        let eps = Double.ulpOfOne / 2
        return (3 + 16 * eps) * eps
    }()

    @inline(__always)
    static func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let detLeft = (ax - cx) * (by - cy)
        let detRight = (ay - cy) * (bx - cx)
        let det = detLeft - detRight
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return sign(det) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return sign(det) }
            detSum = -detLeft - detRight
        } else {
            return sign(det)
        }
        let bound = errorBound * detSum
        if det >= bound || -det >= bound { return sign(det) }
        return exactOrient(ax, ay, bx, by, cx, cy)
    }

    @inline(__always)
    private static func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    /// Exact sum a + b = s + e.
    @inline(__always)
    private static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bv = s - a
        let av = s - bv
        return (s, (a - av) + (b - bv))
    }

    /// Exact product a·b = p + e (uses fused multiply-add).
    @inline(__always)
    private static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// The exact sign of (ax-cx)(by-cy) − (ay-cy)(bx-cx) via expansion arithmetic.
    static func exactOrient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let (acx, acxT) = twoSum(ax, -cx)
        let (bcy, bcyT) = twoSum(by, -cy)
        let (acy, acyT) = twoSum(ay, -cy)
        let (bcx, bcxT) = twoSum(bx, -cx)
        var terms: [Double] = []
        terms.reserveCapacity(16)
        for (u, v, s) in [
            (acx, bcy, 1.0), (acx, bcyT, 1.0), (acxT, bcy, 1.0), (acxT, bcyT, 1.0),
            (acy, bcx, -1.0), (acy, bcxT, -1.0), (acyT, bcx, -1.0), (acyT, bcxT, -1.0),
        ] {
            let (p, e) = twoProduct(u, v)
            terms.append(s * p)
            terms.append(s * e)
        }
        // Grow a nonoverlapping expansion term by term (Shewchuk's GROW-EXPANSION).
        var expansion: [Double] = []
        expansion.reserveCapacity(17)
        for t in terms {
            var q = t
            var next: [Double] = []
            next.reserveCapacity(expansion.count + 1)
            for h in expansion {
                let (s, e) = twoSum(q, h)
                if e != 0 { next.append(e) }
                q = s
            }
            if q != 0 { next.append(q) }
            expansion = next
        }
        // Components increase in magnitude; the last nonzero one carries the sign.
        return sign(expansion.last ?? 0)
    }
}
