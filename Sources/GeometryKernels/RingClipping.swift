import CoverageModel

/// Clips rings to an axis-aligned box (Sutherland–Hodgman).
///
/// The result may run along the box's sides and be degenerate there, but its winding number is
/// the original ring's at every point strictly inside the box — which is all a scanline needs.
enum RingClipping {
    /// The part of `ring` (without its closing vertex, within `bounds`) inside `box`, in `output`;
    /// returns the output's bounds. `scratch` is working space.
    ///
    /// A pass against a side that all points already lie inside would copy them unchanged: skipped.
    static func clip(
        _ ring: UnsafeBufferPointer<Coordinate>, bounds: BoundingBox, to box: BoundingBox,
        into output: inout [Coordinate], scratch: inout [Coordinate]
    ) -> BoundingBox {
        var clipper = Clipper(ring: ring, bounds: bounds)
        if clipper.bounds.minX < box.minX {
            clipper.pass(&output, &scratch, { $0.x >= box.minX }) { a, b in
                Coordinate(box.minX, a.y + (b.y - a.y) * (box.minX - a.x) / (b.x - a.x))
            }
        }
        if clipper.bounds.maxX > box.maxX {
            clipper.pass(&output, &scratch, { $0.x <= box.maxX }) { a, b in
                Coordinate(box.maxX, a.y + (b.y - a.y) * (box.maxX - a.x) / (b.x - a.x))
            }
        }
        if clipper.bounds.minY < box.minY {
            clipper.pass(&output, &scratch, { $0.y >= box.minY }) { a, b in
                Coordinate(a.x + (b.x - a.x) * (box.minY - a.y) / (b.y - a.y), box.minY)
            }
        }
        if clipper.bounds.maxY > box.maxY {
            clipper.pass(&output, &scratch, { $0.y <= box.maxY }) { a, b in
                Coordinate(a.x + (b.x - a.x) * (box.maxY - a.y) / (b.y - a.y), box.maxY)
            }
        }
        if !clipper.inOutput {
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: ring)
        }
        return clipper.bounds
    }

    /// Twice the signed planar area of a ring given without its closing vertex (positive counter-clockwise).
    static func doubleArea(_ points: UnsafeBufferPointer<Coordinate>) -> Double {
        guard points.count >= 3 else { return 0 }
        let x0 = points[0].x
        let y0 = points[0].y
        var sum = 0.0
        var previous = points[points.count - 1]
        for c in points {
            sum += (previous.x - x0) * (c.y - y0) - (c.x - x0) * (previous.y - y0)
            previous = c
        }
        return sum
    }

    /// The bounds of a ring's points (inverted, with infinite sides, when there are none).
    static func bounds(_ points: UnsafeBufferPointer<Coordinate>) -> BoundingBox {
        var minX = Double.infinity
        var minY = Double.infinity
        var maxX = -Double.infinity
        var maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x)
            minY = min(minY, p.y)
            maxX = max(maxX, p.x)
            maxY = max(maxY, p.y)
        }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

}

/// The state of one clipping: where the points are (the input ring until a pass has run, then the
/// output) and their bounds.
private struct Clipper {
    let ring: UnsafeBufferPointer<Coordinate>
    var bounds: BoundingBox
    var inOutput = false

    init(ring: UnsafeBufferPointer<Coordinate>, bounds: BoundingBox) {
        self.ring = ring
        self.bounds = bounds
    }

    /// Runs one pass on the current points, leaving its result in `output` (`scratch`: working space).
    mutating func pass(
        _ output: inout [Coordinate], _ scratch: inout [Coordinate], _ inside: (Coordinate) -> Bool,
        _ cut: (Coordinate, Coordinate) -> Coordinate
    ) {
        if inOutput {
            scratch.removeAll(keepingCapacity: true)
            bounds = output.withUnsafeBufferPointer { Self.pass($0, into: &scratch, inside, cut) }
            swap(&output, &scratch)
        } else {
            output.removeAll(keepingCapacity: true)
            bounds = Self.pass(ring, into: &output, inside, cut)
            inOutput = true
        }
    }

    /// One Sutherland–Hodgman pass against the half-plane `inside`, appending to `output`; `cut`
    /// intersects an edge with its line. Returns the bounds of the points appended.
    private static func pass(
        _ points: UnsafeBufferPointer<Coordinate>, into output: inout [Coordinate], _ inside: (Coordinate) -> Bool,
        _ cut: (Coordinate, Coordinate) -> Coordinate
    ) -> BoundingBox {
        var bounds = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        guard let last = points.last else { return bounds }
        var previous = last
        var previousInside = inside(previous)
        for p in points {
            let pInside = inside(p)
            if pInside != previousInside {
                let c = cut(previous, p)
                output.append(c)
                bounds.extend(c)
            }
            if pInside {
                output.append(p)
                bounds.extend(p)
            }
            previous = p
            previousInside = pInside
        }
        return bounds
    }
}
