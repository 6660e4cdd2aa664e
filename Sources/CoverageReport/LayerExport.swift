import CoverageFormats
import CoverageModel
import CoverageStore
import SpatialSQL

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

    /// The SQL selecting the properties (every column but blobs) and, last, the geometry as WKB.
    var sql: String {
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

/// Streams a store layer into a GeoJSON writer, one row at a time (memory stays flat).
public enum LayerExport {
    /// Writes every row of `layer` as a feature; returns the number of features.
    @discardableResult
    public static func write(_ layer: ExportLayer, from store: Store, to writer: GeoJSONWriter) throws -> Int {
        let stmt = try store.db.prepare(layer.sql)
        let columns = stmt.columnCount
        let names = (0..<columns).map { stmt.columnName($0) }
        var count = 0
        try stmt.forEachRow { row in
            var properties: [(String, JSONScalar)] = []
            properties.reserveCapacity(columns)
            for i in 0..<(columns - 1) {
                switch row.value(i) {
                case .null: properties.append((names[i], .null))
                case .integer(let v): properties.append((names[i], .int(v)))
                case .real(let v): properties.append((names[i], .number(v)))
                case .text(let v): properties.append((names[i], .string(v)))
                case .blob: continue  // geometry columns
                }
            }
            let geometry: Geometry? =
                row.isNull(columns - 1) ? nil : try row.withBlob(columns - 1) { try WKB.decode($0) }
            try writer.writeFeature(geometry: geometry, properties: properties)
            count += 1
        }
        return count
    }
}
