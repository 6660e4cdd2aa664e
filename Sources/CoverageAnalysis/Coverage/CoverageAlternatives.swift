import CoverageModel
import CoverageStore
import Foundation

/// Computes the figures of several parameter sets (an audit's alternative definitions) together,
/// as `CoverageAnalyzer.evaluate()` computes each alone, sharing what they have in common.
///
/// One read snapshot for all of them; the layers are read once per vintage; the unit, hamlet and
/// coverage indexes are built once per vintage and operator, and only the fibre index again for
/// another fibre definition (planned routes, drop distance); one location pass reads and
/// classifies every location once and tallies it for every definition that needs its own tallies
/// (`LocationPassCache.key`: planned routes, broadband minimum, measures…; hamlet rules and areas
/// only differ after it); unit facts, census figures, gap clusters and the outside sample are
/// computed once per definition they depend on. When the store's latest run is current and was
/// computed with one of the sets (`CurrentRun`), that set's tallies and area shares come from the
/// run's state instead (and every set sharing its tallies takes them too). Nothing is written.
public struct CoverageAlternatives {
    public let store: Store
    /// Called with progress messages (for stderr).
    public var progress: ((String) -> Void)?
    /// Classification tallies already computed on this snapshot (reused; new ones are added).
    public var locationCache: LocationPassCache?

    public init(store: Store) { self.store = store }

    /// The result of each parameter set, in their order: equal to `CoverageAnalyzer(store:
    /// parameters:).evaluate()` of each set alone on the same snapshot.
    public func evaluate(_ sets: [CoverageParameters]) throws -> [CoverageResult] {
        guard !sets.isEmpty else { return [] }
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        var shared = SharedWork(snapshot: snapshot, progress: progress, locationCache: locationCache)
        let normalised = sets.map(Self.normalised)
        try shared.adoptCurrentRun(normalised)
        try shared.classify(normalised)
        return try normalised.map { try shared.result($0) }
    }

    /// The parameters as `evaluate()` runs them: nothing stored, no gap polygons, no operator areas.
    static func normalised(_ p: CoverageParameters) -> CoverageParameters {
        var q = p
        q.storeLocationResults = false
        q.gapAreas = false
        q.operatorAreas = false
        return q
    }
}

/// What parameter sets share inside one snapshot, computed on first use.
private struct SharedWork {
    let snapshot: ReadSnapshot
    let progress: ((String) -> Void)?
    let locationCache: LocationPassCache?
    private var newest: String??
    private var read: [String: AnalysisInputs.Read] = [:]
    private var inputs: [InputsKey: AnalysisInputs] = [:]
    private var classifiers: [FibreKey: Classifier] = [:]
    private var passes: [CoverageParameters: LocationPassOutput] = [:]
    /// Area shares taken from the latest stored run, per (normalised) parameter set.
    private var storedAreas: [CoverageParameters: UnitAreaFigures] = [:]
    private var facts: [FibreKey: [UnitFact]] = [:]
    private var census: [String: [String: CensusFigures]] = [:]
    private var clusters: [CoverageParameters: [(GapCluster, Double)]] = [:]
    private var outside: [GroupKey: [OutsideLocation]] = [:]
    /// The store's latest run when current and fitting its own inputs, with its normalised
    /// parameters and keys (`takePlannedChange` starts from it).
    private var current: (run: CurrentRun, parameters: CoverageParameters, fibre: FibreKey, tally: CoverageParameters)?

    init(snapshot: ReadSnapshot, progress: ((String) -> Void)?, locationCache: LocationPassCache?) {
        self.snapshot = snapshot
        self.progress = progress
        self.locationCache = locationCache
    }

    /// The layers that decide the indexes of units, hamlets and coverage (one location pass each).
    struct GroupKey: Hashable {
        let vintage: String
        let operatorName: String?
    }

    /// The layers after a parameter set's filters.
    struct InputsKey: Hashable {
        let group: GroupKey
        let includePlanned: Bool
    }

    /// What decides a classifier's fibre index.
    struct FibreKey: Hashable {
        let inputs: InputsKey
        let dropMetres: Double
    }

    /// The vintage a parameter set runs on (its own, or the newest in the store).
    private mutating func vintage(_ p: CoverageParameters) throws -> String? {
        if let v = p.vintage { return v }
        if newest == nil { newest = .some(try snapshot.newestVintage()) }
        return newest ?? nil
    }

    /// The fibre key of `p` (its layers read on first use) and its location pass key.
    private mutating func keys(_ p: CoverageParameters) throws -> (FibreKey, CoverageParameters) {
        let vintage: String
        if let v = try self.vintage(p), read[v] != nil {
            vintage = v
        } else {
            // Throws `AnalysisError.noUnits` without communes of the vintage, as a run alone does.
            let loaded = try AnalysisInputs.read(from: snapshot, vintage: try self.vintage(p))
            read[loaded.vintage] = loaded
            vintage = loaded.vintage
        }
        let group = GroupKey(vintage: vintage, operatorName: p.operatorName)
        let fibre = FibreKey(
            inputs: InputsKey(group: group, includePlanned: p.includePlanned), dropMetres: p.fibreDistanceMetres)
        return (fibre, LocationPassCache.key(p, vintage: vintage))
    }

    /// The inputs of `p` (whose key is `key`), derived once from the layers read.
    private mutating func inputs(_ key: InputsKey, _ p: CoverageParameters) -> AnalysisInputs {
        if let hit = inputs[key] { return hit }
        guard let layers = read[key.group.vintage] else { preconditionFailure("keys(_:) reads the layers first") }
        let derived = AnalysisInputs.derive(layers, parameters: p)
        inputs[key] = derived
        return derived
    }

    /// The classifier of `key`: the first of its group built whole, the others sharing its indexes
    /// but for the fibre.
    private mutating func classifier(_ key: FibreKey, _ p: CoverageParameters) throws -> Classifier {
        if let hit = classifiers[key] { return hit }
        let inputs = inputs(key.inputs, p)
        let built: Classifier
        if let sibling = classifiers.first(where: { $0.key.inputs.group == key.inputs.group })?.value {
            built = sibling.replacingFibre(inputs: inputs, parameters: p)
        } else {
            built = try Classifier(inputs: inputs, parameters: p)
        }
        classifiers[key] = built
        return built
    }

    /// Takes the tallies (for every set with the same tally key) and the area shares (for the set
    /// itself) of the store's latest run when it is current and was computed with one of `sets`.
    mutating func adoptCurrentRun(_ sets: [CoverageParameters]) throws {
        guard !sets.isEmpty, let current = try CurrentRun.find(snapshot) else { return }
        guard let storedVintage = try vintage(current.parameters) else { return }
        let stored = current.normalisedParameters(vintage: storedVintage)
        let storedTally = LocationPassCache.key(stored, vintage: storedVintage)
        if let storedFibre = try? keys(stored).0,
            current.state.fits(inputs(storedFibre.inputs, stored), parameters: stored)
        {
            self.current = (current, stored, storedFibre, storedTally)
        }
        for p in sets {
            let (fibre, tally) = try keys(p)
            guard tally == storedTally, current.state.fits(inputs(fibre.inputs, p), parameters: p) else { continue }
            passes[tally] = current.state.passOutput
            var resolved = p
            resolved.vintage = fibre.inputs.group.vintage
            if resolved == stored { storedAreas[p] = current.state.areaFigures(p) }
        }
    }

    /// Classifies every location once per group for every tally key of `sets` not taken or cached yet.
    mutating func classify(_ sets: [CoverageParameters]) throws {
        var lanes: [GroupKey: [(fibre: FibreKey, tally: CoverageParameters, parameters: CoverageParameters)]] = [:]
        var groups: [GroupKey] = []
        for p in sets {
            let (fibre, tally) = try keys(p)
            let group = fibre.inputs.group
            if passes[tally] != nil { continue }
            if let hit = locationCache?.output(for: tally) {
                passes[tally] = hit
                continue
            }
            if try takePlannedChange(p, fibre: fibre, tally: tally) { continue }
            if lanes[group] == nil { groups.append(group) }
            if lanes[group, default: []].contains(where: { $0.tally == tally }) { continue }
            lanes[group, default: []].append((fibre, tally, p))
        }
        for group in groups {
            let todo = lanes[group] ?? []
            guard let first = todo.first else { continue }
            let base = try classifier(first.fibre, first.parameters)
            let inputs = inputs(first.fibre.inputs, first.parameters)
            var sourceKeys: [FibreKey] = []
            var sources: [Classifier] = []
            var variants: [LocationPassVariant] = []
            for lane in todo.dropFirst() {
                var source: Int?
                if lane.fibre != first.fibre {
                    if let k = sourceKeys.firstIndex(of: lane.fibre) {
                        source = k
                    } else {
                        sourceKeys.append(lane.fibre)
                        sources.append(try classifier(lane.fibre, lane.parameters))
                        source = sources.count - 1
                    }
                }
                variants.append(
                    LocationPassVariant(
                        fibreSource: source, evaluator: MeasureEvaluator(parameters: lane.parameters),
                        gapKey: lane.parameters.gapTechnology))
            }
            var pass = LocationPass(
                classifier: base, evaluator: MeasureEvaluator(parameters: first.parameters),
                gapKey: first.parameters.gapTechnology, unitCount: inputs.units.count,
                hamletCount: inputs.hamlets.count, operatorCount: inputs.operators.count, keepRows: false)
            pass.variants = variants
            pass.fibreSources = sources
            progress?("classifying every location once for \(todo.count) definition\(todo.count == 1 ? "" : "s")")
            let outputs = try pass.runAll(snapshot)
            for (lane, output) in zip(todo, outputs) {
                passes[lane.tally] = output
                locationCache?.store(output, for: lane.tally)
            }
        }
    }

    /// Takes the tallies of `p` from the current run's when the two differ only in counting planned
    /// fibre routes and nodes, classifying again only the locations whose fibre reach may differ
    /// (`PlannedFibreChange`); false when they differ otherwise or the change cannot be bounded.
    private mutating func takePlannedChange(_ p: CoverageParameters, fibre: FibreKey, tally: CoverageParameters)
        throws -> Bool
    {
        guard let current, tally != current.tally else { return false }
        var same = tally
        same.includePlanned = current.tally.includePlanned
        let evaluator = MeasureEvaluator(parameters: p)
        guard same == current.tally, evaluator == MeasureEvaluator(parameters: current.parameters) else { return false }
        let storedClassifier = try classifier(current.fibre, current.parameters)
        let otherClassifier = try classifier(fibre, p)
        guard
            let change = PlannedFibreChange(
                stored: inputs(current.fibre.inputs, current.parameters), storedClassifier: storedClassifier,
                other: inputs(fibre.inputs, p), otherClassifier: otherClassifier, dropMetres: p.fibreDistanceMetres)
        else { return false }
        let (output, count) = try change.output(
            from: current.run.state.passOutput, snapshot: snapshot, cells: current.run.state.cells,
            storedClassifier: storedClassifier, otherClassifier: otherClassifier, evaluator: evaluator,
            gapKey: p.gapTechnology)
        passes[tally] = output
        locationCache?.store(output, for: tally)
        progress?("classified again \(count) location\(count == 1 ? "" : "s") near planned fibre for 1 definition")
        return true
    }

    /// The result of one (normalised) parameter set, as `CoverageAnalyzer.evaluate()` gives it.
    mutating func result(_ p: CoverageParameters) throws -> CoverageResult {
        let (fibreKey, tallyKey) = try keys(p)
        let inputs = inputs(fibreKey.inputs, p)
        let classifier = try classifier(fibreKey, p)
        guard let output = passes[tallyKey] else {
            preconditionFailure("classify(_:) ran before result(_:) for every parameter set")
        }
        let evaluator = MeasureEvaluator(parameters: p)
        var builder = FiguresBuilder(
            measures: p.technologies, operators: inputs.operators,
            unavailable: FiguresBuilder.unavailableMeasures(inputs: inputs, parameters: p))
        builder.networkAvailable = inputs.totals.fibreRoutes > 0 && !inputs.fibreNodes.isEmpty
        let facts = try unitFacts(fibreKey, inputs: inputs, classifier: classifier)
        var areas = UnitAreaFigures(count: inputs.units.count)
        if let stored = storedAreas[p] {
            areas = stored
        } else if p.computeAreas {
            for (i, unit) in try AreaPass(parameters: p).run(snapshot, inputs: inputs, facts: facts).enumerated() {
                areas.shares[i] = unit.shares
            }
            progress?("computed area shares")
        }
        let unitCodes = inputs.units.map(\.code)
        let unitIndex = Dictionary(unitCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let hamletRollup = HamletRollup(
            hamlets: inputs.hamlets, tally: output.hamlets, rule: p.hamletRule, classifier: classifier,
            evaluator: evaluator, unitCodes: unitIndex)
        let assembly = FiguresAssembly(
            parameters: p, inputs: inputs, classifier: classifier, builder: builder, facts: facts, areas: areas,
            hamlets: hamletRollup, census: try census(inputs.vintage, codes: unitCodes))
        let communes = assembly.communes(output.units)
        let province = assembly.province(output.units, communes: communes)
        let units: [UnitFigures]
        switch p.grouping {
        case .province: units = []
        case .commune: units = communes
        case .hamlet: units = assembly.hamlets(output.hamlets)
        }
        let gapClusters = clusters(tallyKey, output.gaps, linkMetres: p.gapLinkMetres, unitCodes: unitCodes)
        var institutions = InstitutionFiguresBuilder.build(inputs.institutions, fibre: classifier.fibre, parameters: p)
        if builder.unavailable[.fibre] != nil {
            // Without fibre data, reach is unknown, not 0%.
            for i in institutions.indices { institutions[i].fibreReachShare = nil }
        }
        let sample = try outsideSample(fibreKey.inputs.group, rowIDs: output.outsideRowIDs)
        let (notes, warnings) = RunNotes.notesAndWarnings(
            parameters: p, inputs: inputs, output: output, unavailable: builder.unavailable)
        return CoverageResult(
            parameters: p.withVintage(inputs.vintage), province: province, units: units,
            outside: OutsideSummary(
                locations: output.outsideLocations, households: output.outsideHouseholds, sample: sample),
            institutions: institutions, gaps: Array(gapClusters.prefix(100).map(\.0)), operators: inputs.operators,
            notes: notes, runID: nil, warnings: warnings)
    }

    /// Unit facts per fibre definition (fibre lengths inside units depend on it; the rest is shared).
    private mutating func unitFacts(_ key: FibreKey, inputs: AnalysisInputs, classifier: Classifier) throws
        -> [UnitFact]
    {
        if let hit = facts[key] { return hit }
        let computed: [UnitFact]
        if let sibling = facts.first(where: { $0.key.inputs.group == key.inputs.group })?.value {
            computed = UnitFacts.replacingFibre(sibling, classifier: classifier)
        } else {
            computed = try UnitFacts.compute(snapshot, inputs: inputs, classifier: classifier)
        }
        facts[key] = computed
        return computed
    }

    /// Census figures per vintage.
    private mutating func census(_ vintage: String, codes: [String]) throws -> [String: CensusFigures] {
        if let hit = census[vintage] { return hit }
        let figures = try CensusRollup.figures(snapshot, vintage: vintage, codes: codes)
        census[vintage] = figures
        return figures
    }

    /// Gap clusters per location pass key.
    private mutating func clusters(
        _ key: CoverageParameters, _ gaps: GapPoints, linkMetres: Double, unitCodes: [String]
    ) -> [(GapCluster, Double)] {
        if let hit = clusters[key] { return hit }
        let computed = GapClustering.clusters(gaps, linkMetres: linkMetres, unitCodes: unitCodes)
        clusters[key] = computed
        return computed
    }

    /// The outside rows are the same for every definition of a group (units do not depend on them).
    private mutating func outsideSample(_ group: GroupKey, rowIDs: [Int64]) throws -> [OutsideLocation] {
        if let hit = outside[group] { return hit }
        let sample = try snapshot.households(rowIDs: rowIDs).map {
            OutsideLocation(id: $0.id, lon: $0.position.x, lat: $0.position.y, households: $0.households)
        }
        outside[group] = sample
        return sample
    }
}
