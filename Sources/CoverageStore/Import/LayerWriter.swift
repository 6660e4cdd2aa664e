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
    /// The layer, options and file as a value rows can also be made from on other threads.
    let context: RowContext

    init(layer: Layer, options: ImportOptions, file: String, datasetID: Int64, db: Connection) throws {
        self.layer = layer
        self.options = options
        self.file = file
        self.datasetID = datasetID
        self.db = db
        context = RowContext(layer: layer, options: options, file: file)
        insert = try db.prepare(Self.rowType(for: layer).insertSQL)
    }

    /// The row type that maps a record of `layer` to its table's columns.
    static func rowType(for layer: Layer) -> any LayerRow.Type {
        switch layer {
        case .communes: AdminUnitRow.self
        case .hamlets: HamletRow.self
        case .households: HouseholdRow.self
        case .institutions: InstitutionRow.self
        case .routes: RouteRow.self
        case .nodes: NodeRow.self
        case .sites: SiteRow.self
        case .coverage: CoverageAreaRow.self
        case .crosswalk: CrosswalkRow.self
        case .statistics: StatisticsRow.self
        case .measurements: MeasurementRow.self
        case .speedTiles: SpeedTileRow.self
        }
    }

    /// The record's external id: its id field, else its position in the file.
    func externalID(_ r: InputRecord) -> String { context.externalID(r) }

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

    /// The key of an OpenCelliD cell: radio, MCC, network, area and cell.
    func openCellIDKey(_ r: InputRecord) -> String {
        ["radio", "mcc", "net", "area", "cell"].map { r.text([$0]) ?? "" }.joined(separator: "-")
    }

    /// An import error at the record.
    func fail(_ r: InputRecord, _ reason: String) -> ImportError { context.fail(r, reason) }

    /// Inserts one record whose geometry (lon/lat, checked) is `geometry`.
    ///
    /// Returns false when the record was deliberately skipped.
    func write(_ r: InputRecord, geometry: Geometry?) throws -> Bool {
        switch layer {
        case .communes: try insert(AdminUnitRow(r, self, geometry: geometry))
        case .hamlets: try insert(HamletRow(r, self, geometry: geometry))
        case .households: try insert(HouseholdRow(r, self, geometry: geometry))
        case .institutions:
            guard let row = try InstitutionRow(r, self, geometry: geometry) else { return false }
            try insert(row)
        case .routes: try insert(RouteRow(r, self, geometry: geometry))
        case .nodes: try insert(NodeRow(r, self, geometry: geometry))
        case .sites: try insert(SiteRow(r, self, geometry: geometry))
        case .coverage: try insert(CoverageAreaRow(r, self, geometry: geometry))
        case .crosswalk: try insert(CrosswalkRow(r, self))
        case .statistics: try insert(StatisticsRow(r, self))
        case .measurements, .speedTiles:
            // Evidence rows are checked and counted by `EvidenceImport`, never written here.
            throw fail(r, "internal: \(layer.rawValue) rows are written by the evidence import")
        }
        return true
    }

    /// Inserts a row made ahead on a parse thread (``PreparedRow``), with this import's dataset id.
    func write(_ row: PreparedRow) throws {
        try row.run(insert, datasetID: datasetID)
    }

    /// Binds the row to the layer's INSERT and runs it.
    private func insert(_ row: some LayerRow) throws {
        row.bind(to: insert)
        try insert.run()
    }

    /// The record's operator, else `--operator`, else "unknown".
    func operatorName(_ r: InputRecord) -> String { context.operatorName(r) }

    /// The record's technology, else `--technology`; an unknown or missing one is an error.
    func technology(_ r: InputRecord) throws -> Technology { try context.technology(r) }
}
