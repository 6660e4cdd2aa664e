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

    /// The store table that holds the layer.
    public var table: String {
        switch self {
        case .communes: "admin_units"
        case .coverage: "coverage_areas"
        case .statistics: "unit_statistics"
        default: rawValue
        }
    }

    /// The geometry kinds a feature of this layer may have on input.
    public var acceptedKinds: Set<GeometryKind> {
        switch self {
        case .communes, .coverage: [.polygon, .multiPolygon]
        case .hamlets: [.point, .polygon, .multiPolygon]
        case .households, .institutions, .nodes, .sites: [.point]
        case .routes: [.lineString, .multiLineString]
        case .crosswalk, .statistics: []
        }
    }
}
