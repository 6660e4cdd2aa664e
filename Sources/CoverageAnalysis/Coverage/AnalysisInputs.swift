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
    /// Filters or measures that match no data, naming the known values (printed on stderr by commands).
    let warnings: [String]
    /// The generations, operators and counted fibre routes of every row, also those a what-if run
    /// leaves out of `coverage` and `fibreRoutes` (the figures and notes name them).
    let totals: LayerTotals

    /// Loads the inputs for `parameters` from one read snapshot.
    ///
    /// - Throws: `AnalysisError.noUnits` when the store has no communes of the vintage.
    static func load(from snapshot: ReadSnapshot, parameters: CoverageParameters) throws -> AnalysisInputs {
        derive(try read(from: snapshot, vintage: parameters.vintage), parameters: parameters)
    }

    /// The layers of one vintage as read, before a parameter set's filters (shared by definitions).
    struct Read: Sendable {
        let vintage: String
        let units: [AdminUnit]
        let layers: InputLayers
    }

    /// Reads the communes of `vintage` (nil: the newest) and the other layers, the communes'
    /// geometry within `units` and the coverage areas' and routes' within `layers` (else empty).
    ///
    /// - Throws: `AnalysisError.noUnits` when the store has no communes of the vintage.
    static func read(
        from snapshot: ReadSnapshot, vintage: String?, units unitScope: GeometryScope = .all,
        layers layerScope: GeometryScope = .all
    ) throws -> Read {
        let (vintage, units) = try readUnits(from: snapshot, vintage: vintage, geometry: unitScope)
        // The coverage layer (the largest) is read on a worker snapshot meanwhile.
        return Read(
            vintage: vintage, units: units, layers: try snapshot.inputLayers(vintage: vintage, geometry: layerScope))
    }

    /// The vintage (nil: the newest) and its communes, their geometry within `scope` (else empty).
    ///
    /// - Throws: `AnalysisError.noUnits` when the store has no communes of the vintage.
    static func readUnits(from snapshot: ReadSnapshot, vintage: String?, geometry scope: GeometryScope) throws -> (
        String, [AdminUnit]
    ) {
        guard let vintage = try vintage ?? snapshot.newestVintage() else {
            throw AnalysisError.noUnits("the store has no communes; import them first (covaudit import communes …)")
        }
        let units = try snapshot.adminUnits(vintage: vintage, level: .commune, geometry: scope)
        guard !units.isEmpty else {
            let known = try snapshot.vintages().joined(separator: ", ")
            throw AnalysisError.noUnits(
                "no communes of vintage '\(vintage)' (vintages in the store: \(known.isEmpty ? "none" : known))")
        }
        return (vintage, units)
    }

    /// The inputs of `parameters` from layers already read (operator filter, planned routes and nodes).
    ///
    /// `counts` (a what-if run, whose layers hold only the coverage areas and routes it uses): the
    /// counts of every row, which then give the operators, generations and fibre notes.
    static func derive(
        _ read: Read, parameters: CoverageParameters,
        counts: (coverage: [CoverageAreaCount], routes: [RouteCount])? = nil
    ) -> AnalysisInputs {
        let vintage = read.vintage
        let units = read.units
        let layers = read.layers
        let province = layers.province
        var notes: [String] = []
        let op = parameters.operatorName
        let statuses = LayerTotals.countedStatuses(parameters)
        let allRoutes = layers.routes.filter { $0.medium == .fibre && statuses.contains($0.status) }
        let allNodes = layers.nodes.filter { statuses.contains($0.status) }
        let routes = allRoutes.filter { op == nil || $0.operatorName == op }
        let nodes = allNodes.filter { op == nil || $0.operatorName == op }
        let hamlets = layers.hamlets
        let institutions = layers.institutions
        var coverage: [Technology: [CoverageArea]] = [:]
        var totals = LayerTotals()
        for area in layers.coverageAreas {
            if counts == nil { totals.knownOperators.insert(area.operatorName) }
            guard op == nil || area.operatorName == op else { continue }
            coverage[area.technology, default: []].append(area)
            if counts == nil {
                totals.operators.insert(area.operatorName)
                totals.coverage[area.technology, default: 0] += 1
            }
        }
        if let counts {
            totals = LayerTotals(coverage: counts.coverage, routes: counts.routes, parameters: parameters)
        } else {
            totals.fibreRoutes = routes.count
            totals.routeOperators = Set(allRoutes.map(\.operatorName))
        }
        var warnings: [String] = []
        let active = parameters.includePlanned ? "" : "active "
        if let op, totals.operators.isEmpty {
            let message = "no coverage for operator '\(op)'; known operators: \(Self.list(totals.knownOperators))"
            notes.append(message)
            warnings.append(message)
        }
        let fibre = FibreAvailability(
            operatorName: op, active: active, routes: totals.fibreRoutes, nodes: nodes.count,
            routeOperators: totals.routeOperators, nodeOperators: Set(allNodes.map(\.operatorName)))
        notes += fibre.notes
        warnings += fibre.warnings
        return AnalysisInputs(
            vintage: vintage, units: units, province: province, hamlets: hamlets, coverage: coverage,
            operators: totals.operators.sorted(), fibreRoutes: routes, fibreNodes: nodes, institutions: institutions,
            notes: notes, warnings: warnings, totals: totals)
    }

    /// Sorted names joined by commas, or "none".
    static func list(_ names: Set<String>) -> String {
        names.isEmpty ? "none" : names.sorted { $0.lowercased() < $1.lowercased() }.joined(separator: ", ")
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
