import CoverageFormats
import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels
import SpatialSQL

/// One data-quality check: what was looked for, how many problems, and examples.
public struct QualityCheck: Sendable, Codable, Hashable {
    public enum Severity: String, Sendable, Codable { case error, warning, info }
    public var id: String
    public var title: String
    public var severity: Severity
    public var count: Int
    /// Up to 20 examples, each naming the feature(s) and the detail.
    public var examples: [String]
}

/// The outcome of `covaudit check`.
public struct QualityReport: Sendable, Codable {
    public var vintage: String?
    public var checks: [QualityCheck]
    /// Problems of severity error.
    public var errors: Int { checks.filter { $0.severity == .error }.reduce(0) { $0 + $1.count } }
}

/// Data-quality checks over a store: topology of admin units, validity, orphans, duplicates, dangling routes.
public struct DataQuality {
    public let store: Store
    /// Admin vintage to check (nil: the newest).
    public var vintage: String?
    /// Overlaps smaller than this (m²) are ignored (digitising noise).
    public var overlapToleranceM2 = 100.0
    /// A route end within this many metres of another route or a node is connected.
    public var danglingToleranceMetres = 10.0

    public init(store: Store) { self.store = store }

    /// Runs every check.
    public func run() throws -> QualityReport {
        let db = store.db
        let vintage = try self.vintage ?? store.newestVintage()
        var checks: [QualityCheck] = []
        let units = try vintage.map { try store.adminUnits(vintage: $0, level: .commune) } ?? []
        checks.append(try overlaps(db, vintage: vintage, units: units))
        checks.append(try gaps(db, vintage: vintage))
        checks.append(try invalidGeometries(db))
        let index = PolygonIndex(units.map(\.geometry))
        checks.append(
            try outside(db, table: "routes", title: "routes outside every commune", units: units, lines: true))
        checks.append(try pointsOutside(db, table: "sites", title: "cell sites outside every commune", index: index))
        checks.append(
            try pointsOutside(db, table: "institutions", title: "institutions outside every commune", index: index))
        checks.append(try duplicates(db))
        checks.append(try dangling(db))
        return QualityReport(vintage: vintage, checks: checks)
    }

    private func check(_ id: String, _ title: String, _ severity: QualityCheck.Severity, _ items: [String])
        -> QualityCheck
    {
        QualityCheck(id: id, title: title, severity: severity, count: items.count, examples: Array(items.prefix(20)))
    }

    /// Pairs of communes of the vintage whose interiors overlap by more than the tolerance.
    private func overlaps(_ db: Connection, vintage: String?, units: [AdminUnit]) throws -> QualityCheck {
        let boxes = units.map { $0.geometry.boundingBox }
        let area = try db.prepare(
            """
            SELECT ST_Area(ST_Intersection(a.geom, b.geom), 1) FROM admin_units a, admin_units b
            WHERE a.vintage = ?1 AND a.code = ?2 AND b.vintage = ?1 AND b.code = ?3 AND a.level = 'commune'
              AND b.level = 'commune' AND ST_Overlaps(a.geom, b.geom)
            """)
        var found: [String] = []
        for i in units.indices {
            for j in (i + 1)..<units.count {
                guard let a = boxes[i], let b = boxes[j], a.intersects(b) else { continue }
                try area.bind([vintage ?? "", units[i].code, units[j].code])
                defer { area.reset() }
                if try area.step(), area.row.double(0) > overlapToleranceM2 {
                    found.append(
                        "\(units[i].code) \(units[i].name) × \(units[j].code) \(units[j].name): "
                            + "\(Self.fixed(area.row.double(0) / 1e6, 4)) km²")
                }
            }
        }
        return check("admin-overlaps", "communes that overlap (vintage \(vintage ?? "none"))", .warning, found)
    }

    /// Parts of the province not covered by any commune, and holes inside the union of communes.
    private func gaps(_ db: Connection, vintage: String?) throws -> QualityCheck {
        guard let vintage else { return check("admin-gaps", "gaps between communes", .info, []) }
        let stmt = try db.prepare(
            """
            WITH u AS (SELECT ST_UnaryUnion(ST_Collect(geom)) AS g FROM admin_units WHERE vintage = ?1 AND level = 'commune'),
                 p AS (SELECT geom AS g FROM admin_units WHERE vintage = ?1 AND level = 'province' LIMIT 1)
            SELECT AsBinary(u.g), (SELECT ST_Area(ST_Difference(p.g, u.g), 1) FROM p) FROM u
            """
        ).bind([vintage])
        defer { stmt.reset() }
        var found: [String] = []
        if try stmt.step() {
            if let uncovered = stmt.row.optionalDouble(1), uncovered > overlapToleranceM2 {
                found.append("\(Self.fixed(uncovered / 1e6, 4)) km² of the province lie in no commune")
            }
            let union: Geometry? = try stmt.row.withBlob(0) { $0.isEmpty ? nil : try WKB.decode($0) }
            let holes = union?.polygons.reduce(0) { $0 + $1.holes.count } ?? 0
            if holes > 0 { found.append("\(holes) hole(s) inside the union of communes") }
        }
        return check("admin-gaps", "gaps between communes (vintage \(vintage))", .warning, found)
    }

    /// Features whose geometry GEOS says is invalid, in every polygonal and lineal layer.
    private func invalidGeometries(_ db: Connection) throws -> QualityCheck {
        var found: [String] = []
        for (table, key) in [("admin_units", "code"), ("coverage_areas", "ext_id"), ("routes", "ext_id")] {
            found += try db.rows(
                "SELECT \(key), ST_IsValidReason(geom) FROM \(table) WHERE ST_IsValid(geom) = 0 ORDER BY id"
            ) { "\(table) \($0.text(0) ?? "?"): \($0.text(1) ?? "invalid")" }
        }
        found += try db.rows(
            "SELECT code, ST_IsValidReason(area) FROM hamlets WHERE area IS NOT NULL AND ST_IsValid(area) = 0"
        ) {
            "hamlets \($0.text(0) ?? "?"): \($0.text(1) ?? "invalid")"
        }
        return check("invalid-geometry", "invalid geometries (GEOS)", .error, found)
    }

    /// Routes that intersect no commune of the vintage.
    private func outside(_ db: Connection, table: String, title: String, units: [AdminUnit], lines: Bool) throws
        -> QualityCheck
    {
        guard !units.isEmpty else { return check("\(table)-outside", title, .info, []) }
        let vintage = units[0].vintage
        let found = try db.rows(
            """
            SELECT r.ext_id FROM \(table) r WHERE NOT EXISTS (
              SELECT 1 FROM admin_units u WHERE u.vintage = ?1 AND u.level = 'commune'
                AND u.id IN (SELECT pkid FROM idx_admin_units_geom WHERE xmin <= MbrMaxX(r.geom) AND xmax >= MbrMinX(r.geom)
                             AND ymin <= MbrMaxY(r.geom) AND ymax >= MbrMinY(r.geom))
                AND ST_Intersects(u.geom, r.geom)) ORDER BY r.id
            """, [vintage]
        ) { "\(table) \($0.text(0) ?? "?")" }
        return check("\(table)-outside", title, .warning, found)
    }

    /// Points of a layer that lie in no commune (Swift point-in-polygon, boundary inclusive).
    private func pointsOutside(_ db: Connection, table: String, title: String, index: PolygonIndex) throws
        -> QualityCheck
    {
        guard index.count > 0 else { return check("\(table)-outside", title, .info, []) }
        var found: [String] = []
        try db.prepare("SELECT ext_id, X(geom), Y(geom) FROM \(table) ORDER BY id").forEachRow { r in
            let c = Coordinate(r.double(1), r.double(2))
            if !index.contains(c) {
                found.append("\(table) \(r.text(0) ?? "?") at \(Self.fixed(c.x, 5)), \(Self.fixed(c.y, 5))")
            }
        }
        return check("\(table)-outside", title, .warning, found)
    }

    /// Ids used more than once within a layer (across datasets too).
    private func duplicates(_ db: Connection) throws -> QualityCheck {
        var found: [String] = []
        for table in ["households", "institutions", "routes", "nodes", "sites", "coverage_areas"] {
            found += try db.rows(
                "SELECT ext_id, count(*) FROM \(table) GROUP BY ext_id HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 1000"
            ) { "\(table) id '\($0.text(0) ?? "")' × \($0.int(1))" }
        }
        found += try db.rows("SELECT code, count(*) FROM hamlets GROUP BY code HAVING count(*) > 1 ORDER BY 1") {
            "hamlets code '\($0.text(0) ?? "")' × \($0.int(1))"
        }
        return check("duplicate-ids", "duplicate ids", .warning, found)
    }

    /// Fibre route ends that touch no other route and no node (within the tolerance).
    private func dangling(_ db: Connection) throws -> QualityCheck {
        let ends = try db.rows(
            """
            SELECT id, ext_id, X(StartPoint(ST_GeometryN(geom, 1))), Y(StartPoint(ST_GeometryN(geom, 1))),
                   X(EndPoint(ST_GeometryN(geom, ST_NumGeometries(geom)))), Y(EndPoint(ST_GeometryN(geom, ST_NumGeometries(geom))))
            FROM routes WHERE medium = 'fibre' ORDER BY id
            """
        ) {
            (
                $0.int(0), $0.text(1) ?? "?", Coordinate($0.double(2), $0.double(3)),
                Coordinate($0.double(4), $0.double(5))
            )
        }
        let probe = try db.prepare(
            """
            SELECT (SELECT count(*) FROM routes o WHERE o.id <> ?1 AND o.id IN (SELECT pkid FROM idx_routes_geom
                      WHERE xmin <= ?2 + ?4 AND xmax >= ?2 - ?4 AND ymin <= ?3 + ?4 AND ymax >= ?3 - ?4)
                      AND ST_Distance(o.geom, MakePoint(?2, ?3, 4326), 1) <= ?5)
                 + (SELECT count(*) FROM nodes n WHERE n.id IN (SELECT pkid FROM idx_nodes_geom
                      WHERE xmin <= ?2 + ?4 AND xmax >= ?2 - ?4 AND ymin <= ?3 + ?4 AND ymax >= ?3 - ?4)
                      AND ST_Distance(n.geom, MakePoint(?2, ?3, 4326), 1) <= ?5)
            """)
        let margin = danglingToleranceMetres / 100_000
        var found: [String] = []
        for (id, ext, start, end) in ends {
            for (label, p) in [("start", start), ("end", end)] {
                try probe.bind([id, p.x, p.y, margin, danglingToleranceMetres])
                defer { probe.reset() }
                if try probe.step(), probe.row.int(0) == 0 {
                    found.append("route \(ext) \(label) at \(Self.fixed(p.x, 5)), \(Self.fixed(p.y, 5))")
                }
            }
        }
        return check("dangling-route-ends", "fibre route ends connected to no route or node", .info, found)
    }

    static func fixed(_ x: Double, _ d: Int) -> String { String(format: "%.\(d)f", x) }
}
