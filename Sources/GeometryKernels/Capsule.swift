/// The points within `radius` of a segment (a disk when the segment is a point), in a local metric plane.
///
/// Coordinates are metres in a plane tangent at some origin (x east, y north). The capsule is convex,
/// so its intersection with a horizontal line is one interval.
package struct Capsule: Sendable {
    let x0: Double
    let y0: Double
    let x1: Double
    let y1: Double
    let radius: Double
    /// Unit direction and length of the segment (zero for a point).
    private let ux: Double
    private let uy: Double
    private let length: Double

    package init(x0: Double, y0: Double, x1: Double, y1: Double, radius: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.radius = radius
        let dx = x1 - x0
        let dy = y1 - y0
        let len = (dx * dx + dy * dy).squareRoot()
        length = len
        ux = len > 0 ? dx / len : 1
        uy = len > 0 ? dy / len : 0
    }

    /// True when the capsule's bounding box meets the box (local metres).
    func meets(_ b: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Bool {
        Swift.min(x0, x1) - radius <= b.x1 && Swift.max(x0, x1) + radius >= b.x0
            && Swift.min(y0, y1) - radius <= b.y1 && Swift.max(y0, y1) + radius >= b.y0
    }

    /// True when the box (local metres) lies inside the capsule: all its corners do (the capsule is convex).
    func contains(_ b: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Bool {
        contains(b.x0, b.y0) && contains(b.x1, b.y0) && contains(b.x0, b.y1) && contains(b.x1, b.y1)
    }

    /// True when the point is within `radius` of the segment.
    func contains(_ x: Double, _ y: Double) -> Bool {
        let t = Swift.min(Swift.max((x - x0) * ux + (y - y0) * uy, 0), length)
        let dx = x - (x0 + t * ux)
        let dy = y - (y0 + t * uy)
        return dx * dx + dy * dy <= radius * radius
    }

    /// The lowest and highest y the capsule reaches.
    var yRange: (low: Double, high: Double) { (Swift.min(y0, y1) - radius, Swift.max(y0, y1) + radius) }

    /// The interval of x where the horizontal line at `y` is inside the capsule (boundary included), or nil.
    @inline(__always)
    func interval(atY y: Double) -> (low: Double, high: Double)? {
        var low = Double.infinity
        var high = -Double.infinity
        let r2 = radius * radius
        let d0 = y - y0
        if d0 * d0 <= r2 {
            let h = (r2 - d0 * d0).squareRoot()
            low = x0 - h
            high = x0 + h
        }
        let d1 = y - y1
        if d1 * d1 <= r2 {
            let h = (r2 - d1 * d1).squareRoot()
            low = Swift.min(low, x1 - h)
            high = Swift.max(high, x1 + h)
        }
        if length > 0, let band = bandInterval(d0) {
            low = Swift.min(low, band.low)
            high = Swift.max(high, band.high)
        }
        return low <= high ? (low, high) : nil
    }

    /// The line's part inside the rectangle swept by the segment's normal (|offset| ≤ radius,
    /// projection within the segment). `dy` is the line's height above the first endpoint.
    @inline(__always)
    private func bandInterval(_ dy: Double) -> (low: Double, high: Double)? {
        // Along the segment: t = (x − x0)·ux + dy·uy ∈ [0, length].
        var low = -Double.infinity
        var high = Double.infinity
        if abs(ux) > 1e-12 {
            let a = (0 - dy * uy) / ux
            let b = (length - dy * uy) / ux
            low = Swift.min(a, b)
            high = Swift.max(a, b)
        } else {
            let t = dy * uy
            if t < 0 || t > length { return nil }
        }
        // Across the segment: s = −(x − x0)·uy + dy·ux ∈ [−radius, radius].
        if abs(uy) > 1e-12 {
            let a = (dy * ux - radius) / uy
            let b = (dy * ux + radius) / uy
            low = Swift.max(low, Swift.min(a, b))
            high = Swift.min(high, Swift.max(a, b))
        } else if abs(dy * ux) > radius {
            return nil
        }
        return low <= high ? (x0 + low, x0 + high) : nil
    }
}
