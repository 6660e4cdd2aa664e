import CoverageModel
import CoverageStore
import Foundation

/// Everything a coverage run reads from the store, loaded once.
struct AnalysisInputs {
    let vintage: String
    /// Communes of the vintage, ordered by code.
    let units: [AdminUnit]
    /// The province unit of the vintage, if imported.
    let province: AdminUnit?
    let hamlets: [Hamlet]
    /// Coverage areas by generation (all operators, or the chosen one).
    let coverage: [Technology: [CoverageArea]]
    /// Operators present in the coverage layer (after the operator filter), sorted.
    let operators: [String]
    /// Fibre routes counted as fibre (active, plus planned when asked; operator filter applied).
    let fibreRoutes: [Route]
    /// Nodes counted as fibre access points.
    let fibreNodes: [NetworkNode]
    let institutions: [Institution]
    let notes: [String]

    /// Loads the inputs for `parameters`.
    ///
    /// - Throws: `AnalysisError.noUnits` when the store has no communes of the vintage.
    static func load(from store: Store, parameters: CoverageParameters) throws -> AnalysisInputs {
        guard let vintage = try parameters.vintage ?? store.newestVintage() else {
            throw AnalysisError.noUnits("the store has no communes; import them first (covaudit import communes …)")
        }
        let units = try store.adminUnits(vintage: vintage, level: .commune)
        guard !units.isEmpty else {
            let known = try store.vintages().joined(separator: ", ")
            throw AnalysisError.noUnits(
                "no communes of vintage '\(vintage)' (vintages in the store: \(known.isEmpty ? "none" : known))")
        }
        // The coverage layer (the largest) is read on a second connection meanwhile.
        let parallelCoverage = ParallelRead(store: store) { try $0.coverageAreas() }
        let province = try store.adminUnits(vintage: vintage, level: .province).first
        var notes: [String] = []
        let op = parameters.operatorName
        let statuses: Set<InfrastructureStatus> = parameters.includePlanned ? [.active, .planned] : [.active]
        let routes = try store.routes().filter {
            $0.medium == .fibre && statuses.contains($0.status) && (op == nil || $0.operatorName == op)
        }
        let nodes = try store.nodes().filter { statuses.contains($0.status) && (op == nil || $0.operatorName == op) }
        let hamlets = try store.hamlets()
        let institutions = try store.institutions()
        var coverage: [Technology: [CoverageArea]] = [:]
        var operators = Set<String>()
        for area in try parallelCoverage.value() where op == nil || area.operatorName == op {
            coverage[area.technology, default: []].append(area)
            operators.insert(area.operatorName)
        }
        if let op, operators.isEmpty { notes.append("operator '\(op)' has no coverage areas in the store") }
        if routes.isEmpty && nodes.isEmpty {
            notes.append(
                "no \(parameters.includePlanned ? "" : "active ")fibre routes or nodes in the store: fibre reach is 0 by definition"
            )
        }
        return AnalysisInputs(
            vintage: vintage, units: units, province: province, hamlets: hamlets, coverage: coverage,
            operators: operators.sorted(), fibreRoutes: routes, fibreNodes: nodes, institutions: institutions,
            notes: notes)
    }
}

/// Errors of the analysis layer.
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
    /// There are no units to report on.
    case noUnits(String)
    /// A parameter makes no sense for the data.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .noUnits(let s), .invalidParameter(let s): s
        }
    }
}
