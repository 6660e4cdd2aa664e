import CoverageFormats
import CoverageModel
import SpatialSQL

/// A feature whose geometry GEOS finds invalid: its layer (table), key (code or id) and GEOS's reason.
public struct InvalidFeature: Sendable, Hashable {
    public var table: String
    public var key: String
    public var reason: String
}

/// A point feature's id and position (lon, lat).
public struct PointFeature: Sendable, Hashable {
    public var id: String
    public var position: Coordinate
}

/// An id used more than once in a layer.
public struct DuplicateID: Sendable, Hashable {
    public var table: String
    public var id: String
    public var count: Int
}

/// The first and last point of a fibre route.
public struct RouteEnds: Sendable, Hashable {
    /// The route's row id (store-internal).
    package var rowID: Int64
    public var id: String
    public var start: Coordinate
    public var end: Coordinate
}

/// The point layers checked for points outside every commune.
public enum PointLayer: String, Sendable {
    case sites, institutions
}

/// Reads behind the data-quality checks (GEOS through SpatiaLite): values only, the checks decide.
extension Store {
    /// The overlap area (m², ellipsoidal) of each pair of communes of `vintage` (by code) whose
    /// interiors overlap (GEOS `ST_Overlaps`), nil for pairs that do not.
    public func communeOverlapAreas(vintage: String, pairs: [(String, String)]) throws -> [Double?] {
        try wrap {
            let area = try db.prepare(
                """
                SELECT ST_Area(ST_Intersection(a.geom, b.geom), 1) FROM admin_units a, admin_units b
                WHERE a.vintage = ?1 AND a.code = ?2 AND b.vintage = ?1 AND b.code = ?3 AND a.level = 'commune'
                  AND b.level = 'commune' AND ST_Overlaps(a.geom, b.geom)
                """)
            return try pairs.map { pair in
                try area.bind([vintage, pair.0, pair.1])
                defer { area.reset() }
                return try area.step() ? area.row.double(0) : nil
            }
        }
    }

    /// The union of the communes of `vintage` and the area (m²) of the province outside it (nil
    /// without a province unit); nil when the query returns nothing.
    public func communeUnion(vintage: String) throws -> (union: Geometry?, provinceOutsideM2: Double?)? {
        try wrap {
            let stmt = try db.prepare(
                """
                WITH u AS (SELECT ST_UnaryUnion(ST_Collect(geom)) AS g FROM admin_units WHERE vintage = ?1 AND level = 'commune'),
                     p AS (SELECT geom AS g FROM admin_units WHERE vintage = ?1 AND level = 'province' LIMIT 1)
                SELECT AsBinary(u.g), (SELECT ST_Area(ST_Difference(p.g, u.g), 1) FROM p) FROM u
                """
            ).bind([vintage])
            defer { stmt.reset() }
            guard try stmt.step() else { return nil }
            let outside = stmt.row.optionalDouble(1)
            let union: Geometry? = try stmt.row.withBlob(0) { $0.isEmpty ? nil : try WKB.decode($0) }
            return (union, outside)
        }
    }

    /// Features whose geometry GEOS says is invalid: admin units, coverage areas, routes, then hamlet areas.
    public func invalidGeometries() throws -> [InvalidFeature] {
        try wrap {
            var found: [InvalidFeature] = []
            for (table, key) in [("admin_units", "code"), ("coverage_areas", "ext_id"), ("routes", "ext_id")] {
                found += try db.rows(
                    "SELECT \(key), ST_IsValidReason(geom) FROM \(table) WHERE ST_IsValid(geom) = 0 ORDER BY id"
                ) { InvalidFeature(table: table, key: $0.text(0) ?? "?", reason: $0.text(1) ?? "invalid") }
            }
            found += try db.rows(
                "SELECT code, ST_IsValidReason(area) FROM hamlets WHERE area IS NOT NULL AND ST_IsValid(area) = 0"
            ) { InvalidFeature(table: "hamlets", key: $0.text(0) ?? "?", reason: $0.text(1) ?? "invalid") }
            return found
        }
    }

    /// The ids of routes that intersect no commune of `vintage`, in id order.
    public func routesOutsideCommunes(vintage: String) throws -> [String] {
        try wrap {
            try db.rows(
                """
                SELECT r.ext_id FROM routes r WHERE NOT EXISTS (
                  SELECT 1 FROM admin_units u WHERE u.vintage = ?1 AND u.level = 'commune'
                    AND u.id IN (SELECT pkid FROM idx_admin_units_geom WHERE xmin <= MbrMaxX(r.geom) AND xmax >= MbrMinX(r.geom)
                                 AND ymin <= MbrMaxY(r.geom) AND ymax >= MbrMinY(r.geom))
                    AND ST_Intersects(u.geom, r.geom)) ORDER BY r.id
                """, [vintage]
            ) { $0.text(0) ?? "?" }
        }
    }

    /// Calls `body` with every point of `layer`, in id order.
    public func forEachPoint(of layer: PointLayer, _ body: (PointFeature) throws -> Void) throws {
        try wrap {
            try db.prepare("SELECT ext_id, X(geom), Y(geom) FROM \(layer.rawValue) ORDER BY id").forEachRow { r in
                try body(PointFeature(id: r.text(0) ?? "?", position: Coordinate(r.double(1), r.double(2))))
            }
        }
    }

    /// Ids used more than once within a layer (across datasets too): households, institutions,
    /// routes, nodes, sites, coverage areas (at most 1000 each, most used first), then hamlet codes.
    public func duplicateIDs() throws -> [DuplicateID] {
        try wrap {
            var found: [DuplicateID] = []
            for table in ["households", "institutions", "routes", "nodes", "sites", "coverage_areas"] {
                found += try db.rows(
                    "SELECT ext_id, count(*) FROM \(table) GROUP BY ext_id HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 1000"
                ) { DuplicateID(table: table, id: $0.text(0) ?? "", count: Int($0.int(1))) }
            }
            found += try db.rows("SELECT code, count(*) FROM hamlets GROUP BY code HAVING count(*) > 1 ORDER BY 1") {
                DuplicateID(table: "hamlets", id: $0.text(0) ?? "", count: Int($0.int(1)))
            }
            return found
        }
    }

    /// The first and last point of every fibre route, in id order.
    public func fibreRouteEnds() throws -> [RouteEnds] {
        try wrap {
            try db.rows(
                """
                SELECT id, ext_id, X(StartPoint(ST_GeometryN(geom, 1))), Y(StartPoint(ST_GeometryN(geom, 1))),
                       X(EndPoint(ST_GeometryN(geom, ST_NumGeometries(geom)))), Y(EndPoint(ST_GeometryN(geom, ST_NumGeometries(geom))))
                FROM routes WHERE medium = 'fibre' ORDER BY id
                """
            ) {
                RouteEnds(
                    rowID: $0.int(0), id: $0.text(1) ?? "?", start: Coordinate($0.double(2), $0.double(3)),
                    end: Coordinate($0.double(4), $0.double(5)))
            }
        }
    }

    /// For each probe (a route end), the number of other routes and of nodes within `metres` of its
    /// point (geodesic), searched within `marginDegrees` of it.
    public func connectionCounts(
        _ probes: [(route: RouteEnds, point: Coordinate)], metres: Double, marginDegrees: Double
    ) throws -> [Int] {
        try wrap {
            let probe = try db.prepare(
                """
                SELECT (SELECT count(*) FROM routes o WHERE o.id <> ?1 AND o.id IN (SELECT pkid FROM idx_routes_geom
                          WHERE xmin <= ?2 + ?4 AND xmax >= ?2 - ?4 AND ymin <= ?3 + ?4 AND ymax >= ?3 - ?4)
                          AND ST_Distance(o.geom, MakePoint(?2, ?3, 4326), 1) <= ?5)
                     + (SELECT count(*) FROM nodes n WHERE n.id IN (SELECT pkid FROM idx_nodes_geom
                          WHERE xmin <= ?2 + ?4 AND xmax >= ?2 - ?4 AND ymin <= ?3 + ?4 AND ymax >= ?3 - ?4)
                          AND ST_Distance(n.geom, MakePoint(?2, ?3, 4326), 1) <= ?5)
                """)
            return try probes.map { route, p in
                try probe.bind([route.rowID, p.x, p.y, marginDegrees, metres])
                defer { probe.reset() }
                return try probe.step() ? Int(probe.row.int(0)) : -1
            }
        }
    }
}
