import CoverageModel
import SpatialSQL

/// A row of `admin_units` (layer communes).
struct AdminUnitRow: LayerRow {
    static let insertSQL = """
        INSERT INTO admin_units(code, name, level, parent_code, vintage, dataset_id, geom)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    var code: String
    var name: String
    var level: AdminLevel
    var parentCode: String?
    var vintage: String
    var datasetID: Int64
    var geometry: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        code = try unitCode(r, w)
        name = r.text(w.options.nameField.map { [$0] } ?? FieldNames.name) ?? code
        level = try r.vocabulary(FieldNames.level, as: AdminLevel.self, fallback: w.options.adminLevel, file: w.file)
        parentCode = r.text(w.options.parentField.map { [$0] } ?? FieldNames.parent)
        vintage = w.options.vintage
        datasetID = w.datasetID
        self.geometry = geometry?.promotedToMulti
    }

    func bind(to s: Statement) {
        s.bind(text: code, at: 1)
        s.bind(text: name, at: 2)
        s.bind(text: level.rawValue, at: 3)
        s.bind(text: parentCode, at: 4)
        s.bind(text: vintage, at: 5)
        s.bind(integer: datasetID, at: 6)
        s.bind(spatiaLite: geometry, at: 7)
    }
}

/// A row of `hamlets`: a point, or an area whose point is placed on its surface.
struct HamletRow: LayerRow {
    static let insertSQL = """
        INSERT INTO hamlets(code, name, commune_code, households, population, dataset_id, geom, area)
        VALUES (?, ?, ?, ?, ?, ?, COALESCE(GeomFromWKB(?7, 4326), ST_PointOnSurface(GeomFromWKB(?8, 4326))),
                GeomFromWKB(?8, 4326))
        """
    var code: String
    var name: String
    var communeCode: String?
    var households: Int?
    var population: Int?
    var datasetID: Int64
    var point: Geometry?
    var area: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        guard let code = r.text(FieldNames.code) ?? r.text(FieldNames.id) else { throw w.fail(r, "no code") }
        self.code = code
        name = r.text(FieldNames.name) ?? code
        communeCode = r.text(FieldNames.communeCode)
        households = try r.count(FieldNames.households, file: w.file)
        population = try r.count(FieldNames.population, file: w.file)
        datasetID = w.datasetID
        let isPoint = geometry?.kind == .point
        point = isPoint ? geometry : nil
        area = isPoint ? nil : geometry?.promotedToMulti
    }

    func bind(to s: Statement) {
        s.bind(text: code, at: 1)
        s.bind(text: name, at: 2)
        s.bind(text: communeCode, at: 3)
        s.bind(integer: households.map(Int64.init), at: 4)
        s.bind(integer: population.map(Int64.init), at: 5)
        s.bind(integer: datasetID, at: 6)
        s.bind(wkb: point, at: 7)
        s.bind(wkb: area, at: 8)
    }
}

/// A row of `households` read through the general path (GeoJSON, GDAL); CSV has its own bulk path.
struct HouseholdRow: LayerRow {
    static let insertSQL = """
        INSERT INTO households(ext_id, households, persons, kind, lon, lat, dataset_id, geom)
        VALUES (?, ?, ?, ?, ?5, ?6, ?, MakePoint(?5, ?6, 4326))
        """
    var externalID: String
    var households: Int
    var persons: Int?
    var kind: LocationKind
    var position: Coordinate
    var datasetID: Int64

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        guard case .point(let c) = geometry else { throw w.fail(r, "no point geometry") }
        households = try r.count(FieldNames.households, file: w.file) ?? 1
        persons = try r.count(FieldNames.persons, file: w.file)
        kind = try r.vocabulary(["kind"], as: LocationKind.self, fallback: .residential, file: w.file)
        externalID = w.externalID(r)
        position = c
        datasetID = w.datasetID
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(integer: Int64(households), at: 2)
        s.bind(integer: persons.map(Int64.init), at: 3)
        s.bind(text: kind.rawValue, at: 4)
        s.bind(real: position.x, at: 5)
        s.bind(real: position.y, at: 6)
        s.bind(integer: datasetID, at: 7)
    }
}

/// A row of `institutions`; nil (skipped) for an unknown kind with `--skip-unknown-kinds`.
struct InstitutionRow: LayerRow {
    static let insertSQL = """
        INSERT INTO institutions(ext_id, kind, name, connection, evidence, speed_mbps, dataset_id, geom)
        VALUES (?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
        """
    /// OSM `amenity` values and the institution kind they map to.
    static let osmKinds: [String: InstitutionKind] = [
        "school": .school, "kindergarten": .school, "college": .school, "university": .school,
        "hospital": .health, "clinic": .health, "doctors": .health, "health_post": .health,
        "townhall": .stateOffice, "police": .stateOffice, "post_office": .stateOffice,
        "courthouse": .stateOffice, "community_centre": .stateOffice, "bank": .business,
        "marketplace": .business,
    ]
    var externalID: String
    var kind: InstitutionKind
    var name: String
    var connection: ConnectionKind
    var evidence: EvidenceGrade
    var speedMbps: Double?
    var datasetID: Int64
    var geometry: Geometry?

    init?(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        let options = w.options
        if let raw = r.text(FieldNames.kind) {
            guard let k = InstitutionKind(lenient: raw) ?? Self.osmKinds[raw.lowercased()] else {
                if options.skipUnknownKinds { return nil }
                throw w.fail(
                    r, "kind '\(raw)' is not one of \(InstitutionKind.spellings) (or use --skip-unknown-kinds)")
            }
            kind = k
        } else if let k = options.institutionKind {
            kind = k
        } else {
            if options.skipUnknownKinds { return nil }
            throw w.fail(r, "no kind field and no --kind given (one of \(InstitutionKind.spellings))")
        }
        connection = try r.vocabulary(
            FieldNames.connection, as: ConnectionKind.self, fallback: options.connection, file: w.file)
        evidence = try r.vocabulary(
            FieldNames.evidence, as: EvidenceGrade.self, fallback: options.evidence, file: w.file)
        externalID = w.externalID(r)
        name = r.text(FieldNames.name) ?? ""
        speedMbps = try r.number(FieldNames.speed, file: w.file)
        datasetID = w.datasetID
        self.geometry = geometry
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(text: kind.rawValue, at: 2)
        s.bind(text: name, at: 3)
        s.bind(text: connection.rawValue, at: 4)
        s.bind(text: evidence.rawValue, at: 5)
        s.bind(real: speedMbps, at: 6)
        s.bind(integer: datasetID, at: 7)
        s.bind(wkb: geometry, at: 8)
    }
}

/// A row of `crosswalk`: an old unit's share in a new one.
struct CrosswalkRow: LayerRow {
    static let insertSQL = """
        INSERT INTO crosswalk(old_vintage, old_code, new_vintage, new_code, share, dataset_id)
        VALUES (?, ?, ?, ?, COALESCE(?, 1), ?)
        """
    var oldVintage: String
    var oldCode: String
    var newVintage: String
    var newCode: String
    var share: Double?
    var datasetID: Int64

    init(_ r: InputRecord, _ w: LayerWriter) throws {
        guard let old = r.text(FieldNames.oldCode), let new = r.text(FieldNames.newCode) else {
            throw w.fail(r, "needs old_code and new_code")
        }
        let share = try r.number(FieldNames.share, file: w.file)
        if let share, !(0...1).contains(share) { throw w.fail(r, "share \(share) is not between 0 and 1") }
        oldVintage = w.options.oldVintage
        oldCode = old
        newVintage = w.options.vintage
        newCode = new
        self.share = share
        datasetID = w.datasetID
    }

    func bind(to s: Statement) {
        s.bind(text: oldVintage, at: 1)
        s.bind(text: oldCode, at: 2)
        s.bind(text: newVintage, at: 3)
        s.bind(text: newCode, at: 4)
        s.bind(real: share, at: 5)
        s.bind(integer: datasetID, at: 6)
    }
}

/// A row of `unit_statistics`: households and persons per unit of a vintage.
struct StatisticsRow: LayerRow {
    static let insertSQL = """
        INSERT INTO unit_statistics(vintage, code, households, persons, dataset_id) VALUES (?, ?, ?, ?, ?)
        """
    var vintage: String
    var code: String
    var households: Int?
    var persons: Int?
    var datasetID: Int64

    init(_ r: InputRecord, _ w: LayerWriter) throws {
        code = try unitCode(r, w)
        vintage = w.options.vintage
        households = try r.count(FieldNames.households, file: w.file)
        persons = try r.count(FieldNames.persons, file: w.file)
        datasetID = w.datasetID
    }

    func bind(to s: Statement) {
        s.bind(text: vintage, at: 1)
        s.bind(text: code, at: 2)
        s.bind(integer: households.map(Int64.init), at: 3)
        s.bind(integer: persons.map(Int64.init), at: 4)
        s.bind(integer: datasetID, at: 5)
    }
}
