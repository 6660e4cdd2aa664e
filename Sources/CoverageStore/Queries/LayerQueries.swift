import CoverageFormats
import CoverageModel
import SpatialSQL

/// Typed reads of each layer as Model values (geometry decoded from the stored BLOB in Swift).
extension Store {
    /// Decodes the SpatiaLite geometry BLOB in column `i` (nil for NULL): in Swift when
    /// `SpatiaLiteBlob.decode` reads it, else through SpatiaLite's WKB (`AsBinary`), as before.
    func geometry(_ row: Row, _ i: Int) throws -> Geometry? {
        let direct = row.withBlob(i) { bytes -> Geometry?? in
            if bytes.isEmpty { return .some(nil) }
            guard let g = SpatiaLiteBlob.decode(bytes) else { return .none }
            return .some(g)
        }
        switch direct {
        case .some(.none): return nil
        case .some(.some(let g)): return try g.validatingPolygons()
        case .none: break
        }
        let wkb = try db.scalar("SELECT AsBinary(?)", [SQLValue.blob(row.blob(i) ?? [])])
        guard case .blob(let bytes) = wkb, !bytes.isEmpty else { return nil }
        return try WKB.decode(bytes)
    }

    /// A WHERE clause keeping the rows of the datasets `ids` (integers, so written inline), or "" for nil.
    static func inDatasets(_ ids: [Int64]?) -> String {
        ids.map { " WHERE dataset_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
    }

    private func point(_ row: Row, _ i: Int) throws -> Coordinate {
        guard case .point(let c)? = try geometry(row, i) else { return Coordinate(.nan, .nan) }
        return c
    }

    /// Admin units of one vintage (and level, when given), ordered by code; the geometry of those
    /// outside `scope` is empty.
    public func adminUnits(vintage: String? = nil, level: AdminLevel? = nil, geometry scope: GeometryScope = .all)
        throws -> [AdminUnit]
    {
        return try wrap {
            let shapes = try scopedGeometries("admin_units", scope)
            return try db.rows(
                """
                SELECT code, name, level, parent_code, vintage, \(Self.geometryColumn(shapes)), id FROM admin_units
                WHERE (?1 IS NULL OR vintage = ?1) AND (?2 IS NULL OR level = ?2) ORDER BY vintage, code
                """, [vintage, level?.rawValue]
            ) { r in
                AdminUnit(
                    code: r.text(0) ?? "", name: r.text(1) ?? "",
                    level: AdminLevel(lenient: r.text(2) ?? "") ?? .commune,
                    parentCode: r.text(3), vintage: r.text(4) ?? "",
                    geometry: try geometry(r, 5, shapes, id: 6) ?? .multiPolygon([]))
            }
        }
    }

    /// The geometry in column `i` when `shapes` is nil (every row decoded), else the shape `shapes`
    /// holds for the row id in column `id` (nil: none).
    private func geometry(_ row: Row, _ i: Int, _ shapes: [Int64: Geometry]?, id: Int) throws -> Geometry? {
        guard let shapes else { return try geometry(row, i) }
        return shapes[row.int(id)]
    }

    /// The geometry of `table`'s rows in scope, by row id (nil: every row's, read with the rows).
    ///
    /// Read one row id at a time before the rows, whose query then selects NULL for the geometry:
    /// the BLOBs of the rows out of scope (most of a what-if run's, issue 18) are never loaded.
    private func scopedGeometries(_ table: String, _ scope: GeometryScope) throws -> [Int64: Geometry]? {
        guard let ids = try decodedRowIDs(table, scope) else { return nil }
        var shapes: [Int64: Geometry] = [:]
        shapes.reserveCapacity(ids.count)
        let query = try db.prepare("SELECT geom FROM \"\(table)\" WHERE id = ?1")
        for id in ids.sorted() {
            try query.bind([id]).forEachRow { r in
                if let g = try geometry(r, 0) { shapes[id] = g }
            }
        }
        return shapes
    }

    /// The geometry column of a read: the BLOB, or NULL when `shapes` were read beforehand.
    private static func geometryColumn(_ shapes: [Int64: Geometry]?) -> String { shapes == nil ? "geom" : "NULL" }

    /// Every hamlet, ordered by code.
    public func hamlets() throws -> [Hamlet] {
        try wrap {
            try db.rows(
                "SELECT code, name, commune_code, households, population, geom, area FROM hamlets ORDER BY code"
            ) { r in
                Hamlet(
                    code: r.text(0) ?? "", name: r.text(1) ?? "", communeCode: r.text(2),
                    households: r.optionalInt(3).map(Int.init), population: r.optionalInt(4).map(Int.init),
                    point: try point(r, 5), area: try geometry(r, 6))
            }
        }
    }

    /// Calls `body` for every location in storage order without materialising them all.
    public func forEachLocation(_ body: (Location) throws -> Void) throws {
        try wrap {
            try db.prepare("SELECT ext_id, lon, lat, households, persons, kind FROM households ORDER BY id")
                .forEachRow { r in
                    try body(
                        Location(
                            id: r.text(0) ?? "", position: Coordinate(r.double(1), r.double(2)),
                            households: Int(r.int(3)), persons: r.optionalInt(4).map(Int.init),
                            kind: LocationKind(lenient: r.text(5) ?? "") ?? .residential))
                }
        }
    }

    /// Every location, in storage order.
    public func locations() throws -> [Location] {
        var out: [Location] = []
        try forEachLocation { out.append($0) }
        return out
    }

    /// Every institution, ordered by id.
    public func institutions() throws -> [Institution] {
        try wrap {
            try db.rows(
                "SELECT ext_id, kind, name, connection, evidence, speed_mbps, geom FROM institutions ORDER BY id"
            ) { r in
                Institution(
                    id: r.text(0) ?? "", kind: InstitutionKind(lenient: r.text(1) ?? "") ?? .business,
                    name: r.text(2) ?? "",
                    position: try point(r, 6), connection: ConnectionKind(lenient: r.text(3) ?? "") ?? .unknown,
                    evidence: EvidenceGrade(lenient: r.text(4) ?? "") ?? .declared, speedMbps: r.optionalDouble(5))
            }
        }
    }

    /// Every transmission route, ordered by id; the geometry of those outside `scope` is empty.
    public func routes(geometry scope: GeometryScope = .all) throws -> [Route] {
        try routes(datasets: nil, geometry: scope)
    }

    /// The routes of the datasets `ids` (nil: all), ordered by id.
    func routes(datasets ids: [Int64]?, geometry scope: GeometryScope = .all) throws -> [Route] {
        return try wrap {
            let shapes = try scopedGeometries("routes", scope)
            return try db.rows(
                "SELECT ext_id, operator, medium, level, status, capacity, \(Self.geometryColumn(shapes)), id FROM routes\(Self.inDatasets(ids)) ORDER BY id"
            ) { r in
                Route(
                    id: r.text(0) ?? "", operatorName: r.text(1) ?? "",
                    medium: Medium(lenient: r.text(2) ?? "") ?? .fibre,
                    level: RouteLevel(lenient: r.text(3) ?? "") ?? .access,
                    status: InfrastructureStatus(lenient: r.text(4) ?? "") ?? .active, capacity: r.text(5),
                    geometry: try geometry(r, 6, shapes, id: 7) ?? .multiLineString([]))
            }
        }
    }

    /// Every network node, ordered by id.
    public func nodes() throws -> [NetworkNode] { try nodes(datasets: nil) }

    /// The nodes of the datasets `ids` (nil: all), ordered by id.
    func nodes(datasets ids: [Int64]?) throws -> [NetworkNode] {
        try wrap {
            try db.rows("SELECT ext_id, kind, operator, status, geom FROM nodes\(Self.inDatasets(ids)) ORDER BY id") {
                r in
                NetworkNode(
                    id: r.text(0) ?? "", kind: NodeKind(lenient: r.text(1) ?? "") ?? .pop,
                    operatorName: r.text(2) ?? "",
                    status: InfrastructureStatus(lenient: r.text(3) ?? "") ?? .active, position: try point(r, 4))
            }
        }
    }

    /// Every cell site, ordered by id.
    public func sites() throws -> [CellSite] {
        try wrap {
            try db.rows("SELECT ext_id, operator, technology, band, range_m, geom FROM sites ORDER BY id") {
                r in
                CellSite(
                    id: r.text(0) ?? "", operatorName: r.text(1) ?? "",
                    technology: Technology(lenient: r.text(2) ?? "") ?? .g4, position: try point(r, 5),
                    rangeMetres: r.optionalDouble(4), band: r.text(3))
            }
        }
    }

    /// Every coverage area, ordered by id; the geometry of those outside `scope` is empty.
    public func coverageAreas(geometry scope: GeometryScope = .all) throws -> [CoverageArea] {
        try coverageAreas(datasets: nil, geometry: scope)
    }

    /// The coverage areas of the datasets `ids` (nil: all), ordered by id.
    func coverageAreas(datasets ids: [Int64]?, geometry scope: GeometryScope = .all) throws -> [CoverageArea] {
        try coverageAreaRows(datasets: ids, geometry: scope).areas
    }

    /// The coverage areas of the datasets `ids` (nil: all), ordered by id, with the row id of the
    /// first (nil: no row).
    func coverageAreaRows(datasets ids: [Int64]?, geometry scope: GeometryScope = .all) throws -> AddedCoverageAreas {
        return try wrap {
            let shapes = try scopedGeometries("coverage_areas", scope)
            var first: Int64?
            let areas = try db.rows(
                "SELECT ext_id, operator, technology, source, \(Self.geometryColumn(shapes)), id FROM coverage_areas\(Self.inDatasets(ids)) ORDER BY id"
            ) {
                r in
                if first == nil { first = r.int(5) }
                return CoverageArea(
                    id: r.text(0) ?? "", operatorName: r.text(1) ?? "",
                    technology: Technology(lenient: r.text(2) ?? "") ?? .g4,
                    source: CoverageSource(lenient: r.text(3) ?? "") ?? .declared,
                    geometry: try geometry(r, 4, shapes, id: 5) ?? .multiPolygon([]))
            }
            return AddedCoverageAreas(areas: areas, firstRowID: first)
        }
    }
}

extension Store {
    /// The crosswalk from one vintage to another, ordered by old code then new code.
    public func crosswalk(from oldVintage: String, to newVintage: String) throws -> [CrosswalkEntry] {
        try wrap {
            try db.rows(
                """
                SELECT old_code, new_code, share FROM crosswalk WHERE old_vintage = ? AND new_vintage = ?
                ORDER BY old_code, new_code
                """, [oldVintage, newVintage]
            ) {
                CrosswalkEntry(
                    oldVintage: oldVintage, oldCode: $0.text(0) ?? "", newVintage: newVintage,
                    newCode: $0.text(1) ?? "", share: $0.double(2))
            }
        }
    }
}

extension Store {
    /// The vintage of the most recently imported communes, or nil when there are none.
    public func newestVintage() throws -> String? {
        try wrap {
            try db.scalar(
                "SELECT vintage FROM admin_units WHERE level = 'commune' ORDER BY dataset_id DESC, id DESC LIMIT 1"
            )
            .text
        }
    }

    /// Every admin vintage in the store, sorted.
    public func vintages() throws -> [String] {
        try wrap { try db.rows("SELECT DISTINCT vintage FROM admin_units ORDER BY 1") { $0.text(0) ?? "" } }
    }

    /// The number of locations (household points).
    public func locationCount() throws -> Int {
        try wrap { Int(try db.scalar("SELECT count(*) FROM households").int ?? 0) }
    }

    /// Unit statistics of one vintage: code → (households, persons).
    public func unitStatistics(vintage: String) throws -> [String: (households: Int?, persons: Int?)] {
        try wrap {
            var out: [String: (households: Int?, persons: Int?)] = [:]
            try db.prepare("SELECT code, households, persons FROM unit_statistics WHERE vintage = ?").bind([vintage])
                .forEachRow {
                    out[$0.text(0) ?? ""] = ($0.optionalInt(1).map(Int.init), $0.optionalInt(2).map(Int.init))
                }
            return out
        }
    }

    /// The vintages that have unit statistics.
    public func statisticsVintages() throws -> [String] {
        try wrap { try db.rows("SELECT DISTINCT vintage FROM unit_statistics ORDER BY 1") { $0.text(0) ?? "" } }
    }

    /// Vintages that have a crosswalk to `newVintage`.
    public func crosswalkSources(to newVintage: String) throws -> [String] {
        try wrap {
            try db.rows("SELECT DISTINCT old_vintage FROM crosswalk WHERE new_vintage = ? ORDER BY 1", [newVintage]) {
                $0.text(0) ?? ""
            }
        }
    }
}
