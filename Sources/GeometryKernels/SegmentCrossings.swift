/// Where a segment a→b meets a polygon edge p→q, as parameters t ∈ [0, 1] along a→b.
enum SegmentCrossings {
    /// Appends the parameters where a→b meets p→q to `cuts`; when the two overlap collinearly, also
    /// appends the overlap's parameter interval to `onEdge`.
    ///
    /// Whether they meet is decided exactly (orientation predicates); where they cross properly the
    /// parameter is computed in floating point, clamped to [0, 1]. A touch at an endpoint gives that
    /// endpoint's parameter exactly (0, 1, or the projection of p or q).
    @inline(__always)
    static func add(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double, _ qx: Double,
        _ qy: Double, cuts: inout [Double], onEdge: inout [(Double, Double)]
    ) {
        guard Swift.max(px, qx) >= Swift.min(ax, bx), Swift.min(px, qx) <= Swift.max(ax, bx),
            Swift.max(py, qy) >= Swift.min(ay, by), Swift.min(py, qy) <= Swift.max(ay, by)
        else { return }
        let o1 = Orientation.orient(ax, ay, bx, by, px, py)
        let o2 = Orientation.orient(ax, ay, bx, by, qx, qy)
        if o1 == o2 && o1 != 0 { return }
        if o1 == 0 && o2 == 0 {
            // Collinear: the overlap of the two, if any (the boxes already overlap).
            var t0 = parameter(ax, ay, bx, by, px, py)
            var t1 = parameter(ax, ay, bx, by, qx, qy)
            if t0 > t1 { swap(&t0, &t1) }
            t0 = Swift.max(0, t0)
            t1 = Swift.min(1, t1)
            guard t0 <= t1 else { return }
            cuts.append(t0)
            cuts.append(t1)
            onEdge.append((t0, t1))
            return
        }
        let o3 = Orientation.orient(px, py, qx, qy, ax, ay)
        let o4 = Orientation.orient(px, py, qx, qy, bx, by)
        if o3 == o4 && o3 != 0 { return }
        let t: Double
        if o3 == 0 {
            t = 0
        } else if o4 == 0 {
            t = 1
        } else if o1 == 0 {
            t = parameter(ax, ay, bx, by, px, py)
        } else if o2 == 0 {
            t = parameter(ax, ay, bx, by, qx, qy)
        } else {
            let ex = qx - px
            let ey = qy - py
            t = ((px - ax) * ey - (py - ay) * ex) / ((bx - ax) * ey - (by - ay) * ex)
        }
        cuts.append(Swift.min(1, Swift.max(0, t)))
    }

    /// The parameter of a point on the line a→b, measured along its longer axis.
    @inline(__always)
    static func parameter(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ x: Double, _ y: Double) -> Double {
        let dx = bx - ax
        let dy = by - ay
        return abs(dx) >= abs(dy) ? (x - ax) / dx : (y - ay) / dy
    }
}
