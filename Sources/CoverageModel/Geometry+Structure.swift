/// Structural checks that need no geometry engine: finite numbers, closed rings, enough points.
extension Geometry {
    /// The first structural problem, described for a user, or nil when the geometry is well formed.
    ///
    /// Topological validity (self-intersection etc.) is GEOS's job; this catches what GEOS cannot
    /// even parse: NaN/Inf ordinates, unclosed rings, rings with < 4 points, lines with < 2 points.
    public var structuralProblem: String? {
        var problem: String?
        forEachCoordinate { c in
            if problem == nil, !c.isFinite { problem = "coordinate (\(c.x), \(c.y)) is not a finite number" }
        }
        if let problem { return problem }
        switch self {
        case .point, .multiPoint:
            return isEmpty ? "empty geometry" : nil
        case .lineString(let l):
            return Self.lineProblem(l, label: "LineString")
        case .multiLineString(let ls):
            if ls.isEmpty { return "empty geometry" }
            for (i, l) in ls.enumerated() {
                if let p = Self.lineProblem(l, label: "line \(i)") { return p }
            }
            return nil
        case .polygon(let p):
            return Self.polygonProblem(p, label: "Polygon")
        case .multiPolygon(let ps):
            if ps.isEmpty { return "empty geometry" }
            for (i, p) in ps.enumerated() {
                if let problem = Self.polygonProblem(p, label: "polygon \(i)") { return problem }
            }
            return nil
        }
    }

    private static func lineProblem(_ l: [Coordinate], label: String) -> String? {
        if l.isEmpty { return "empty geometry" }
        if l.count < 2 { return "\(label) has \(l.count) point; a line needs at least 2" }
        return nil
    }

    private static func polygonProblem(_ p: Polygon, label: String) -> String? {
        Polygon.ringProblem(p.rings, label: label)
    }

    /// True when every coordinate is a valid longitude/latitude (−180…180, −90…90).
    public var isLonLat: Bool {
        var ok = true
        forEachCoordinate { c in
            if abs(c.x) > 180 || abs(c.y) > 90 { ok = false }
        }
        return ok
    }

    /// A coordinate that stands for the geometry in messages (its first vertex).
    public var firstCoordinate: Coordinate? {
        var first: Coordinate?
        forEachCoordinate { c in if first == nil { first = c } }
        return first
    }
}
