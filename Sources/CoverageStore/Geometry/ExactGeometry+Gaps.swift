import CoverageModel
import SpatialSQL

/// What is left of a unit after a subtraction: nothing, the whole unit, or a part (WKB).
public enum UnitRemainder: Sendable, Equatable {
    /// Nothing is left (fully covered).
    case none
    /// The whole unit is left (nothing to subtract).
    case whole
    /// This polygonal part (WKB) is left.
    case part([UInt8])
}

/// Uncovered-area polygons subtracting the cheap layers first: the unit minus the union of the
/// mobile coverage, then that remainder minus the fibre reach that can touch it.
///
/// The same point set as `unit(_:minus:)` of the per-layer unions clipped to the unit, up to GEOS's
/// noding (tested in `GapPolygonTests`): the fibre buffers, whose union is the costly part, are only
/// those meeting what the mobile coverage leaves, and no layer is clipped to the unit before it is
/// subtracted.
extension ExactGeometry {
    /// `unit` minus the union of the coverage areas of `technologies` (of one operator, when given)
    /// whose boxes meet `box` (the unit's box).
    public func unit(
        _ unit: UnitReference, minusCoverageOf technologies: [String], operatorName: String?, box: BoundingBox
    ) throws -> UnitRemainder {
        guard !technologies.isEmpty else { return .whole }
        let op = operatorName == nil ? "" : " AND c.operator = ?3"
        let list = technologies.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ",")
        // ?1 unit id, ?3 operator, ?6…?9 the unit's bounding box (bound numbers for the R*Tree).
        let sql = """
            SELECT AsBinary(CollectionExtract(ST_Difference(
                     (SELECT geom FROM admin_units WHERE id = ?1), ST_UnaryUnion(ST_Collect(c.geom))), 3)), count(*)
            FROM coverage_areas c
            WHERE c.technology IN (\(list))\(op)
              AND c.id IN (SELECT pkid FROM idx_coverage_areas_geom
                           WHERE xmin <= ?8 AND xmax >= ?6 AND ymin <= ?9 AND ymax >= ?7)
            """
        let values: [any SQLBindable] = [unit.rowID, 0, operatorName ?? "", 0, 0] + bounds(box)
        // An aggregate always yields one row.
        guard let (wkb, parts) = try firstRow(sql, values, { ($0.blob(0), $0.int(1)) }), parts > 0 else {
            return .whole
        }
        guard let wkb, !wkb.isEmpty else { return .none }
        return .part(wkb)
    }

    /// `remainder` (of `unit`) minus the fibre reach of routes and nodes of the given statuses (and
    /// operator) whose boxes meet the remainder's box widened by `marginDegrees`, buffered by
    /// `dropMetres` in the local metric plane of `metresPerDegree` (as `fibreReachUnion`); as a
    /// multipolygon WKB with its ellipsoidal area in km², nil when nothing is left.
    public func polygon(
        _ remainder: UnitRemainder, of unit: UnitReference, minusFibreReach fibre: FibreReach?
    ) throws -> (wkb: [UInt8], km2: Double)? {
        let source: SQLValue
        switch remainder {
        case .none: return nil
        case .whole:
            guard fibre != nil else { return try self.unit(unit, minus: nil) }
            source = .null
        case .part(let wkb): source = .blob(wkb)
        }
        // ?11 the remainder (NULL: the whole unit, ?1).
        let base =
            "CASE WHEN ?11 IS NULL THEN (SELECT geom FROM admin_units WHERE id = ?1) ELSE GeomFromWKB(?11, 4326) END"
        guard let fibre else {
            return try area(
                "SELECT AsBinary(d), ST_Area(d, 1) FROM (SELECT CastToMultiPolygon(\(base)) AS d)",
                [unit.rowID, 0, 0, 0, 0, 0, 0, 0, 0, 0, source])
        }
        let frame = "SELECT MbrMinX(g), MbrMinY(g), MbrMaxX(g), MbrMaxY(g) FROM (SELECT \(base) AS g)"
        let noBuffers: [any SQLBindable] = [unit.rowID, 0, 0, 0, 0, 0, 0, 0, 0, 0, source]
        guard
            let box = try firstRow(
                frame, noBuffers,
                {
                    BoundingBox(minX: $0.double(0), minY: $0.double(1), maxX: $0.double(2), maxY: $0.double(3))
                })
        else { return nil }
        let rop = fibre.operatorName == nil ? "" : " AND r.operator = ?3"
        let list = InfrastructureStatus.allCases.filter(fibre.statuses.contains).map { "'\($0.rawValue)'" }
            .joined(separator: ",")
        let buffer = "ScaleCoords(ST_Buffer(ScaleCoords(r.geom, ?2, ?10), ?4, 8), 1.0 / ?2, 1.0 / ?10)"
        let near = "xmin <= ?8 + ?5 AND xmax >= ?6 - ?5 AND ymin <= ?9 + ?5 AND ymax >= ?7 - ?5"
        // ?1 unit id, ?2/?10 metres per degree of longitude/latitude, ?3 operator, ?4 drop distance (m),
        // ?5 search margin (degrees), ?6…?9 the remainder's bounding box, ?11 the remainder. Only buffers
        // meeting the remainder are united.
        let sql = """
            SELECT CASE WHEN count(b.g) = 0 THEN AsBinary(CastToMultiPolygon(\(base)))
                   ELSE AsBinary(CastToMultiPolygon(CollectionExtract(ST_Difference(\(base), ST_UnaryUnion(ST_Collect(b.g))), 3))) END
            FROM (SELECT \(buffer) AS g FROM routes r
                    WHERE r.medium = 'fibre' AND r.status IN (\(list))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_routes_geom WHERE \(near))
                  UNION ALL
                  SELECT \(buffer) FROM nodes r
                    WHERE r.status IN (\(list))\(rop)
                      AND r.id IN (SELECT pkid FROM idx_nodes_geom WHERE \(near))) b
            WHERE ST_Intersects(\(base), b.g)
            """
        let values: [any SQLBindable] =
            [
                unit.rowID, fibre.metresPerDegree.x, fibre.operatorName ?? "", fibre.dropMetres, fibre.marginDegrees,
            ] + bounds(box) + [fibre.metresPerDegree.y, source]
        guard let row = try firstRow(sql, values, { $0.blob(0) }), let left = row, !left.isEmpty else { return nil }
        return try area(
            "SELECT AsBinary(d), ST_Area(d, 1) FROM (SELECT GeomFromWKB(?1, 4326) AS d)", [SQLValue.blob(left)])
    }

    /// The first row of `sql` read by `read` (the statement prepared once and reset after).
    private func firstRow<T>(_ sql: String, _ values: [any SQLBindable], _ read: (Row) -> T) throws -> T? {
        let stmt = try snapshot.store.wrap { try statement(sql) }
        return try snapshot.store.wrap {
            try stmt.bindAvailable(values)
            defer { stmt.reset() }
            return try stmt.step() ? read(stmt.row) : nil
        }
    }

    /// A WKB and its area in m² from `sql`, as (WKB, km²); nil when empty or of no area.
    private func area(_ sql: String, _ values: [any SQLBindable]) throws -> (wkb: [UInt8], km2: Double)? {
        let row = try firstRow(sql, values) { ($0.blob(0), $0.double(1) / 1e6) }
        guard let (wkb, km2) = row, let wkb, !wkb.isEmpty, km2 > 0 else { return nil }
        return (wkb, km2)
    }

    /// The bounding box as parameters ?6…?9: min lon, min lat, max lon, max lat.
    private func bounds(_ b: BoundingBox) -> [any SQLBindable] { [b.minX, b.minY, b.maxX, b.maxY] }
}

/// How fibre reach is drawn around one unit: routes and nodes buffered by the drop distance in a local
/// metric plane, searched within a margin.
public struct FibreReach: Sendable {
    public var metresPerDegree: (x: Double, y: Double)
    public var dropMetres: Double
    public var marginDegrees: Double
    public var statuses: Set<InfrastructureStatus>
    public var operatorName: String?

    public init(
        metresPerDegree: (x: Double, y: Double), dropMetres: Double, marginDegrees: Double,
        statuses: Set<InfrastructureStatus>, operatorName: String?
    ) {
        self.metresPerDegree = metresPerDegree
        self.dropMetres = dropMetres
        self.marginDegrees = marginDegrees
        self.statuses = statuses
        self.operatorName = operatorName
    }
}
