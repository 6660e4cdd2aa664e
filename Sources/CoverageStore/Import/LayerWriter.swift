import CoverageFormats
import CoverageModel
import SpatialSQL

/// Writes the records of one layer into its table with one prepared INSERT.
struct LayerWriter {
    let layer: Layer
    let options: ImportOptions
    let file: String
    let datasetID: Int64
    let insert: Statement
    let db: Connection

    /// OpenCelliD network codes of Vietnam (MCC 452) and the operator names they stand for.
    static let vietnamNetworks: [Int: String] = [
        1: "MobiFone", 2: "VNPT", 4: "Viettel", 5: "Vietnamobile", 7: "Gmobile", 8: "Viettel",
    ]

    /// OSM `amenity` values and the institution kind they map to.
    static let osmKinds: [String: InstitutionKind] = [
        "school": .school, "kindergarten": .school, "college": .school, "university": .school,
        "hospital": .health, "clinic": .health, "doctors": .health, "health_post": .health,
        "townhall": .stateOffice, "police": .stateOffice, "post_office": .stateOffice,
        "courthouse": .stateOffice, "community_centre": .stateOffice, "bank": .business,
        "marketplace": .business,
    ]

    init(layer: Layer, options: ImportOptions, file: String, datasetID: Int64, db: Connection) throws {
        self.layer = layer
        self.options = options
        self.file = file
        self.datasetID = datasetID
        self.db = db
        let sql: String
        switch layer {
        case .communes:
            sql = """
                INSERT INTO admin_units(code, name, level, parent_code, vintage, dataset_id, geom)
                VALUES (?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
                """
        case .hamlets:
            sql = """
                INSERT INTO hamlets(code, name, commune_code, households, population, dataset_id, geom, area)
                VALUES (?, ?, ?, ?, ?, ?, COALESCE(GeomFromWKB(?7, 4326), ST_PointOnSurface(GeomFromWKB(?8, 4326))),
                        GeomFromWKB(?8, 4326))
                """
        case .households:
            sql = """
                INSERT INTO households(ext_id, households, persons, kind, lon, lat, dataset_id, geom)
                VALUES (?, ?, ?, ?, ?5, ?6, ?, MakePoint(?5, ?6, 4326))
                """
        case .institutions:
            sql = """
                INSERT INTO institutions(ext_id, kind, name, connection, evidence, speed_mbps, dataset_id, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
                """
        case .routes:
            sql = """
                INSERT INTO routes(ext_id, operator, medium, level, status, capacity, dataset_id, geom, length_m)
                VALUES (?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?8, 4326), ST_Length(GeomFromWKB(?8, 4326), 1))
                """
        case .nodes:
            sql = """
                INSERT INTO nodes(ext_id, kind, operator, status, dataset_id, geom)
                VALUES (?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
                """
        case .sites:
            sql = """
                INSERT INTO sites(ext_id, operator, technology, band, range_m, mcc, mnc, area_code, cell_id,
                                  samples, dataset_id, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
                """
        case .coverage:
            sql = """
                INSERT INTO coverage_areas(ext_id, operator, technology, source, confidence, as_of, site_id,
                                           dataset_id, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
                """
        case .crosswalk:
            sql = """
                INSERT INTO crosswalk(old_vintage, old_code, new_vintage, new_code, share, dataset_id)
                VALUES (?, ?, ?, ?, COALESCE(?, 1), ?)
                """
        case .statistics:
            sql = """
                INSERT INTO unit_statistics(vintage, code, households, persons, dataset_id) VALUES (?, ?, ?, ?, ?)
                """
        }
        insert = try db.prepare(sql)
    }

    /// The record's external id: its id field, else its position in the file.
    func externalID(_ r: InputRecord) -> String {
        if let id = r.text(FieldNames.id) { return id }
        switch r.location {
        case .feature(let i), .layerFeature(_, let i, _): return "feature-\(i)"
        case .line(let n): return "line-\(n)"
        default: return "row"
        }
    }

    /// The record's identity for duplicate detection within one file (nil when not keyed).
    func key(_ r: InputRecord) -> String? {
        switch layer {
        case .communes: return r.text(options.codeField.map { [$0] } ?? FieldNames.code)
        case .hamlets: return r.text(FieldNames.code)
        case .crosswalk:
            return (r.text(FieldNames.oldCode) ?? "") + "→" + (r.text(FieldNames.newCode) ?? "")
        case .coverage: return nil
        case .statistics: return r.text(options.codeField.map { [$0] } ?? FieldNames.code)
        case .sites where options.format == .opencellid: return openCellIDKey(r)
        default: return r.text(FieldNames.id)
        }
    }

    private func openCellIDKey(_ r: InputRecord) -> String {
        ["radio", "mcc", "net", "area", "cell"].map { r.text([$0]) ?? "" }.joined(separator: "-")
    }

    private func fail(_ r: InputRecord, _ reason: String) -> ImportError {
        ImportError(file: file, location: r.location, reason: reason)
    }

    /// Inserts one record whose geometry (lon/lat, checked) is `geometry`.
    /// Returns false when the record was deliberately skipped.
    func write(_ r: InputRecord, geometry: Geometry?) throws -> Bool {
        let wkb = geometry.map { WKB.encode($0) }
        var values: [SQLValue]
        switch layer {
        case .communes:
            guard let code = r.text(options.codeField.map { [$0] } ?? FieldNames.code) else {
                throw fail(r, "no code (looked for \(options.codeField ?? FieldNames.code.joined(separator: ", ")))")
            }
            let name = r.text(options.nameField.map { [$0] } ?? FieldNames.name) ?? code
            let level = try r.vocabulary(
                FieldNames.level, as: AdminLevel.self, fallback: options.adminLevel, file: file)
            let parent = r.text(options.parentField.map { [$0] } ?? FieldNames.parent)
            values = [
                .text(code), .text(name), .text(level.rawValue), parent.map(SQLValue.text) ?? .null,
                .text(options.vintage), .integer(datasetID), blob(geometry?.promotedToMulti),
            ]
        case .hamlets:
            guard let code = r.text(FieldNames.code) ?? r.text(FieldNames.id) else { throw fail(r, "no code") }
            let isPoint = geometry?.kind == .point
            values = [
                .text(code), .text(r.text(FieldNames.name) ?? code),
                r.text(FieldNames.communeCode).map(SQLValue.text) ?? .null,
                try r.count(FieldNames.households, file: file).map { .integer(Int64($0)) } ?? .null,
                try r.count(FieldNames.population, file: file).map { .integer(Int64($0)) } ?? .null,
                .integer(datasetID),
                isPoint ? wkb.map(SQLValue.blob) ?? .null : .null,
                isPoint ? .null : blob(geometry?.promotedToMulti),
            ]
        case .households:
            guard case .point(let c) = geometry else { throw fail(r, "no point geometry") }
            let households = try r.count(FieldNames.households, file: file) ?? 1
            let persons = try r.count(FieldNames.persons, file: file)
            let kind = try r.vocabulary(["kind"], as: LocationKind.self, fallback: .residential, file: file)
            values = [
                .text(externalID(r)), .integer(Int64(households)), persons.map { .integer(Int64($0)) } ?? .null,
                .text(kind.rawValue), .real(c.x), .real(c.y), .integer(datasetID),
            ]
        case .institutions:
            let kind: InstitutionKind
            if let raw = r.text(FieldNames.kind) {
                guard let k = InstitutionKind(lenient: raw) ?? Self.osmKinds[raw.lowercased()] else {
                    if options.skipUnknownKinds { return false }
                    throw fail(
                        r, "kind '\(raw)' is not one of \(InstitutionKind.spellings) (or use --skip-unknown-kinds)")
                }
                kind = k
            } else if let k = options.institutionKind {
                kind = k
            } else {
                if options.skipUnknownKinds { return false }
                throw fail(r, "no kind field and no --kind given (one of \(InstitutionKind.spellings))")
            }
            let connection = try r.vocabulary(
                FieldNames.connection, as: ConnectionKind.self, fallback: options.connection, file: file)
            let evidence = try r.vocabulary(
                FieldNames.evidence, as: EvidenceGrade.self, fallback: options.evidence, file: file)
            values = [
                .text(externalID(r)), .text(kind.rawValue), .text(r.text(FieldNames.name) ?? ""),
                .text(connection.rawValue), .text(evidence.rawValue),
                try r.number(FieldNames.speed, file: file).map(SQLValue.real) ?? .null,
                .integer(datasetID), wkb.map(SQLValue.blob) ?? .null,
            ]
        case .routes:
            let medium = try r.vocabulary(FieldNames.medium, as: Medium.self, fallback: options.medium, file: file)
            let level = try r.vocabulary(
                FieldNames.routeLevel, as: RouteLevel.self, fallback: options.routeLevel, file: file)
            let status = try r.vocabulary(
                FieldNames.status, as: InfrastructureStatus.self, fallback: options.status, file: file)
            values = [
                .text(externalID(r)), .text(operatorName(r)), .text(medium.rawValue), .text(level.rawValue),
                .text(status.rawValue), r.text(FieldNames.capacity).map(SQLValue.text) ?? .null,
                .integer(datasetID), blob(geometry?.promotedToMulti),
            ]
        case .nodes:
            let kind = try r.vocabulary(FieldNames.kind, as: NodeKind.self, fallback: options.nodeKind, file: file)
            let status = try r.vocabulary(
                FieldNames.status, as: InfrastructureStatus.self, fallback: options.status, file: file)
            values = [
                .text(externalID(r)), .text(kind.rawValue), .text(operatorName(r)), .text(status.rawValue),
                .integer(datasetID), wkb.map(SQLValue.blob) ?? .null,
            ]
        case .sites:
            values = try siteValues(r, wkb: wkb)
        case .coverage:
            let tech = try technology(r)
            let source = try r.vocabulary(
                FieldNames.source, as: CoverageSource.self, fallback: options.coverageSource, file: file)
            values = [
                .text(externalID(r)), .text(operatorName(r)), .text(tech.rawValue), .text(source.rawValue),
                try r.number(FieldNames.confidence, file: file).map(SQLValue.real) ?? .null,
                (r.text(["as_of"]) ?? options.asOf).map(SQLValue.text) ?? .null,
                r.text(FieldNames.siteID).map(SQLValue.text) ?? .null,
                .integer(datasetID), blob(geometry?.promotedToMulti),
            ]
        case .crosswalk:
            guard let old = r.text(FieldNames.oldCode), let new = r.text(FieldNames.newCode) else {
                throw fail(r, "needs old_code and new_code")
            }
            let share = try r.number(FieldNames.share, file: file)
            if let share, !(0...1).contains(share) { throw fail(r, "share \(share) is not between 0 and 1") }
            values = [
                .text(options.oldVintage), .text(old), .text(options.vintage), .text(new),
                share.map(SQLValue.real) ?? .null, .integer(datasetID),
            ]
        case .statistics:
            guard let code = r.text(options.codeField.map { [$0] } ?? FieldNames.code) else {
                throw fail(r, "no code (looked for \(options.codeField ?? FieldNames.code.joined(separator: ", ")))")
            }
            values = [
                .text(options.vintage), .text(code),
                try r.count(FieldNames.households, file: file).map { .integer(Int64($0)) } ?? .null,
                try r.count(FieldNames.persons, file: file).map { .integer(Int64($0)) } ?? .null,
                .integer(datasetID),
            ]
        }
        try insert.bind(values).run()
        return true
    }

    private func blob(_ g: Geometry?) -> SQLValue { g.map { .blob(WKB.encode($0)) } ?? .null }

    private func operatorName(_ r: InputRecord) -> String {
        r.text(FieldNames.operatorName) ?? options.operatorName ?? "unknown"
    }

    private func technology(_ r: InputRecord) throws -> Technology {
        if let raw = r.text(FieldNames.technology) {
            guard let t = Technology(lenient: raw) ?? Technology(openCellID: raw) else {
                throw fail(r, "technology '\(raw)' is not one of \(Technology.spellings)")
            }
            return t
        }
        guard let t = options.technology else {
            throw fail(r, "no technology field and no --technology given (one of \(Technology.spellings))")
        }
        return t
    }

    private func siteValues(_ r: InputRecord, wkb: [UInt8]?) throws -> [SQLValue] {
        let geom = wkb.map(SQLValue.blob) ?? .null
        guard options.format == .opencellid else {
            let tech = try technology(r)
            return [
                .text(externalID(r)), .text(operatorName(r)), .text(tech.rawValue),
                r.text(FieldNames.band).map(SQLValue.text) ?? .null,
                try r.number(FieldNames.range, file: file).map(SQLValue.real) ?? .null,
                .null, .null, .null, .null, .null, .integer(datasetID), geom,
            ]
        }
        guard let radio = r.text(["radio"]), let tech = Technology(openCellID: radio) else {
            throw fail(r, "radio '\(r.text(["radio"]) ?? "")' is not GSM, UMTS, CDMA, LTE or NR")
        }
        func int(_ name: String) throws -> Int64? {
            try r.number([name], file: file).map { Int64($0) }
        }
        let mcc = try int("mcc")
        let mnc = try int("net")
        let op =
            options.operatorName
            ?? (mcc == 452 ? mnc.flatMap { Self.vietnamNetworks[Int($0)] } : nil)
            ?? "\(mcc.map(String.init) ?? "?")-\(mnc.map(String.init) ?? "?")"
        return [
            .text(openCellIDKey(r)), .text(op), .text(tech.rawValue), .null,
            try r.number(["range"], file: file).map(SQLValue.real) ?? .null,
            mcc.map(SQLValue.integer) ?? .null, mnc.map(SQLValue.integer) ?? .null,
            try int("area").map(SQLValue.integer) ?? .null, try int("cell").map(SQLValue.integer) ?? .null,
            try int("samples").map(SQLValue.integer) ?? .null, .integer(datasetID), geom,
        ]
    }
}
