/// What the fibre layers hold for a run, and the notes and warnings that say what is missing.
struct FibreAvailability {
    /// The operator filter, if any.
    var operatorName: String?
    /// "active " unless planned routes count too.
    var active: String
    /// Fibre routes and nodes that count for the run (after the operator filter).
    var routes: Int
    var nodes: Int
    /// Operators of every counted fibre route and node in the store (before the operator filter).
    var routeOperators: Set<String>
    var nodeOperators: Set<String>

    /// Reach along the route network needs a node to start from.
    var networkAvailable: Bool { routes > 0 && nodes > 0 }

    private var scope: String { operatorName.map { " of operator '\($0)'" } ?? "" }

    /// Notes for the reader: what is really missing.
    var notes: [String] {
        if routes == 0 && nodes == 0 {
            if operatorName != nil && !(routeOperators.isEmpty && nodeOperators.isEmpty) {
                return [
                    "no \(active)fibre routes or nodes\(scope) (the store has \(active)fibre of: "
                        + "\(AnalysisInputs.list(routeOperators.union(nodeOperators)))): fibre is not available"
                ]
            }
            return ["no \(active)fibre routes or nodes in the store: fibre is not available"]
        }
        if nodes == 0 {
            return [
                "no \(active)fibre nodes\(scope) (\(routes) fibre routes): reach along the route network from a node "
                    + "is not available; straight-line reach is reported"
            ]
        }
        return []
    }

    /// Warnings for stderr: a filter that matches no fibre although the store has some.
    var warnings: [String] {
        guard let operatorName, routes == 0, nodes == 0 else { return nodes == 0 && routes > 0 ? notes : [] }
        let known = routeOperators.union(nodeOperators)
        guard !known.isEmpty else { return [] }
        return ["no \(active)fibre for operator '\(operatorName)'; known operators: \(AnalysisInputs.list(known))"]
    }
}
