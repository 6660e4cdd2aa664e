/// What one output file holds.
public struct FileSummary: Codable, Sendable, Equatable {
    /// The file name inside the output directory.
    public var name: String
    /// Features (GeoJSON) or data rows (CSV).
    public var records: Int
    /// Coordinates written (GeoJSON; points count one; 0 for CSV).
    public var vertices: Int
    /// Size in bytes.
    public var bytes: Int
}

/// The counts of a generated territory and the files it was written to.
public struct GenerationSummary: Codable, Sendable, Equatable {
    /// Communes written.
    public var communes = 0
    /// Communes whose geometry has more than one part.
    public var multiPolygonCommunes = 0
    /// Communes with at least one interior ring.
    public var communesWithHoles = 0
    /// Towns (urban centres).
    public var towns = 0
    /// Hamlets written.
    public var hamlets = 0
    /// Rows of the household file.
    public var householdPoints = 0
    /// Sum of the household column.
    public var households = 0
    /// Sum of the persons column.
    public var persons = 0
    /// Institutions written.
    public var institutions = 0
    /// Transmission routes written.
    public var routes = 0
    /// Network nodes written.
    public var nodes = 0
    /// Cell sites (one per operator, technology and mast) written.
    public var sites = 0
    /// Coverage polygons per technology ("2G" ... "5G"), in technology order.
    public var cells2G = 0
    /// 3G coverage polygons.
    public var cells3G = 0
    /// 4G coverage polygons.
    public var cells4G = 0
    /// 5G coverage polygons.
    public var cells5G = 0
    /// Codes of the communes generated with poor mobile coverage.
    public var poorCoverageCommuneCodes: [String] = []
    /// Codes of the communes generated without any active fibre.
    public var communesWithoutFibreCodes: [String] = []
    /// Region area in km² (lattice cells, spherical approximation).
    public var regionAreaKm2 = 0.0
    /// Per-file record, vertex and byte counts, in writing order.
    public var files: [FileSummary] = []

    /// An empty summary.
    public init() {}
}
