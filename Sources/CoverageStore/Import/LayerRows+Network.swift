import CoverageModel
import SpatialSQL

/// A row of `routes`; the length is computed by SpatiaLite (geodesic metres).
struct RouteRow: LayerRow {
    static let insertSQL = """
        INSERT INTO routes(ext_id, operator, medium, level, status, capacity, dataset_id, geom, length_m)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ST_Length(?8, 1))
        """
    var externalID: String
    var operatorName: String
    var medium: Medium
    var level: RouteLevel
    var status: InfrastructureStatus
    var capacity: String?
    var datasetID: Int64
    var geometry: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        let o = w.options
        medium = try r.vocabulary(FieldNames.medium, as: Medium.self, fallback: o.medium, file: w.file)
        level = try r.vocabulary(FieldNames.routeLevel, as: RouteLevel.self, fallback: o.routeLevel, file: w.file)
        status = try r.vocabulary(FieldNames.status, as: InfrastructureStatus.self, fallback: o.status, file: w.file)
        externalID = w.externalID(r)
        operatorName = w.operatorName(r)
        capacity = r.text(FieldNames.capacity)
        datasetID = w.datasetID
        self.geometry = geometry?.promotedToMulti
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(text: operatorName, at: 2)
        s.bind(text: medium.rawValue, at: 3)
        s.bind(text: level.rawValue, at: 4)
        s.bind(text: status.rawValue, at: 5)
        s.bind(text: capacity, at: 6)
        s.bind(integer: datasetID, at: 7)
        s.bind(spatiaLite: geometry, at: 8)
    }
}

/// A row of `nodes` (points of presence, OLTs, splices, cabinets).
struct NodeRow: LayerRow {
    static let insertSQL = """
        INSERT INTO nodes(ext_id, kind, operator, status, dataset_id, geom)
        VALUES (?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
        """
    var externalID: String
    var kind: NodeKind
    var operatorName: String
    var status: InfrastructureStatus
    var datasetID: Int64
    var geometry: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        let o = w.options
        kind = try r.vocabulary(FieldNames.kind, as: NodeKind.self, fallback: o.nodeKind, file: w.file)
        status = try r.vocabulary(FieldNames.status, as: InfrastructureStatus.self, fallback: o.status, file: w.file)
        externalID = w.externalID(r)
        operatorName = w.operatorName(r)
        datasetID = w.datasetID
        self.geometry = geometry
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(text: kind.rawValue, at: 2)
        s.bind(text: operatorName, at: 3)
        s.bind(text: status.rawValue, at: 4)
        s.bind(integer: datasetID, at: 5)
        s.bind(wkb: geometry, at: 6)
    }
}

/// A row of `sites`: from a site file, or an OpenCelliD cell (radio, network codes, samples).
struct SiteRow: LayerRow {
    static let insertSQL = """
        INSERT INTO sites(ext_id, operator, technology, band, range_m, mcc, mnc, area_code, cell_id,
                          samples, dataset_id, geom)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
        """
    /// OpenCelliD network codes of Vietnam (MCC 452) and the operator names they stand for.
    static let vietnamNetworks: [Int: String] = [
        1: "MobiFone", 2: "VNPT", 4: "Viettel", 5: "Vietnamobile", 7: "Gmobile", 8: "Viettel",
    ]
    var externalID: String
    var operatorName: String
    var technology: Technology
    var band: String?
    var rangeMetres: Double?
    var mcc: Int64?
    var mnc: Int64?
    var areaCode: Int64?
    var cellID: Int64?
    var samples: Int64?
    var datasetID: Int64
    var geometry: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        datasetID = w.datasetID
        self.geometry = geometry
        guard w.options.format == .opencellid else {
            technology = try w.technology(r)
            externalID = w.externalID(r)
            operatorName = w.operatorName(r)
            band = r.text(FieldNames.band)
            rangeMetres = try r.number(FieldNames.range, file: w.file)
            return
        }
        guard let radio = r.text(["radio"]), let tech = Technology(openCellID: radio) else {
            throw w.fail(r, "radio '\(r.text(["radio"]) ?? "")' is not GSM, UMTS, CDMA, LTE or NR")
        }
        func int(_ name: String) throws -> Int64? {
            try r.number([name], file: w.file).map { Int64($0) }
        }
        let mcc = try int("mcc")
        let mnc = try int("net")
        technology = tech
        externalID = w.openCellIDKey(r)
        operatorName =
            w.options.operatorName
            ?? (mcc == 452 ? mnc.flatMap { Self.vietnamNetworks[Int($0)] } : nil)
            ?? "\(mcc.map(String.init) ?? "?")-\(mnc.map(String.init) ?? "?")"
        rangeMetres = try r.number(["range"], file: w.file)
        self.mcc = mcc
        self.mnc = mnc
        areaCode = try int("area")
        cellID = try int("cell")
        samples = try int("samples")
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(text: operatorName, at: 2)
        s.bind(text: technology.rawValue, at: 3)
        s.bind(text: band, at: 4)
        s.bind(real: rangeMetres, at: 5)
        s.bind(integer: mcc, at: 6)
        s.bind(integer: mnc, at: 7)
        s.bind(integer: areaCode, at: 8)
        s.bind(integer: cellID, at: 9)
        s.bind(integer: samples, at: 10)
        s.bind(integer: datasetID, at: 11)
        s.bind(wkb: geometry, at: 12)
    }
}

/// A row of `coverage_areas`: an operator's declared, predicted or measured coverage of one technology.
struct CoverageAreaRow: LayerRow {
    static let insertSQL = """
        INSERT INTO coverage_areas(ext_id, operator, technology, source, confidence, as_of, site_id,
                                   dataset_id, geom)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    var externalID: String
    var operatorName: String
    var technology: Technology
    var source: CoverageSource
    var confidence: Double?
    var asOf: String?
    var siteID: String?
    var datasetID: Int64
    var geometry: Geometry?

    init(_ r: InputRecord, _ w: LayerWriter, geometry: Geometry?) throws {
        try self.init(r, w.context, datasetID: w.datasetID, geometry: geometry)
    }

    /// The row of record `r` in dataset `datasetID`, from the import's context (any thread).
    init(_ r: InputRecord, _ c: RowContext, datasetID: Int64, geometry: Geometry?) throws {
        technology = try c.technology(r)
        source = try r.vocabulary(
            FieldNames.source, as: CoverageSource.self, fallback: c.options.coverageSource, file: c.file)
        externalID = c.externalID(r)
        operatorName = c.operatorName(r)
        confidence = try r.number(FieldNames.confidence, file: c.file)
        asOf = r.text(["as_of"]) ?? c.options.asOf
        siteID = r.text(FieldNames.siteID)
        self.datasetID = datasetID
        self.geometry = geometry?.promotedToMulti
    }

    func bind(to s: Statement) {
        s.bind(text: externalID, at: 1)
        s.bind(text: operatorName, at: 2)
        s.bind(text: technology.rawValue, at: 3)
        s.bind(text: source.rawValue, at: 4)
        s.bind(real: confidence, at: 5)
        s.bind(text: asOf, at: 6)
        s.bind(text: siteID, at: 7)
        s.bind(integer: datasetID, at: 8)
        s.bind(spatiaLite: geometry, at: 9)
    }
}
