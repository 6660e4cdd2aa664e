import CoverageModel
import SpatialSQL

/// Exact geometry with GEOS through SpatiaLite, on one snapshot: the primitive unions and
/// differences from which the analysis composes uncovered-area polygons.
///
/// Every result is WKB clipped to polygons (nil when empty). Statements are prepared once per
/// filter and reused; use it on the snapshot's thread only.
public final class ExactGeometry {
    let snapshot: ReadSnapshot
    private var statements: [String: Statement] = [:]

    init(_ snapshot: ReadSnapshot) { self.snapshot = snapshot }

    /// The statement for `sql`, prepared on first use.
    func statement(_ sql: String) throws -> Statement {
        if let stmt = statements[sql] { return stmt }
        let stmt = try snapshot.db.prepare(sql)
        statements[sql] = stmt
        return stmt
    }

    /// The union of one technology's coverage areas (of one operator, when given) whose bounding
    /// boxes meet `box`, clipped to `unit`.
    public func coverageUnion(
        unit: UnitReference, technology: String, operatorName: String?, box: BoundingBox
    ) throws -> [UInt8]? {
        let op = operatorName == nil ? "" : " AND c.operator = ?3"
        // ?1 unit id, ?2 technology, ?3 operator, ?6…?9 the unit's bounding box. The R*Tree is
        // queried with bound numbers: a correlated search frame would be re-run for every row.
        let sql = """
            SELECT AsBinary(CollectionExtract(ST_Intersection(
                     (SELECT geom FROM admin_units WHERE id = ?1), ST_UnaryUnion(ST_Collect(c.geom))), 3))
            FROM coverage_areas c
            WHERE c.technology = ?2\(op)
              AND c.id IN (SELECT pkid FROM idx_coverage_areas_geom
                           WHERE xmin <= ?8 AND xmax >= ?6 AND ymin <= ?9 AND ymax >= ?7)
            """
        return try blob(sql, [unit.rowID, technology, operatorName ?? "", 0, 0] + frame(box))
    }

    /// The union of fibre reach clipped to `unit`: fibre routes and nodes of the given statuses
    /// (and operator) buffered by `dropMetres` in a local metric plane (lon, lat scaled by
    /// `metresPerDegree`), for features whose boxes meet `box` widened by `marginDegrees`.
    public func fibreReachUnion(
        unit: UnitReference, box: BoundingBox, metresPerDegree: (x: Double, y: Double), dropMetres: Double,
        marginDegrees: Double, statuses: Set<InfrastructureStatus>, operatorName: String?
    ) throws -> [UInt8]? {
        let rop = operatorName == nil ? "" : " AND r.operator = ?3"
        let list = InfrastructureStatus.allCases.filter(statuses.contains).map { "'\($0.rawValue)'" }
            .joined(separator: ",")
        // ?1 unit id, ?2 metres per degree of longitude, ?3 operator, ?4 drop distance (m),
        // ?5 search margin (degrees), ?6…?9 the unit's bounding box, ?10 metres per degree of latitude.
        // The buffers are computed only for routes and nodes whose MBR meets the unit's expanded frame.
        let sql = """
            SELECT AsBinary(CollectionExtract(ST_Intersection(
                     (SELECT geom FROM admin_units WHERE id = ?1), ST_UnaryUnion(ST_Collect(b.g))), 3))
            FROM (SELECT ScaleCoords(ST_Buffer(ScaleCoords(r.geom, ?2, ?10), ?4, 8), 1.0 / ?2, 1.0 / ?10) AS g FROM routes r
                    WHERE r.medium = 'fibre' AND r.status IN (\(list))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_routes_geom
                                   WHERE xmin <= ?8 + ?5 AND xmax >= ?6 - ?5 AND ymin <= ?9 + ?5 AND ymax >= ?7 - ?5)
                  UNION ALL
                  SELECT ScaleCoords(ST_Buffer(ScaleCoords(r.geom, ?2, ?10), ?4, 8), 1.0 / ?2, 1.0 / ?10) FROM nodes r
                    WHERE r.status IN (\(list))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_nodes_geom
                                   WHERE xmin <= ?8 + ?5 AND xmax >= ?6 - ?5 AND ymin <= ?9 + ?5 AND ymax >= ?7 - ?5)) b
            """
        let values: [any SQLBindable] =
            [unit.rowID, metresPerDegree.x, operatorName ?? "", dropMetres, marginDegrees] + frame(box)
            + [metresPerDegree.y]
        return try blob(sql, values)
    }

    /// The polygonal union of two WKB geometries (nil when empty).
    public func union(_ a: [UInt8], _ b: [UInt8]) throws -> [UInt8]? {
        try blob(
            "SELECT AsBinary(CollectionExtract(ST_Union(GeomFromWKB(?1, 4326), GeomFromWKB(?2, 4326)), 3))",
            [SQLValue.blob(a), SQLValue.blob(b)])
    }

    /// `unit` minus `cover` (the whole unit when `cover` is nil) as a multipolygon WKB with its
    /// ellipsoidal area in km²; nil when nothing is left.
    public func unit(_ unit: UnitReference, minus cover: [UInt8]?) throws -> (wkb: [UInt8], km2: Double)? {
        let difference = try snapshot.store.wrap {
            try statement(
                """
                SELECT AsBinary(d), ST_Area(d, 1) FROM (SELECT CASE WHEN ?2 IS NULL THEN u.geom
                  ELSE CastToMultiPolygon(CollectionExtract(ST_Difference(u.geom, GeomFromWKB(?2, 4326)), 3)) END AS d
                  FROM admin_units u WHERE u.id = ?1)
                """)
        }
        return try snapshot.store.wrap {
            try difference.bind([unit.rowID, cover.map(SQLValue.blob) ?? .null])
            defer { difference.reset() }
            guard try difference.step(), let wkb = difference.row.blob(0), !wkb.isEmpty else { return nil }
            let km2 = difference.row.double(1) / 1e6
            return km2 > 0 ? (wkb, km2) : nil
        }
    }

    /// The bounding box as parameters ?6…?9: min lon, min lat, max lon, max lat.
    private func frame(_ b: BoundingBox) -> [any SQLBindable] { [b.minX, b.minY, b.maxX, b.maxY] }

    /// The first column of the statement for `sql` as a non-empty blob, or nil.
    private func blob(_ sql: String, _ values: [any SQLBindable]) throws -> [UInt8]? {
        let stmt = try snapshot.store.wrap { try statement(sql) }
        return try snapshot.store.wrap {
            try stmt.bindAvailable(values)
            defer { stmt.reset() }
            guard try stmt.step(), let b = stmt.row.blob(0), !b.isEmpty else { return nil }
            return b
        }
    }
}

extension ReadSnapshot {
    /// Exact (GEOS) geometry operations on this snapshot's contents.
    public func exactGeometry() -> ExactGeometry { ExactGeometry(self) }
}
