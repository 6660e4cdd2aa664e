/// A stored or computed layer that `covaudit export` writes as GeoJSON.
public enum ExportLayer: String, Sendable, CaseIterable {
    case communes, hamlets, households, institutions, routes, nodes, sites, coverage
    case gapClusters = "gap_clusters"
    case gapAreas = "gap_areas"
    case unitCoverage = "unit_coverage"
    case locationCoverage = "location_coverage"

    /// Accepts the layer name, the table name (admin_units, coverage_areas) and dashes for underscores.
    public init?(lenient text: String) {
        let t = text.lowercased().replacingOccurrences(of: "-", with: "_")
        switch t {
        case "admin_units", "communes": self = .communes
        case "coverage_areas", "coverage": self = .coverage
        default:
            guard let v = ExportLayer(rawValue: t) else { return nil }
            self = v
        }
    }

    /// The layer holds the latest coverage run's results (not an imported layer).
    public var isRunResult: Bool {
        switch self {
        case .gapClusters, .gapAreas, .unitCoverage, .locationCoverage: true
        default: false
        }
    }

    /// The SQL selecting the properties (every column but blobs) and, last, the geometry as WKB.
    package var sql: String {
        switch self {
        case .communes: "SELECT *, AsBinary(geom) FROM admin_units ORDER BY vintage, level, code"
        case .hamlets: "SELECT *, AsBinary(COALESCE(area, geom)) FROM hamlets ORDER BY id"
        case .households: "SELECT *, AsBinary(geom) FROM households ORDER BY id"
        case .institutions: "SELECT *, AsBinary(geom) FROM institutions ORDER BY id"
        case .routes: "SELECT *, AsBinary(geom) FROM routes ORDER BY id"
        case .nodes: "SELECT *, AsBinary(geom) FROM nodes ORDER BY id"
        case .sites: "SELECT *, AsBinary(geom) FROM sites ORDER BY id"
        case .coverage: "SELECT *, AsBinary(geom) FROM coverage_areas ORDER BY id"
        case .gapClusters: "SELECT *, AsBinary(geom) FROM gap_clusters ORDER BY households DESC, id"
        case .gapAreas: "SELECT *, AsBinary(geom) FROM gap_areas ORDER BY unit_code, id"
        case .unitCoverage:
            """
            SELECT uc.*, AsBinary(COALESCE(a.geom, h.area, h.geom)) FROM unit_coverage uc
            JOIN coverage_runs r ON r.id = uc.run_id
            LEFT JOIN admin_units a ON a.code = uc.unit_code AND a.level = uc.unit_level
              AND a.vintage = json_extract(r.parameters, '$.vintage')
            LEFT JOIN hamlets h ON uc.unit_level = 'hamlet' AND h.code = uc.unit_code
            ORDER BY uc.unit_level DESC, uc.unit_code, uc.technology, uc.operator
            """
        case .locationCoverage:
            """
            SELECT lc.*, h.ext_id AS household_ext_id, h.households AS household_count, AsBinary(h.geom)
            FROM location_coverage lc JOIN households h ON h.id = lc.household_id ORDER BY lc.household_id
            """
        }
    }
}
