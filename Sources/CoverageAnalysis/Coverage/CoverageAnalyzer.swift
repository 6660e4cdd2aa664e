import CoverageFormats
import CoverageModel
import CoverageStore
import Foundation
import SpatialSQL

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

    public init(store: Store, parameters: CoverageParameters) {
        self.store = store
        self.parameters = parameters
    }

    /// Computes the figures and stores them as the latest run.
    ///
    /// Reads happen in one read transaction (a consistent snapshot even while an import writes);
    /// results are written in one write transaction, which a second connection opens as soon as
    /// the locations are classified to store their rows while the rest is computed
    /// (`EarlyResultsWriter`; imports wait for the store's write lock meanwhile).
    /// - Throws: `StoreError` naming the store for SQLite failures (e.g. `.busy` when another process
    ///   holds the write lock past the busy timeout; nothing is written then).
    public func run() throws -> CoverageResult {
        do {
            return try analyseAndStore()
        } catch let error as SQLError {
            throw StoreError(error, path: store.path)
        }
    }

    private func analyseAndStore() throws -> CoverageResult {
        let db = store.db
        let computed = try snapshot()
        var handedOver = false
        defer { if !handedOver { computed.early?.cancel() } }
        var result = computed.result
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parametersJSON = String(decoding: try encoder.encode(parameters), as: UTF8.self)
        progress?("writing results")
        let writeStart = Date()
        defer { onStage?("write results", Date().timeIntervalSince(writeStart)) }
        let record = ResultsWriter.RunRecord(
            result: result, parametersJSON: parametersJSON, toolVersion: toolVersion, gapClusters: computed.clusters,
            gapAreas: computed.gapAreas)
        handedOver = true
        if let id = try computed.early?.finish(record) {
            result.runID = id
        } else {
            result.runID = try ResultsWriter(db: db).write(
                record, rows: computed.rows, unitCodes: computed.unitCodes, hamletCodes: computed.hamletCodes)
        }
        return result
    }

    /// Computes the figures without writing anything (for audits that compare definitions).
    public func evaluate() throws -> CoverageResult {
        var p = self
        p.parameters.storeLocationResults = false
        p.parameters.gapAreas = false  // polygons are only stored, never part of the figures
        p.parameters.operatorAreas = false  // audits compare definitions, not operators' areas
        return try p.snapshot().result
    }

    /// Computes inside one read transaction, so every figure comes from the same snapshot.
    private func snapshot() throws -> Computed {
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        return try compute(snapshot)
    }

    private struct Computed {
        var result: CoverageResult
        var rows: LocationRows?
        var unitCodes: [String]
        var hamletCodes: [String]
        var clusters: [GapCluster]
        var gapAreas: [ResultsWriter.GapArea]
        /// The writer already holding the per-location rows, when one started.
        var early: EarlyResultsWriter?
    }

    private func compute(_ snapshot: ReadSnapshot) throws -> Computed {
        let started = Date()
        var lap = Date()
        func stage(_ name: String) {
            onStage?(name, Date().timeIntervalSince(lap))
            lap = Date()
        }
        let inputs = try AnalysisInputs.load(from: snapshot, parameters: parameters)
        progress?(
            "loaded \(inputs.units.count) units, \(inputs.hamlets.count) hamlets, "
                + "\(inputs.coverage.values.reduce(0) { $0 + $1.count }) coverage areas, "
                + "\(inputs.fibreRoutes.count) fibre routes (\(Self.seconds(started)))")
        stage("load layers")
        let classifier = try Classifier(inputs: inputs, parameters: parameters)
        let evaluator = MeasureEvaluator(parameters: parameters)
        progress?("indexed geometry (\(Self.seconds(started)))")
        stage("index geometry")
        let keepRows = parameters.storeLocationResults
        let pass = LocationPass(
            classifier: classifier, evaluator: evaluator, gapKey: parameters.gapTechnology,
            unitCount: inputs.units.count, hamletCount: inputs.hamlets.count, operatorCount: inputs.operators.count,
            keepRows: keepRows)
        let cacheKey = LocationPassCache.key(parameters, vintage: inputs.vintage)
        let output: LocationPassOutput
        if !keepRows, let hit = locationCache?.output(for: cacheKey) {
            output = hit
            progress?("reused the classification of an earlier run (\(Self.seconds(started)))")
        } else {
            output = try pass.run(snapshot) { n in
                progress?("classified \(n) locations (\(Self.seconds(started)))")
            }
            locationCache?.store(output, for: cacheKey)
        }
        stage("classify locations")
        // The per-location rows are written on a second connection while the rest runs.
        let early = output.rows.map { rows in
            EarlyResultsWriter(
                path: store.path, fingerprint: snapshot.identity, rows: rows,
                unitCodes: inputs.units.map(\.code), hamletCodes: inputs.hamlets.map(\.code))
        }
        var handedOver = false
        defer { if !handedOver { early?.cancel() } }

        var builder = FiguresBuilder(
            measures: parameters.technologies, operators: inputs.operators,
            unavailable: FiguresBuilder.unavailableMeasures(inputs: inputs, parameters: parameters))
        builder.networkAvailable = !inputs.fibreRoutes.isEmpty && !inputs.fibreNodes.isEmpty
        let facts = try UnitFacts.compute(snapshot, inputs: inputs, classifier: classifier)
        stage("unit facts")
        let unitCodes = inputs.units.map(\.code)
        let unitIndex = Dictionary(unitCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var areaShares: [[TechnologyKey: Double]] = Array(repeating: [:], count: inputs.units.count)
        var gapAreas: [ResultsWriter.GapArea] = []
        if parameters.computeAreas {
            let areas = try AreaPass(parameters: parameters).run(snapshot, inputs: inputs, facts: facts)
            for (i, unit) in areas.enumerated() {
                areaShares[i] = unit.shares
                if let gap = unit.gap { gapAreas.append(gap) }
            }
            progress?(
                "computed area shares\(parameters.gapAreas ? " and uncovered-area polygons" : "") (\(Self.seconds(started)))"
            )
            stage(parameters.gapAreas ? "areas and gap polygons" : "areas")
        }
        var operatorAreas: [[String: [TechnologyKey: Double]]]?
        if parameters.operatorAreas, parameters.computeAreas {
            operatorAreas = OperatorAreaShares.compute(
                inputs: inputs, parameters: parameters, units: inputs.units.map(\.geometry),
                centres: facts.map(\.centre), measures: parameters.areaMeasures)
            progress?("computed area shares per operator (\(Self.seconds(started)))")
            stage("areas per operator")
        }
        let hamletRollup = HamletRollup(
            hamlets: inputs.hamlets, tally: output.hamlets, rule: parameters.hamletRule, classifier: classifier,
            evaluator: evaluator, unitCodes: unitIndex)
        let census = try CensusRollup.figures(snapshot, vintage: inputs.vintage, codes: unitCodes)
        var nodesPerUnit = [Int](repeating: 0, count: inputs.units.count)
        for n in inputs.fibreNodes { if let u = classifier.units.firstContaining(n.position) { nodesPerUnit[u] += 1 } }

        var communes: [UnitFigures] = []
        for (i, unit) in inputs.units.enumerated() {
            var f = builder.unit(
                output.units, i, code: unit.code, name: unit.name, level: "commune", parentCode: unit.parentCode,
                areaKm2: facts[i].areaKm2, areaShares: parameters.computeAreas ? areaShares[i] : nil,
                operatorAreas: operatorAreas?[i])
            let h = hamletRollup.count(unit: i)
            applyHamlets(&f, h)
            let centreDistance = classifier.fibre.nearestUnbounded(to: facts[i].centre)?.distanceMetres
            f.fibre = FibrePresence(
                hasFibre: facts[i].fibreKm > 0 || nodesPerUnit[i] > 0, routeLengthKm: facts[i].fibreKm,
                nodes: nodesPerUnit[i], centreDistanceM: centreDistance)
            f.census = census[unit.code]
            communes.append(f)
        }
        let total = FiguresBuilder.collapse(output.units)
        var provinceAreas: [TechnologyKey: Double] = [:]
        let totalArea = facts.reduce(0) { $0 + $1.areaKm2 }
        if parameters.computeAreas, totalArea > 0 {
            for key in parameters.areaMeasures {
                provinceAreas[key] =
                    zip(facts, areaShares).reduce(0) { $0 + $1.0.areaKm2 * ($1.1[key] ?? 0) } / totalArea
            }
        }
        var province = builder.unit(
            total, 0, code: inputs.province?.code ?? "all", name: inputs.province?.name ?? "all units",
            level: "province", areaKm2: totalArea, areaShares: parameters.computeAreas ? provinceAreas : nil,
            operatorAreas: operatorAreas.map { OperatorAreaShares.province($0, areasKm2: facts.map(\.areaKm2)) })
        applyHamlets(&province, hamletRollup.count(unit: nil))
        province.fibre = FibrePresence(
            hasFibre: communes.contains { $0.fibre?.hasFibre ?? false },
            routeLengthKm: facts.reduce(0) { $0 + $1.fibreKm }, nodes: nodesPerUnit.reduce(0, +), centreDistanceM: nil)
        if !census.isEmpty {
            let hh = census.values.compactMap(\.households)
            let pp = census.values.compactMap(\.persons)
            province.census = CensusFigures(
                vintage: inputs.vintage, households: hh.isEmpty ? nil : hh.reduce(0, +),
                persons: pp.isEmpty ? nil : pp.reduce(0, +), method: census.values.first?.method ?? "direct")
        }

        let units: [UnitFigures]
        switch parameters.grouping {
        case .province: units = []
        case .commune: units = communes
        case .hamlet:
            units = inputs.hamlets.enumerated().map { h, hamlet in
                var f = builder.unit(
                    output.hamlets, h, code: hamlet.code, name: hamlet.name, level: "hamlet",
                    parentCode: hamletRollup.unitOfHamlet[h] >= 0
                        ? unitCodes[hamletRollup.unitOfHamlet[h]] : hamlet.communeCode)
                f.hamlets = 1
                return f
            }
        }

        let clusters = GapClustering.clusters(output.gaps, linkMetres: parameters.gapLinkMetres, unitCodes: unitCodes)
        var institutions = InstitutionFiguresBuilder.build(
            inputs.institutions, fibre: classifier.fibre, parameters: parameters)
        if builder.unavailable[.fibre] != nil {
            // Without fibre data, reach is unknown, not 0%.
            for i in institutions.indices { institutions[i].fibreReachShare = nil }
        }
        let outsideSample = try outsideLocations(snapshot, rowIDs: output.outsideRowIDs)
        var notes = inputs.notes
        var warnings = inputs.warnings
        if output.outsideLocations > 0 {
            notes.append(
                "\(output.outsideLocations) locations (\(output.outsideHouseholds) households) lie outside every unit of vintage \(inputs.vintage)"
            )
        }
        for (key, why) in builder.unavailable.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where parameters.technologies.contains(key) {
            let message = "\(key.rawValue): \(why) — reported as not available, not as 0% covered"
            notes.append(message)
            if inputs.warnings.isEmpty || parameters.operatorName == nil { warnings.append(message) }
        }
        stage("aggregate, gaps, institutions")
        progress?("done (\(Self.seconds(started)))")
        let result = CoverageResult(
            parameters: parameters.withVintage(inputs.vintage), province: province, units: units,
            outside: OutsideSummary(
                locations: output.outsideLocations, households: output.outsideHouseholds, sample: outsideSample),
            institutions: institutions, gaps: Array(clusters.prefix(100).map(\.0)), operators: inputs.operators,
            notes: notes, runID: nil, warnings: warnings)
        handedOver = true
        return Computed(
            result: result, rows: output.rows, unitCodes: unitCodes, hamletCodes: inputs.hamlets.map(\.code),
            clusters: clusters.map(\.0), gapAreas: gapAreas, early: early)
    }

    private func applyHamlets(_ f: inout UnitFigures, _ h: (hamlets: Int, covered: [Int])) {
        f.hamlets = h.hamlets
        for (m, key) in parameters.technologies.enumerated() where f.coverage[key.rawValue]?.available == true {
            f.coverage[key.rawValue]?.hamletsCovered = h.covered[m]
            f.coverage[key.rawValue]?.hamletShare = FiguresBuilder.share(h.covered[m], h.hamlets)
        }
    }

    private func outsideLocations(_ snapshot: ReadSnapshot, rowIDs: [Int64]) throws -> [OutsideLocation] {
        try snapshot.households(rowIDs: rowIDs).map {
            OutsideLocation(id: $0.id, lon: $0.position.x, lat: $0.position.y, households: $0.households)
        }
    }

    private static func seconds(_ since: Date) -> String { String(format: "%.2f s", Date().timeIntervalSince(since)) }
}

extension CoverageParameters {
    /// The parameters with the vintage actually used filled in.
    func withVintage(_ v: String) -> CoverageParameters {
        var p = self
        p.vintage = v
        return p
    }
}
