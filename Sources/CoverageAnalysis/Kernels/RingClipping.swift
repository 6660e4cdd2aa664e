import CoverageModel

/// Clips rings to an axis-aligned box (Sutherland–Hodgman).
///
/// The result may run along the box's sides and be degenerate there, but its winding number is
/// the original ring's at every point strictly inside the box — which is all a scanline needs.
enum RingClipping {
    /// Replaces `points` (a ring without its closing vertex) by its part inside `box`; `scratch` is working space.
    static func clip(_ points: inout [Coordinate], to box: BoundingBox, scratch: inout [Coordinate]) {
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
