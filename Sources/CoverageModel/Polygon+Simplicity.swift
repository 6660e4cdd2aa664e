/// A proof, without a geometry engine, that a polygon of one ring is valid: the ring is simple.
///
/// It answers "valid" only when every fact it uses is certain in floating point (the orientation
/// filter below certifies each sign it relies on), and nil — "not proved", ask GEOS — otherwise: for
/// holes, several polygons, repeated or collinear consecutive vertices, segments that touch or come
/// too close to tell. A closed ring (structure already checked) whose consecutive segments turn
/// (certified non-zero orientation) and whose other segments are certainly disjoint is a simple
/// closed curve, which GEOS's `IsValidOp` (finite, closed, at least 4 distinct points, no self-
/// intersection or self-touch, no holes to place) always accepts.
extension Geometry {
    /// True when the geometry is a polygon (or a one-member multipolygon) of one ring proved simple;
    /// false when that is not proved, whatever the reason (the caller then asks GEOS).
    public var isProvedSimpleShell: Bool {
        switch self {
        case .polygon(let p): return p.rings.count == 1 && RingSimplicity.isProvedSimple(p.rings[0])
        case .multiPolygon(let ps):
            return ps.count == 1 && ps[0].rings.count == 1 && RingSimplicity.isProvedSimple(ps[0].rings[0])
        default: return false
        }
    }
}

/// The simple-ring proof: a convex ring (certified turns all one way, going round once) at once,
/// otherwise a sweep over the segments' boxes along x with certified orientation signs.
enum RingSimplicity {
    /// Relative error bound of the floating-point orientation, (3 + 16ε)ε (Shewchuk), doubled for margin.
    private static let errorBound: Double = {
        let eps = Double.ulpOfOne / 2
        return 2 * (3 + 16 * eps) * eps
    }()

    /// The sign of the orientation of c against the directed line a→b when floating point is sure
    /// of it: +1 (left), −1 (right); nil when it is zero or too close to zero to be certain.
    @inline(__always)
    static func certifiedOrientation(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Int? {
        let detLeft = (a.x - c.x) * (b.y - c.y)
        let detRight = (a.y - c.y) * (b.x - c.x)
        let det = detLeft - detRight
        guard det.isFinite, det != 0 else { return nil }
        let detSum = abs(detLeft) + abs(detRight)
        guard abs(det) > errorBound * detSum else { return nil }
        return det > 0 ? 1 : -1
    }

    /// True when segments p1p2 and q1q2 certainly share no point.
    @inline(__always)
    static func certainlyDisjoint(_ p1: Coordinate, _ p2: Coordinate, _ q1: Coordinate, _ q2: Coordinate) -> Bool {
        if let a = certifiedOrientation(p1, p2, q1), let b = certifiedOrientation(p1, p2, q2), a == b { return true }
        if let a = certifiedOrientation(q1, q2, p1), let b = certifiedOrientation(q1, q2, p2), a == b { return true }
        return false
    }

    /// True when the closed ring `r` (first vertex = last, at least 4) is proved simple.
    static func isProvedSimple(_ r: [Coordinate]) -> Bool {
        let m = r.count - 1  // segments: r[k]–r[k+1], k in 0..<m
        guard m >= 3, r[0] == r[m] else { return false }
        // Consecutive segments meet only at their shared vertex when they turn there.
        var turns = 0
        for k in 0..<m {
            let before = r[k == 0 ? m - 1 : k - 1]
            guard let turn = certifiedOrientation(before, r[k], r[k + 1]) else { return false }
            turns += turn
        }
        if m == 3 { return true }  // a triangle: every pair of segments is consecutive
        if abs(turns) == m && windsOnce(r) { return true }
        // Other pairs: only those whose boxes overlap (sorted by min x, each against those starting
        // before its max x).
        var boxes: [SegmentBox] = []
        boxes.reserveCapacity(m)
        for k in 0..<m {
            let a = r[k]
            let b = r[k + 1]
            boxes.append(
                SegmentBox(
                    minX: min(a.x, b.x), maxX: max(a.x, b.x), minY: min(a.y, b.y), maxY: max(a.y, b.y), index: k))
        }
        boxes.sort { $0.minX < $1.minX }
        return boxes.withUnsafeBufferPointer { boxes in
            for a in 0..<m {
                let s = boxes[a]
                var b = a + 1
                while b < m, boxes[b].minX <= s.maxX {
                    let t = boxes[b]
                    b += 1
                    if t.minY > s.maxY || t.maxY < s.minY { continue }
                    let gap = abs(s.index - t.index)
                    if gap == 1 || gap == m - 1 { continue }  // consecutive: checked above
                    if !certainlyDisjoint(r[s.index], r[s.index + 1], r[t.index], r[t.index + 1]) { return false }
                }
            }
            return true
        }
    }

    /// True when the closed ring's edge directions go round exactly once: the signs of the edges'
    /// x extents (exact in floating point; zero extents skipped) change exactly twice around the ring.
    ///
    /// A closed ring that certainly turns the same way at every vertex has directions that only
    /// advance, so they go round a whole number of times, and each turn changes the x sign twice.
    /// Going round once is a convex polygon traversed once (total turning 2π: Fenchel), hence simple;
    /// a star polygon goes round twice or more and is left to the sweep.
    static func windsOnce(_ r: [Coordinate]) -> Bool {
        var changes = 0
        var previous = 0.0
        var first = 0.0
        for k in 0..<(r.count - 1) {
            let dx = r[k + 1].x - r[k].x
            if dx == 0 { continue }
            if first == 0 { first = dx } else if (dx > 0) != (previous > 0) { changes += 1 }
            previous = dx
        }
        if first != 0 && (first > 0) != (previous > 0) { changes += 1 }
        return changes == 2
    }

    /// A segment's bounding box and its position in the ring.
    struct SegmentBox {
        var minX: Double
        var maxX: Double
        var minY: Double
        var maxY: Double
        var index: Int
    }
}
