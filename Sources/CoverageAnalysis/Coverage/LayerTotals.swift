import CoverageModel
import CoverageStore

/// What the figures and notes need of every coverage area and route (which generations and
/// operators exist, how many fibre routes count), also when a what-if run reads only some rows.
struct LayerTotals: Sendable, Equatable {
    /// Coverage areas per generation (operator filter applied).
    var coverage: [Technology: Int] = [:]
    /// Operators of the coverage areas (operator filter applied).
    var operators = Set<String>()
    /// Operators of every coverage area.
    var knownOperators = Set<String>()
    /// Fibre routes counted (status and operator filters applied).
    var fibreRoutes = 0
    /// Operators of the fibre routes of a counted status (before the operator filter).
    var routeOperators = Set<String>()

    /// No row counted.
    init() {}

    /// The totals of the row counts of every coverage area and route under `parameters`' filters.
    init(coverage: [CoverageAreaCount], routes: [RouteCount], parameters: CoverageParameters) {
        let op = parameters.operatorName
        for c in coverage where c.count > 0 {
            knownOperators.insert(c.operatorName)
            guard op == nil || c.operatorName == op else { continue }
            self.coverage[c.technology, default: 0] += c.count
            operators.insert(c.operatorName)
        }
        let statuses = Self.countedStatuses(parameters)
        for r in routes where r.count > 0 && r.medium == .fibre && statuses.contains(r.status) {
            routeOperators.insert(r.operatorName)
            if op == nil || r.operatorName == op { fibreRoutes += r.count }
        }
    }

    /// The statuses of the routes and nodes a run counts (planned ones only when asked).
    static func countedStatuses(_ parameters: CoverageParameters) -> Set<InfrastructureStatus> {
        parameters.includePlanned ? [.active, .planned] : [.active]
    }
}
