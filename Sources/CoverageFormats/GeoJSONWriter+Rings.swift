import CoverageModel

/// Polygon rings as written: snapped to the output precision, slivers dropped, RFC 7946 orientation.
extension GeoJSONWriter {
    /// Rings enclosing less than this many square degrees once snapped to the output precision
    /// (1e-10 deg², about 1.2 m² at the equator) are slivers, dropped from the output: holes are
    /// left out, and a polygon whose exterior is one is left out (a feature left with no polygon
    /// gets a `null` geometry).
    public static let minimumRingArea = 1e-10

    /// The ring snapped to `precision` decimals exactly as it will be printed, without repeated
    /// vertices, closed, and turned counter-clockwise (exterior) or clockwise (hole) as measured on
    /// the snapped coordinates; nil when it is a sliver (see ``minimumRingArea``).
    static func writtenRing(_ ring: Ring, exterior: Bool, precision: Int) -> Ring? {
        let d = max(0, min(precision, 15))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        var grid: [(Double, Double)] = []
        grid.reserveCapacity(ring.count + 1)
        for c in ring {
            let p = ((c.x * scale).rounded(.toNearestOrAwayFromZero), (c.y * scale).rounded(.toNearestOrAwayFromZero))
            if let last = grid.last, last == p { continue }
            grid.append(p)
        }
        if let first = grid.first, let last = grid.last, first != last { grid.append(first) }
        guard grid.count >= 4 else { return nil }
        // Shoelace on the grid, shifted to the first vertex so that small rings are summed exactly.
        let (x0, y0) = grid[0]
        var twiceArea = 0.0
        for i in 1..<grid.count {
            let (ax, ay) = grid[i - 1]
            let (bx, by) = grid[i]
            twiceArea += (ax - x0) * (by - y0) - (bx - x0) * (ay - y0)
        }
        guard abs(twiceArea) / 2 >= minimumRingArea * scale * scale else { return nil }
        if (twiceArea > 0) != exterior { grid.reverse() }
        return grid.map { Coordinate($0.0 / scale, $0.1 / scale) }
    }

    /// The polygon's rings as written, or nil when its exterior is a sliver.
    static func writtenRings(_ polygon: Polygon, precision: Int) -> [Ring]? {
        guard let exterior = polygon.rings.first.flatMap({ writtenRing($0, exterior: true, precision: precision) })
        else { return nil }
        return [exterior]
            + polygon.rings.dropFirst().compactMap { writtenRing($0, exterior: false, precision: precision) }
    }
}
