import CoverageModel
import CoverageStore
import Foundation

/// Runs the evidence analysis on one snapshot of a store: the communes of a vintage, the declared
/// coverage, census households per commune, every stored measurement and the speed tiles.
public struct EvidenceRun {
    public let store: Store
    public var parameters: EvidenceParameters
    /// Admin vintage (nil: the newest).
    public var vintage: String?
    /// The date the validity window ends at, seconds since 1970 UTC (nil: the newest test's time,
    /// so a run on the same data gives the same answer on any day).
    public var asOf: Double?
    /// Also read the stored tests behind each challenge candidate (for a challenge package).
    public var resolveCandidateTests = false
    /// Called with each stage's name and wall seconds as it ends (read, classify, tally, …).
    public var onStage: ((String, Double) -> Void)?

    public init(store: Store, parameters: EvidenceParameters = EvidenceParameters()) {
        self.store = store
        self.parameters = parameters
    }

    /// What a run found, with what it read.
    public struct Outcome: Sendable {
        public var vintage: String
        public var result: EvidenceResult
        /// Tests read from the store (before the analysis' own exclusions).
        public var testsRead: Int
        /// Rows the imports left out, per dataset and reason.
        public var importExclusions: [DatasetExclusion]
        /// The stored tests behind the challenge candidates, by the analysis' test id (only when
        /// `resolveCandidateTests`).
        public var candidateTests: [String: CoverageModel.Measurement] = [:]
    }

    /// Reads everything in one read transaction and analyses it.
    ///
    /// - Throws: `AnalysisError.noUnits` without communes, `.invalidParameter` for bad parameters or
    ///   when there are no measurements and no as-of date.
    public func run() throws -> Outcome {
        try store.wrap {
            var clock = StageClock(onStage: onStage)
            let snapshot = try store.readSnapshot()
            defer { snapshot.end() }
            guard let vintage = try vintage ?? snapshot.newestVintage() else {
                throw AnalysisError.noUnits("the store has no communes; import them first (covaudit import communes …)")
            }
            let communes = try snapshot.adminUnits(vintage: vintage, level: .commune)
            guard !communes.isEmpty else { throw AnalysisError.noUnits("no communes of vintage '\(vintage)'") }
            clock.stage("read communes")
            let (tests, newest) = try readTests(snapshot)
            clock.stage("read tests")
            guard let asOf = asOf ?? newest else {
                throw AnalysisError.invalidParameter(
                    "the store has no measurements with a time; import some (covaudit import measurements …) or give --as-of"
                )
            }
            let census = try CensusRollup.figures(snapshot, vintage: vintage, codes: communes.map(\.code))
            let households = census.compactMapValues { $0.households.map { Int($0.rounded()) } }
            let inputs = EvidenceInputs(
                communes: communes, coverage: try snapshot.coverageAreas(), householdsByCommune: households,
                tests: tests, speedTiles: try snapshot.speedTiles())
            clock.stage("read census, coverage, tiles")
            let result = try EvidenceAnalysis.run(inputs, parameters: parameters, asOf: asOf, onStage: onStage)
            clock = StageClock(onStage: onStage)
            var outcome = Outcome(
                vintage: vintage, result: result, testsRead: tests.count, importExclusions: try snapshot.exclusions())
            if resolveCandidateTests {
                for id in Set(result.challengeCandidates.flatMap(\.testIDs)) {
                    guard let row = Int64(id), let test = try snapshot.measurements(rowIDs: [row]).first else {
                        continue
                    }
                    outcome.candidateTests[id] = test
                }
                clock.stage("read candidate tests")
            }
            return outcome
        }
    }

    /// Every stored measurement as compact test records (ids are the store's row ids), and the
    /// newest recorded time.
    private func readTests(_ snapshot: ReadSnapshot) throws -> (EvidenceTestSet, Double?) {
        var tests = EvidenceTestSet()
        var newest: Double?
        guard let span = try snapshot.measurementIDSpan() else { return (tests, nil) }
        tests.reserveCapacity(try snapshot.measurementCount())
        let cursor = try snapshot.measurementCursor()
        var batch = MeasurementBatch()
        var lower = span.lowerBound
        while lower <= span.upperBound {
            let upper = lower + min(span.upperBound - lower, 65_535)
            try cursor.read(lower...upper, into: &batch)
            for i in 0..<batch.count {
                func recorded(_ v: Double) -> Double? { v.isNaN ? nil : v }
                let time = recorded(batch.times[i])
                if let time, time > (newest ?? -.infinity) { newest = time }
                tests.append(
                    Measurement(
                        id: String(batch.rowIDs[i]), position: batch.positions[i], time: time,
                        operatorName: batch.operators[i], technology: batch.technologies[i],
                        downloadMbps: recorded(batch.downloadMbps[i]), uploadMbps: recorded(batch.uploadMbps[i]),
                        latencyMs: recorded(batch.latencyMs[i]), rsrpDbm: recorded(batch.rsrpDbm[i]),
                        rsrqDb: recorded(batch.rsrqDb[i]), sinrDb: recorded(batch.sinrDb[i]), source: batch.sources[i],
                        environment: batch.environments[i]))
            }
            if upper == span.upperBound { break }
            lower = upper + 1
        }
        return (tests, newest)
    }
}
