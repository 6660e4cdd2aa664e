import CoverageModel
import Foundation
import GeometryKernels

/// Measured evidence against declared coverage: per commune and operator, challenge candidates,
/// served-but-undeclared cells and Ookla tile summaries (definitions in docs/DEFINITIONS.md,
/// "Measured evidence").
public enum EvidenceAnalysis {
    /// Analyses `inputs` at `asOf` (seconds since 1970 UTC: the end of the validity window).
    ///
    /// One parallel pass classifies the tests (no allocation per test); counts, download
    /// percentiles and cells are then aggregated from the flat classification. Each large input is
    /// released as soon as no later stage needs it (the coverage geometry once indexed, the test
    /// records before the cells, the classification once the cells have their entries), so a caller
    /// that hands its inputs over (`consume`) peaks lower.
    /// `onStage` is called with each stage's name and wall seconds as it ends.
    /// - Throws: `AnalysisError.invalidParameter` for parameters that make no sense.
    public static func run(
        _ inputs: consuming EvidenceInputs, parameters: EvidenceParameters = EvidenceParameters(), asOf: Double,
        onStage: ((String, Double) -> Void)? = nil
    ) throws -> EvidenceResult {
        try parameters.validate()
        guard asOf.isFinite else { throw AnalysisError.invalidParameter("evidence: the as-of time must be finite") }
        var clock = StageClock(onStage: onStage)
        let indexes = EvidenceIndexes(
            communes: inputs.communes, coverage: inputs.coverage, testOperators: Set(inputs.tests.operators))
        inputs.coverage = []
        let judge = TestJudge(parameters: parameters, asOf: asOf)
        clock.stage("index polygons")
        let classified = EvidenceClassifier.classify(inputs.tests, indexes: indexes, judge: judge)
        clock.stage("classify")
        let tally = EvidenceTally.count(
            classified, tests: inputs.tests, communeCount: indexes.communeCodes.count,
            operatorCount: indexes.operators.count, tierCount: parameters.speedTiers.count)
        clock.stage("tally")
        let downloads = EvidenceDownloads(classified, tests: inputs.tests, tally: tally)
        clock.stage("download percentiles")
        let probes = InstitutionProbes.evidence(
            inputs.tests, judge: judge, parameters: parameters, stored: inputs.institutionIDs)
        clock.stage("institutions")
        let testIDs = inputs.tests.testIDs
        inputs.tests = EvidenceTestSet()
        let cells = EvidenceCells.find(consume classified, testIDs: testIDs, indexes: indexes, parameters: parameters)
        clock.stage("cells")
        let tiles = SpeedTileSummaries.summarize(inputs.speedTiles, indexes: indexes)
        clock.stage("speed tiles")
        let builder = EvidenceRowBuilder(
            tally: tally, downloads: downloads, indexes: indexes, parameters: parameters,
            areas: areasInSquareKm(inputs.communes), households: inputs.householdsByCommune)
        var rows: [EvidenceRow] = []
        for c in 0..<indexes.communeCodes.count {
            for r in 0..<tally.operatorRows { rows.append(builder.row(commune: c, operatorRow: r)) }
        }
        let outside = (0..<tally.operatorRows).map { builder.row(commune: indexes.communeCodes.count, operatorRow: $0) }
        clock.stage("rows")
        var result = EvidenceResult(
            parameters: parameters, asOf: asOf, operators: indexes.operators, rows: rows,
            outsideCommunes: outside.filter { $0.tests > 0 }, challengeCandidates: cells.challenges,
            servedUndeclared: cells.undeclared, speedTiles: tiles.summaries, speedTilesWrongZoom: tiles.wrongZoom)
        (result.institutions, result.unattachedProbeTests) = probes
        return result
    }

    /// Ellipsoidal area of each commune in km², by code.
    static func areasInSquareKm(_ communes: [AdminUnit]) -> [String: Double] {
        let areas = ParallelChunks.map(0..<communes.count) { _, range in
            range.map { PolygonMeasures.ellipsoidalArea(communes[$0].geometry) / 1e6 }
        }.flatMap { $0 }
        return Dictionary(zip(communes.map(\.code), areas), uniquingKeysWith: { a, _ in a })
    }
}

/// Turns a tally slot into an `EvidenceRow`: shares, intervals, densities, percentiles, strength.
struct EvidenceRowBuilder {
    let tally: EvidenceTally
    let downloads: EvidenceDownloads
    let indexes: EvidenceIndexes
    let parameters: EvidenceParameters
    let areas: [String: Double]
    let households: [String: Int]

    /// The row of commune index `commune` (the commune count: no commune) and operator row `operatorRow`
    /// (0: all operators).
    func row(commune: Int, operatorRow: Int) -> EvidenceRow {
        typealias C = EvidenceTally.Counter
        let b = tally.base(commune, operatorRow)
        func count(_ offset: Int) -> Int { tally.counts[b + offset] }
        var excluded: [EvidenceExclusion: Int] = [:]
        for (i, reason) in EvidenceExclusion.allCases.enumerated() where count(C.exclusions + i) > 0 {
            excluded[reason] = count(C.exclusions + i)
        }
        let code = commune < indexes.communeCodes.count ? indexes.communeCodes[commune] : nil
        let valid = count(C.valid)
        let inside = count(C.inside)
        let insidePassing = count(C.insidePassing)
        let interval = EvidenceStatistics.wilson(
            successes: insidePassing, trials: inside, confidence: parameters.confidenceLevel)
        let area = code.flatMap { areas[$0] }
        let householdCount = code.flatMap { households[$0] }
        let slot = tally.slot(commune, operatorRow)
        var byTechnology: [Technology: InsideCounts] = [:]
        for (t, technology) in Technology.allCases.enumerated() where count(tally.technologyOffset(t)) > 0 {
            byTechnology[technology] = InsideCounts(
                inside: count(tally.technologyOffset(t)), passing: count(tally.technologyOffset(t) + 1))
        }
        var row = EvidenceRow(
            communeCode: code, operatorName: operatorRow == 0 ? nil : indexes.operators[operatorRow - 1],
            tests: count(C.tests), excluded: excluded, valid: valid, insideDeclared: inside,
            outsideDeclared: count(C.outside), insidePassing: insidePassing, outsidePassing: count(C.outsidePassing),
            insideShare: inside > 0 ? Double(insidePassing) / Double(inside) : nil, insideInterval: interval,
            tierCounts: (0..<tally.tierCount).map { count(C.tiers + $0) },
            testsPerSquareKm: area.flatMap { $0 > 0 ? Double(valid) / $0 : nil },
            testsPerThousandHouseholds: householdCount.flatMap { $0 > 0 ? Double(valid) * 1000 / Double($0) : nil },
            downloadTests: count(C.downloads), medianDownloadMbps: downloads.quantile(slot: slot, 0.5),
            p10DownloadMbps: downloads.quantile(slot: slot, 0.1),
            strength: EvidenceStrength.judge(
                tests: inside, interval: interval, stale: excluded[.stale] ?? 0, parameters: parameters))
        row.insideByTechnology = byTechnology
        return row
    }
}
