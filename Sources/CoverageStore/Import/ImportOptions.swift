import CoverageModel

/// Input file formats the importer reads: GeoJSON and CSV by streaming readers, the rest through GDAL/OGR.
public enum InputFormat: String, Sendable, CaseIterable {
    case geojson, csv
    /// OpenCelliD cell export: radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,…
    case opencellid
    case shapefile, gpkg, spatialite, mapinfo, kml, flatgeobuf, gml, gpx, filegdb, geojsonseq
    /// Any other vector format a GDAL driver recognises.
    case gdal

    /// GDAL short driver names for the formats read through GDAL (empty for `gdal`: any driver).
    public var gdalDrivers: [String]? {
        switch self {
        case .geojson, .csv, .opencellid: nil
        case .shapefile: ["ESRI Shapefile"]
        case .gpkg: ["GPKG"]
        case .spatialite: ["SQLite"]
        case .mapinfo: ["MapInfo File"]
        case .kml: ["LIBKML", "KML"]
        case .flatgeobuf: ["FlatGeobuf"]
        case .gml: ["GML"]
        case .gpx: ["GPX"]
        case .filegdb: ["OpenFileGDB"]
        case .geojsonseq: ["GeoJSONSeq"]
        case .gdal: []
        }
    }

    /// The GDAL format a file extension stands for (`shp`, `gpkg`, `tab`, ...), or nil.
    public init?(gdalExtension ext: String) {
        let formats: [String: InputFormat] = [
            "shp": .shapefile, "gpkg": .gpkg, "sqlite": .spatialite, "tab": .mapinfo, "mif": .mapinfo, "kml": .kml,
            "kmz": .kml, "fgb": .flatgeobuf, "gml": .gml, "gpx": .gpx, "gdb": .filegdb,
        ]
        guard let f = formats[ext] else { return nil }
        self = f
    }

    /// The format for a GDAL driver's short name (`gdal` for drivers without their own value).
    public init(gdalDriver: String) {
        self = Self.allCases.first { $0.gdalDrivers?.contains(gdalDriver) == true } ?? .gdal
    }
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
    /// The CRS to use instead of the one the file declares (the file's CRS is wrong).
    public var assumeSRID: Int?
    /// The layer to read in a multi-layer file (GeoPackage, SpatiaLite, GML, KML, ...).
    public var sourceLayer: String?
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

    // Measured evidence.
    /// The source of measurements whose file has no source column.
    public var measurementSource: MeasurementSource?
    /// Whether speed tiles are fixed or mobile, when the file name does not say.
    public var tileKind: SpeedTileKind?

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
    /// Evidence layers: the rows left out, per reason with a few examples (nil for other layers).
    public var exclusions: [ExclusionCount]?
    /// Measurements: tests attached to stored institutions, placed at them, or kept unattached (nil for
    /// other layers).
    public var probes: ProbeLinks? = nil
}
