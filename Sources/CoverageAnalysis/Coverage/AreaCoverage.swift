import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels
import SpatialSQL

/// Uncovered-area polygons with GEOS through SpatiaLite: the unit minus the union of a measure's coverage.
///
/// Per unit, the union of each base layer (2G, 3G, 4G, 5G coverage; fibre reach as routes and nodes
/// buffered by the drop distance in a local metric plane — lon/lat scaled by the WGS 84 radii of
/// curvature at the unit's centre, the same local metric the point classification uses) is computed
/// once, clipped to the unit;
/// derived measures (4G+, broadband) are unions of those, and the uncovered part for gaps is the
/// unit minus the gap measure's union.
final class AreaCoverage {
    let db: Connection
    let parameters: CoverageParameters
    private let mobileUnion: Statement
    private let fibreUnion: Statement
    private let union2: Statement
    private let difference: Statement

    init(db: Connection, parameters: CoverageParameters) throws {
        self.db = db
        self.parameters = parameters
        let op = parameters.operatorName == nil ? "" : " AND c.operator = ?3"
        let rop = parameters.operatorName == nil ? "" : " AND r.operator = ?3"
        let statuses = parameters.includePlanned ? "'active','planned'" : "'active'"
        // ?1 unit id, ?2 technology, ?3 operator, ?6…?9 the unit's bounding box. The R*Tree is
        // queried with bound numbers: a correlated search frame would be re-run for every row.
        mobileUnion = try db.prepare(
            """
            SELECT AsBinary(CollectionExtract(ST_Intersection(
                     (SELECT geom FROM admin_units WHERE id = ?1), ST_UnaryUnion(ST_Collect(c.geom))), 3))
            FROM coverage_areas c
            WHERE c.technology = ?2\(op)
              AND c.id IN (SELECT pkid FROM idx_coverage_areas_geom
                           WHERE xmin <= ?8 AND xmax >= ?6 AND ymin <= ?9 AND ymax >= ?7)
            """)
        // ?1 unit id, ?2 metres per degree of longitude, ?3 operator, ?4 drop distance (m),
        // ?5 search margin (degrees), ?6…?9 the unit's bounding box, ?10 metres per degree of latitude.
        // The buffers are computed only for routes and nodes whose MBR meets the unit's expanded frame.
        fibreUnion = try db.prepare(
            """
            SELECT AsBinary(CollectionExtract(ST_Intersection(
                     (SELECT geom FROM admin_units WHERE id = ?1), ST_UnaryUnion(ST_Collect(b.g))), 3))
            FROM (SELECT ScaleCoords(ST_Buffer(ScaleCoords(r.geom, ?2, ?10), ?4, 8), 1.0 / ?2, 1.0 / ?10) AS g FROM routes r
                    WHERE r.medium = 'fibre' AND r.status IN (\(statuses))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_routes_geom
                                   WHERE xmin <= ?8 + ?5 AND xmax >= ?6 - ?5 AND ymin <= ?9 + ?5 AND ymax >= ?7 - ?5)
                  UNION ALL
                  SELECT ScaleCoords(ST_Buffer(ScaleCoords(r.geom, ?2, ?10), ?4, 8), 1.0 / ?2, 1.0 / ?10) FROM nodes r
                    WHERE r.status IN (\(statuses))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_nodes_geom
                                   WHERE xmin <= ?8 + ?5 AND xmax >= ?6 - ?5 AND ymin <= ?9 + ?5 AND ymax >= ?7 - ?5)) b
            """)
        union2 = try db.prepare(
            "SELECT AsBinary(CollectionExtract(ST_Union(GeomFromWKB(?1, 4326), GeomFromWKB(?2, 4326)), 3))")
        difference = try db.prepare(
            """
            SELECT AsBinary(d), ST_Area(d, 1) FROM (SELECT CASE WHEN ?2 IS NULL THEN u.geom
              ELSE CastToMultiPolygon(CollectionExtract(ST_Difference(u.geom, GeomFromWKB(?2, 4326)), 3)) END AS d
              FROM admin_units u WHERE u.id = ?1)
            """)
    }

    /// The covered parts of one unit: the union per measure (WKB, nil when nothing covers it).
    struct UnitCover {
        var unions: [Measure: [UInt8]]
    }

    /// Computes the unions of every requested measure (and the gap measure) for one unit.
    func cover(unitID: Int64, centre: Coordinate, box: BoundingBox, measures: Set<Measure>) throws -> UnitCover {
        var base: [Measure: [UInt8]] = [:]
        func baseUnion(_ key: Measure) throws -> [UInt8]? {
            if let cached = base[key] { return cached.isEmpty ? nil : cached }
            let wkb: [UInt8]?
            if key == .fibre {
                let scale = LocalScale(latitude: centre.y)
                wkb = try blob(
                    fibreUnion,
                    fibreBindings(unitID: unitID, centre: centre, metresPerDegreeX: scale.metresPerDegreeX) + frame(box)
                        + [scale.metresPerDegreeY])
            } else {
                wkb = try blob(mobileUnion, [unitID, key.rawValue, parameters.operatorName ?? "", 0, 0] + frame(box))
            }
            base[key] = wkb ?? []
            return wkb
        }
        func union(_ keys: [Measure]) throws -> [UInt8]? {
            var acc: [UInt8]?
            for k in keys {
                guard let next = try baseUnion(k) else { continue }
                guard let current = acc else {
                    acc = next
                    continue
                }
                acc = try blob(union2, [SQLValue.blob(current), SQLValue.blob(next)])
            }
            return acc
        }
        var unions: [Measure: [UInt8]] = [:]
        for key in measures {
            // A base measure is its own one layer; the union of one layer is that layer.
            if let wkb = try union(key.baseMeasures(broadbandMinimum: parameters.broadbandMinimum)) {
                unions[key] = wkb
            }
        }
        return UnitCover(unions: unions)
    }

    /// The uncovered part of the unit for `key` (nil when fully covered) and its area in km².
    func uncovered(unitID: Int64, cover: UnitCover, key: Measure) throws -> (wkb: [UInt8], km2: Double)? {
        try difference.bind([unitID, cover.unions[key].map(SQLValue.blob) ?? .null])
        defer { difference.reset() }
        guard try difference.step(), let wkb = difference.row.blob(0), !wkb.isEmpty else { return nil }
        let km2 = difference.row.double(1) / 1e6
        return km2 > 0 ? (wkb, km2) : nil
    }

    /// The bounding box as parameters ?6…?9: min lon, min lat, max lon, max lat.
    private func frame(_ b: BoundingBox) -> [any SQLBindable] { [b.minX, b.minY, b.maxX, b.maxY] }

    private func fibreBindings(unitID: Int64, centre: Coordinate, metresPerDegreeX: Double) -> [any SQLBindable] {
        let margin = parameters.fibreDistanceMetres / (111_000 * max(cos(centre.y * .pi / 180), 0.1))
        return [unitID, metresPerDegreeX, parameters.operatorName ?? "", parameters.fibreDistanceMetres, margin]
    }

    private func blob(_ stmt: Statement, _ values: [any SQLBindable]) throws -> [UInt8]? {
        try stmt.bindAvailable(values)
        defer { stmt.reset() }
        guard try stmt.step(), let b = stmt.row.blob(0), !b.isEmpty else { return nil }
        return b
    }
}
