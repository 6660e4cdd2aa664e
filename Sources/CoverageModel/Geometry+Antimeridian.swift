/// Geometries that cross the antimeridian (longitude ±180°).
extension Geometry {
    /// The first edge of a line or ring whose ends lie more than 180° of longitude apart, or nil.
    ///
    /// Such an edge only makes sense as a crossing of ±180° (the short way round); read as
    /// written it spans most of the globe, e.g. a polygon from 179° to −179° becomes a 358° band.
    public var antimeridianEdge: (Coordinate, Coordinate)? {
        func jump(_ line: [Coordinate]) -> (Coordinate, Coordinate)? {
            guard line.count >= 2 else { return nil }
            for i in 1..<line.count where abs(line[i].x - line[i - 1].x) > 180 { return (line[i - 1], line[i]) }
            return nil
        }
        switch self {
        case .point, .multiPoint: return nil
        case .lineString(let l): return jump(l)
        case .multiLineString(let ls): return ls.lazy.compactMap(jump).first
        case .polygon(let p): return p.rings.lazy.compactMap(jump).first
        case .multiPolygon(let ps): return ps.lazy.flatMap(\.rings).compactMap(jump).first
        }
    }
}
