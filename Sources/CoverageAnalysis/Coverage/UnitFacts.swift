import CoverageModel
import SpatialSQL

/// Per-unit facts GEOS computes: row id, centre (centroid), geodesic area, fibre length inside.
struct UnitFact: Sendable {
    let rowID: Int64
    let code: String
    let centre: Coordinate
    let areaKm2: Double
    let fibreKm: Double
    let box: BoundingBox
}

enum UnitFacts {
    /// Facts for the communes of `vintage`, ordered by code (the order of `Store.adminUnits`).
    static func load(_ db: Connection, vintage: String, parameters: CoverageParameters) throws -> [UnitFact] {
        let statuses = parameters.includePlanned ? "'active','planned'" : "'active'"
        let op = parameters.operatorName == nil ? "" : " AND r.operator = ?2"
        var facts: [UnitFact] = []
        try db.prepare(
            """
            SELECT u.id, u.code, X(c), Y(c), ST_Area(u.geom, 1) / 1e6,
              (SELECT total(ST_Length(ST_Intersection(u.geom, r.geom), 1)) FROM routes r
                 WHERE r.medium = 'fibre' AND r.status IN (\(statuses))\(op)
                   AND r.id IN (SELECT pkid FROM idx_routes_geom WHERE xmin <= u.maxx AND xmax >= u.minx
                                AND ymin <= u.maxy AND ymax >= u.miny)) / 1000,
              u.minx, u.miny, u.maxx, u.maxy
            FROM (SELECT *, ST_Centroid(geom) AS c, MbrMinX(geom) AS minx, MbrMinY(geom) AS miny,
                    MbrMaxX(geom) AS maxx, MbrMaxY(geom) AS maxy FROM admin_units) u
            WHERE u.vintage = ?1 AND u.level = 'commune' ORDER BY u.vintage, u.code
            """
        ).bindAvailable([vintage, parameters.operatorName ?? ""]).forEachRow {
            facts.append(
                UnitFact(
                    rowID: $0.int(0), code: $0.text(1) ?? "", centre: Coordinate($0.double(2), $0.double(3)),
                    areaKm2: $0.double(4), fibreKm: $0.double(5),
                    box: BoundingBox(minX: $0.double(6), minY: $0.double(7), maxX: $0.double(8), maxY: $0.double(9))))
        }
        return facts
    }
}
