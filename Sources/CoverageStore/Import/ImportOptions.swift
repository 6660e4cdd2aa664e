import CoverageModel

/// Input file formats the importer reads.
public enum InputFormat: String, Sendable, CaseIterable {
    case geojson, csv, shapefile
    /// OpenCelliD cell export: radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,…
    case opencellid
}

/// Everything `covaudit import` can be told about one file.
public struct ImportOptions: Sendable {
    public var layer: Layer
    /// The format, or nil to detect it from the file.
    public var format: InputFormat?
    /// The date the data describes (stored with the dataset and on coverage areas).
    public var asOf: String?
    /// The EPSG code of the file's coordinates, or nil to detect (GeoJSON `crs`, Shapefile .prj) or assume 4326.
    public var sourceSRID: Int?
    /// Replace the layer's rows (for communes: the same vintage) instead of appending.
    public var replace = false
    /// Repair invalid polygons with ST_MakeValid instead of failing.
    public var makeValid = false
    /// Import features outside the plausible extent (with a warning) instead of failing.
    public var allowOutsideExtent = false
    /// The plausible extent in lon/lat; features outside it are flagged.
    public var extent = ImportOptions.vietnamExtent
    /// Skip institutions whose kind is not recognised (counted in warnings) instead of failing.
    public var skipUnknownKinds = false
    /// The file is synthetic (generated, not observed): recorded with the dataset and shown in reports.
    public var synthetic = false
    /// The word recorded in a dataset's options for a synthetic file.
    public static let syntheticMark = "synthetic"

    // Attribute defaults for files that lack the attribute.
    public var operatorName: String?
    public var technology: Technology?
    public var medium: Medium = .fibre
    public var status: InfrastructureStatus = .active
    public var routeLevel: RouteLevel = .intraProvince
    public var coverageSource: CoverageSource = .declared
    public var nodeKind: NodeKind = .pop
    public var institutionKind: InstitutionKind?
    public var connection: ConnectionKind = .unknown
    public var evidence: EvidenceGrade = .declared

    // Admin units.
    public var adminLevel: AdminLevel = .commune
    public var codeField: String?
    public var nameField: String?
    public var parentField: String?
    public var vintage = "2025"

    // Crosswalk.
    public var oldVintage = "pre2025"

    // OpenCelliD.
    /// Also create a circular coverage area of radius `range` around every imported cell.
    public var coverageFromRange = false

    /// The plausible extent of Vietnamese data, islands included (lon 100–118 E, lat 6–24 N).
    public static let vietnamExtent = BoundingBox(minX: 100, minY: 6, maxX: 118, maxY: 24)

    public init(layer: Layer) { self.layer = layer }
}

/// What one import did.
public struct ImportResult: Sendable, Codable {
    public var datasetID: Int64
    public var layer: String
    public var file: String
    public var format: String
    public var sha256: String
    public var rows: Int
    public var replacedRows: Int
    public var repairedGeometries: Int
    public var skipped: Int
    public var coverageAreasCreated: Int
    public var sourceSRID: Int
    public var seconds: Double
    public var warnings: [String]
}
