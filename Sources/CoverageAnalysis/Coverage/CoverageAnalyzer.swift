import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels

/// Runs a coverage analysis on a store: classify every location, aggregate, compute areas and gaps,
/// and write the results back.
public struct CoverageAnalyzer {
    public let store: Store
    public var parameters: CoverageParameters
    /// Called with progress messages (for stderr).
    public var progress: ((String) -> Void)?
    /// Recorded with the stored run.
    public var toolVersion = "covaudit"
    /// Called when a stage ends, with its name and wall seconds (for benchmarks).
    public var onStage: ((String, Double) -> Void)?
    /// Reuses classification tallies between runs on the same snapshot (audits' alternatives).
    public var locationCache: LocationPassCache?
    /// Start from the latest stored run when only local layers were added since (a what-if run,
    /// `CoverageAnalyzer+WhatIf`); otherwise, or when false, every location is computed.
    public var whatIf = false
    /// Called with one line on how the run was computed when `whatIf` is set (for stderr).
    public var onWhatIf: ((String) -> Void)?
    /// Called on a second thread with the figures (no run id yet) while a what-if run is stored, to
    /// encode the output meanwhile; a full run does not call it.
    public var whileStoring: (@Sendable (CoverageResult) -> Void)?

    public init(store: Store, parameters: CoverageParameters) {
        self.store = store
        self.parameters = parameters
    }

    /// Computes the figures and stores them as the latest run.
    ///
    /// Reads happen in one read transaction (a consistent snapshot even while an import writes);
    /// results go to the store's `ResultsSink`, which writes the per-location rows while the rest is
    /// computed and the run once it is complete, in one write transaction (imports wait for the
    /// store's write lock meanwhile).
    /// - Throws: `StoreError` naming the store for SQLite failures (e.g. `.busy` when another process
    ///   holds the write lock past the busy timeout; nothing is written then).
    public func run() throws -> CoverageResult {
        try store.wrap { try analyseAndStore() }
    }

    private func analyseAndStore() throws -> CoverageResult {
        if whatIf {
            // The snapshot ends before anything is written (a write transaction cannot start inside it).
            let snapshot = try store.readSnapshot()
            let outcome: WhatIfOutcome
            do { outcome = try whatIfRun(snapshot) } catch {
                snapshot.end()
                throw error
            }
            switch outcome {
            case .ready(let write):
                snapshot.end()
                return try write()
            case .full(let reason):
                if let reason { onWhatIf?("\(reason); computing every location") }
                return try storeFullRun { sink in
                    defer { snapshot.end() }
                    return try compute(snapshot, sink: sink)
                }
            }
        }
        return try storeFullRun { sink in try snapshot(sink: sink) }
    }

    /// Computes every location through `computed` and stores the run with its what-if state.
    private func storeFullRun(_ computed: (ResultsSink) throws -> Computed) throws -> CoverageResult {
        let sink = store.resultsSink()
        do {
            var computed = try computed(sink)
            progress?("writing results")
            let writeStart = Date()
            defer { onStage?("write results", Date().timeIntervalSince(writeStart)) }
            var run = try StoredRun(
                computed.result, parameters: parameters, toolVersion: toolVersion, gapClusters: computed.clusters,
                gapAreas: computed.gapAreas)
            run.inputs = computed.datasets
            run.state = computed.state?.encoded() ?? [:]
            computed.result.runID = try sink.finish(
                run, rows: computed.rows, unitCodes: computed.unitCodes, hamletCodes: computed.hamletCodes)
            return computed.result
        } catch {
            sink.cancel()
            throw error
        }
    }

    /// Computes the figures without writing anything (for audits that compare definitions).
    public func evaluate() throws -> CoverageResult {
        var p = self
        p.parameters.storeLocationResults = false
        p.parameters.gapAreas = false  // polygons are only stored, never part of the figures
        p.parameters.operatorAreas = false  // audits compare definitions, not operators' areas
        return try p.snapshot(sink: nil).result
    }

    /// Computes inside one read transaction, so every figure comes from the same snapshot.
    private func snapshot(sink: ResultsSink?) throws -> Computed {
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        return try compute(snapshot, sink: sink)
    }

    /// What a run computed, and what the sink needs to store it.
    struct Computed {
        var result: CoverageResult
        var rows: LocationRows?
        var unitCodes: [String]
        var hamletCodes: [String]
        var clusters: [GapCluster]
        var gapAreas: [StoredGapArea]
        /// The datasets of the snapshot (recorded with the stored run).
        var datasets: [DatasetFingerprint]
        /// What a later what-if run starts from (nil when nothing is stored).
        var state: RunState?
    }

    /// What the classification stage leaves for the stages after it.
    struct Classified {
        let inputs: AnalysisInputs
        let classifier: Classifier
        let evaluator: MeasureEvaluator
        let output: LocationPassOutput
    }

    /// Loads, indexes and classifies; then, while `sink` writes the per-location rows on its own
    /// connection, computes everything else.
    func compute(_ snapshot: ReadSnapshot, sink: ResultsSink?) throws -> Computed {
        var clock = StageClock(onStage: onStage)
        let classified = try classify(snapshot, clock: &clock)
        let inputs = classified.inputs
        let unitCodes = inputs.units.map(\.code)
        let hamletCodes = inputs.hamlets.map(\.code)
        guard let sink, let rows = classified.output.rows else {
            return try summarise(snapshot, classified, clock: clock, keepState: sink != nil)
        }
        let identity = snapshot.identity
        let (_, computed) = try ParallelChunks.beside(
            { sink.writeRowsEarly(rows, unitCodes: unitCodes, hamletCodes: hamletCodes, identity: identity) },
            { try summarise(snapshot, classified, clock: clock, keepState: true) })
        return computed
    }

    /// Loads the inputs, builds the indexes and classifies every location (or reuses a cached pass).
    private func classify(_ snapshot: ReadSnapshot, clock: inout StageClock) throws -> Classified {
        let inputs = try AnalysisInputs.load(from: snapshot, parameters: parameters)
        let (classifier, evaluator) = try index(inputs, clock: &clock)
        let keepRows = parameters.storeLocationResults
        let pass = LocationPass(
            classifier: classifier, evaluator: evaluator, gapKey: parameters.gapTechnology,
            unitCount: inputs.units.count, hamletCount: inputs.hamlets.count, operatorCount: inputs.operators.count,
            keepRows: keepRows)
        let cacheKey = LocationPassCache.key(parameters, vintage: inputs.vintage)
        let output: LocationPassOutput
        if !keepRows, let hit = locationCache?.output(for: cacheKey) {
            output = hit
            progress?("reused the classification of an earlier run (\(clock.elapsed))")
        } else {
            let clockNow = clock
            output = try pass.run(snapshot) { n in
                progress?("classified \(n) locations (\(clockNow.elapsed))")
            }
            locationCache?.store(output, for: cacheKey)
        }
        clock.stage("classify locations")
        return Classified(inputs: inputs, classifier: classifier, evaluator: evaluator, output: output)
    }

    /// Builds the classifier's indexes for `inputs` (reported as the stages "load layers" and "index geometry").
    func index(_ inputs: AnalysisInputs, clock: inout StageClock) throws -> (Classifier, MeasureEvaluator) {
        progress?(
            "loaded \(inputs.units.count) units, \(inputs.hamlets.count) hamlets, "
                + "\(inputs.coverage.values.reduce(0) { $0 + $1.count }) coverage areas, "
                + "\(inputs.fibreRoutes.count) fibre routes (\(clock.elapsed))")
        clock.stage("load layers")
        let classifier = try Classifier(inputs: inputs, parameters: parameters)
        let evaluator = MeasureEvaluator(parameters: parameters)
        progress?("indexed geometry (\(clock.elapsed))")
        clock.stage("index geometry")
        return (classifier, evaluator)
    }

    /// Unit facts, areas, per-unit and province figures, gaps, institutions and notes.
    ///
    /// `areas` computed by `areasOf` (nil: every unit's), and the state a what-if run starts from
    /// when `keepState`. With `stored` (a what-if run: the units and the counted fibre are the stored
    /// run's), the unit facts and institutions' fibre reach are that run's, not computed again
    /// (`c.classifier`'s fibre may then hold only the routes near the change).
    func summarise(
        _ snapshot: ReadSnapshot, _ c: Classified, clock: StageClock, keepState: Bool, stored: RunState? = nil,
        areasOf: (([UnitFact], inout StageClock) throws -> UnitAreaFigures)? = nil
    ) throws -> Computed {
        var clock = clock
        let inputs = c.inputs
        var builder = FiguresBuilder(
            measures: parameters.technologies, operators: inputs.operators,
            unavailable: FiguresBuilder.unavailableMeasures(inputs: inputs, parameters: parameters))
        builder.networkAvailable = inputs.totals.fibreRoutes > 0 && !inputs.fibreNodes.isEmpty
        let facts =
            try stored.map { try UnitFacts.restored(snapshot, inputs: inputs, stored: $0.unitFacts) }
            ?? UnitFacts.compute(snapshot, inputs: inputs, classifier: c.classifier)
        clock.stage("unit facts")
        let areas =
            try areasOf?(facts, &clock) ?? unitAreas(snapshot, inputs: inputs, facts: facts, clock: &clock)
        let unitCodes = inputs.units.map(\.code)
        let unitIndex = Dictionary(unitCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let hamletRollup = HamletRollup(
            hamlets: inputs.hamlets, tally: c.output.hamlets, rule: parameters.hamletRule, classifier: c.classifier,
            evaluator: c.evaluator, unitCodes: unitIndex)
        let census = try CensusRollup.figures(snapshot, vintage: inputs.vintage, codes: unitCodes)
        let assembly = FiguresAssembly(
            parameters: parameters, inputs: inputs, classifier: c.classifier, builder: builder, facts: facts,
            areas: areas, hamlets: hamletRollup, census: census)
        let communes = assembly.communes(c.output.units)
        let province = assembly.province(c.output.units, communes: communes)
        let units: [UnitFigures]
        switch parameters.grouping {
        case .province: units = []
        case .commune: units = communes
        case .hamlet: units = assembly.hamlets(c.output.hamlets)
        }
        let (clusters, gapLabels) = GapClustering.clustersAndLabels(
            c.output.gaps, linkMetres: parameters.gapLinkMetres, unitCodes: unitCodes,
            stored: stored.map { ($0.gaps, $0.gapLabels) })
        let reach =
            stored?.institutionReach
            ?? InstitutionFiguresBuilder.reach(inputs.institutions, fibre: c.classifier.fibre, parameters: parameters)
        var institutions = InstitutionFiguresBuilder.build(inputs.institutions, reach: reach, parameters: parameters)
        if builder.unavailable[.fibre] != nil {
            // Without fibre data, reach is unknown, not 0%.
            for i in institutions.indices { institutions[i].fibreReachShare = nil }
        }
        let outsideSample = try outsideLocations(snapshot, rowIDs: c.output.outsideRowIDs)
        let (notes, warnings) = RunNotes.notesAndWarnings(
            parameters: parameters, inputs: inputs, output: c.output, unavailable: builder.unavailable)
        clock.stage("aggregate, gaps, institutions")
        progress?("done (\(clock.elapsed))")
        let result = CoverageResult(
            parameters: parameters.withVintage(inputs.vintage), province: province, units: units,
            outside: OutsideSummary(
                locations: c.output.outsideLocations, households: c.output.outsideHouseholds, sample: outsideSample),
            institutions: institutions, gaps: Array(clusters.prefix(100).map(\.0)), operators: inputs.operators,
            notes: notes, runID: nil, warnings: warnings)
        return Computed(
            result: result, rows: c.output.rows, unitCodes: unitCodes, hamletCodes: inputs.hamlets.map(\.code),
            clusters: clusters.map(\.0), gapAreas: areas.gapAreas, datasets: try snapshot.datasetFingerprints(),
            state: keepState
                ? RunState(
                    inputMarks: try snapshot.inputMarks(excluding: []), operators: inputs.operators,
                    unitCodes: unitCodes, output: c.output,
                    areaShares: areas.shares.map { s in parameters.areaMeasures.map { s[$0] } },
                    areaBoxes: areas.boxes ?? AreaBoxState(Array(repeating: UnitBoxSums(), count: unitCodes.count)),
                    unitFacts: StoredUnitFacts(facts), institutionReach: reach, operatorAreas: areas.perOperator,
                    gapLabels: gapLabels, fibreLayout: stored.map(\.fibreLayout) ?? fibreLayout(inputs))
                : nil)
    }

    /// The layout of the area stage's fibre segment grid over every counted route and node, kept
    /// for what-if runs (nil when the run computes no areas).
    private func fibreLayout(_ inputs: AnalysisInputs) -> BoxGridLayout? {
        parameters.computeAreas ? AreaShares.segmentLayout(routes: inputs.fibreRoutes, nodes: inputs.fibreNodes) : nil
    }

    /// Area shares per unit (and the uncovered-area polygons), and per operator when asked.
    private func unitAreas(_ snapshot: ReadSnapshot, inputs: AnalysisInputs, facts: [UnitFact], clock: inout StageClock)
        throws -> UnitAreaFigures
    {
        var out = UnitAreaFigures(count: inputs.units.count)
        guard parameters.computeAreas else { return out }
        let areas = try AreaPass(parameters: parameters).run(snapshot, inputs: inputs, facts: facts)
        for (i, unit) in areas.enumerated() {
            out.shares[i] = unit.shares
            if let gap = unit.gap { out.gapAreas.append(gap) }
        }
        out.boxes = AreaBoxState(areas.map(\.boxes))
        progress?(
            "computed area shares\(parameters.gapAreas ? " and uncovered-area polygons" : "") (\(clock.elapsed))")
        clock.stage(parameters.gapAreas ? "areas and gap polygons" : "areas")
        if parameters.operatorAreas {
            out.perOperator = operatorAreaShares(inputs, facts: facts)
            progress?("computed area shares per operator (\(clock.elapsed))")
            clock.stage("areas per operator")
        }
        return out
    }

    /// Area shares per unit and operator (`--operator-areas`).
    func operatorAreaShares(_ inputs: AnalysisInputs, facts: [UnitFact]) -> [[String: [Measure: Double]]] {
        OperatorAreaShares.compute(
            inputs: inputs, parameters: parameters, units: inputs.units.map(\.geometry), centres: facts.map(\.centre),
            measures: parameters.areaMeasures)
    }

    private func outsideLocations(_ snapshot: ReadSnapshot, rowIDs: [Int64]) throws -> [OutsideLocation] {
        try snapshot.households(rowIDs: rowIDs).map {
            OutsideLocation(id: $0.id, lon: $0.position.x, lat: $0.position.y, households: $0.households)
        }
    }
}

/// Wall time since the run started and per stage, reported through `onStage`.
struct StageClock {
    let onStage: ((String, Double) -> Void)?
    let started = Date()
    private var lap = Date()

    init(onStage: ((String, Double) -> Void)?) { self.onStage = onStage }

    /// Reports the stage that ends now.
    mutating func stage(_ name: String) {
        onStage?(name, Date().timeIntervalSince(lap))
        lap = Date()
    }

    /// Seconds since the start, as progress messages show them.
    var elapsed: String { String(format: "%.2f s", Date().timeIntervalSince(started)) }
}

extension CoverageParameters {
    /// The parameters with the vintage actually used filled in.
    func withVintage(_ v: String) -> CoverageParameters {
        var p = self
        p.vintage = v
        return p
    }
}
