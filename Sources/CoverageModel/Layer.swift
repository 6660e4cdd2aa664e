/// The layers a covaudit store holds, by the name used on the command line.
public enum Layer: String, Hashable, Sendable, CaseIterable, Codable {
    case communes
    case hamlets
    case households
    case institutions
    case routes
    case nodes
    case sites
    case coverage
    case crosswalk
    case statistics
    /// Measured tests at points (speed tests, drive tests, probes).
    case measurements
    /// Ookla open-data speed-test tiles (zoom-16 quadkey polygons).
    case speedTiles = "speed-tiles"

    /// The store table that holds the layer.
    public var table: String {
        switch self {
        case .communes: "admin_units"
        case .coverage: "coverage_areas"
        case .statistics: "unit_statistics"
        case .speedTiles: "speed_tiles"
        default: rawValue
        }
    }

    /// The geometry kinds a feature of this layer may have on input.
    public var acceptedKinds: Set<GeometryKind> {
        switch self {
        case .communes, .coverage: [.polygon, .multiPolygon]
        case .hamlets: [.point, .polygon, .multiPolygon]
        case .households, .institutions, .nodes, .sites, .measurements: [.point]
        case .speedTiles: [.polygon, .multiPolygon]
        case .routes: [.lineString, .multiLineString]
        case .crosswalk, .statistics: []
        }
    }

    /// True for the layers of measured evidence (measurements, speed tiles): rows failing a
    /// plausibility check are excluded and counted per reason instead of failing the import.
    public var isEvidence: Bool { self == .measurements || self == .speedTiles }
}
