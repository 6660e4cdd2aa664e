import CoverageAnalysis
import CoverageModel
import CoverageStore

/// The infrastructure drawn over the maps: active fibre routes, cell sites and the largest gap clusters.
public struct MapLayers: Sendable {
    public var routes: [[Coordinate]]
    public var sites: [Coordinate]
    public var gaps: [GapCluster]
    /// Evidence cells: challenge candidates and served-but-undeclared cells (empty without measurements).
    public var challengeCells: [EvidenceCell] = []
    public var undeclaredCells: [EvidenceCell] = []

    public init(routes: [[Coordinate]] = [], sites: [Coordinate] = [], gaps: [GapCluster] = []) {
        self.routes = routes
        self.sites = sites
        self.gaps = gaps
    }

    /// Reads the layers of a run: fibre routes counted by it (status and operator filter), its operator's sites.
    public static func load(from store: Store, result: CoverageResult) throws -> MapLayers {
        let p = result.parameters
        let op = p.operatorName
        let routes = try store.routes().filter {
            $0.medium == .fibre && ($0.status == .active || p.includePlanned) && (op == nil || $0.operatorName == op)
        }
        let lines = routes.flatMap { r -> [[Coordinate]] in
            switch r.geometry {
            case .lineString(let l): [l]
            case .multiLineString(let ls): ls
            default: []
            }
        }
        let sites = try store.sites().filter { op == nil || $0.operatorName == op }.map(\.position)
        return MapLayers(routes: lines, sites: sites, gaps: Array(result.gaps.prefix(20)))
    }
}
