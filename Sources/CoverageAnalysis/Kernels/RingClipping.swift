import CoverageModel

/// Clips rings to an axis-aligned box (Sutherland–Hodgman).
///
/// The result may run along the box's sides and be degenerate there, but its winding number is
/// the original ring's at every point strictly inside the box — which is all a scanline needs.
enum RingClipping {
    /// The part of `ring` inside `box` (closing vertex omitted; empty when nothing is inside).
    static func clip(_ ring: Ring, to box: BoundingBox) -> [Coordinate] {
        var points = ring.count > 1 && ring.first == ring.last ? Array(ring.dropLast()) : ring
        // Most rings lie wholly inside or outside a box: no clipping needed.
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
        if minX >= box.minX && maxX <= box.maxX && minY >= box.minY && maxY <= box.maxY { return points }
        if minX > box.maxX || maxX < box.minX || minY > box.maxY || maxY < box.minY { return [] }
        var scratch: [Coordinate] = []
        clip(&points, &scratch, { $0.x >= box.minX }) { a, b in
            Coordinate(box.minX, a.y + (b.y - a.y) * (box.minX - a.x) / (b.x - a.x))
        }
        clip(&points, &scratch, { $0.x <= box.maxX }) { a, b in
            Coordinate(box.maxX, a.y + (b.y - a.y) * (box.maxX - a.x) / (b.x - a.x))
        }
        clip(&points, &scratch, { $0.y >= box.minY }) { a, b in
            Coordinate(a.x + (b.x - a.x) * (box.minY - a.y) / (b.y - a.y), box.minY)
        }
        clip(&points, &scratch, { $0.y <= box.maxY }) { a, b in
            Coordinate(a.x + (b.x - a.x) * (box.maxY - a.y) / (b.y - a.y), box.maxY)
        }
        return points
    }

    /// Twice the signed planar area of a ring given without its closing vertex (positive counter-clockwise).
    static func doubleArea(_ points: [Coordinate]) -> Double {
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

    /// One Sutherland–Hodgman pass against the half-plane `inside`; `cut` intersects an edge with its line.
    private static func clip(
        _ points: inout [Coordinate], _ scratch: inout [Coordinate], _ inside: (Coordinate) -> Bool,
        _ cut: (Coordinate, Coordinate) -> Coordinate
    ) {
        guard let last = points.last else { return }
        scratch.removeAll(keepingCapacity: true)
        var previous = last
        var previousInside = inside(previous)
        for p in points {
            let pInside = inside(p)
            if pInside != previousInside { scratch.append(cut(previous, p)) }
            if pInside { scratch.append(p) }
            previous = p
            previousInside = pInside
        }
        swap(&points, &scratch)
    }
}
