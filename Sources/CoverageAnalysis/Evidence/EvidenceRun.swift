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
    /// Also compute `Outcome.totals` (every operator over all the communes together, for a report).
    public var computeTotals = false
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
        /// The tests in all the communes together, all operators first then per operator (only when
        /// `computeTotals`; see `EvidenceTotals`).
        public var totals: [EvidenceRow] = []
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
            let (tests, newest) = try EvidenceTestReader.read(snapshot)
            clock.stage("read tests")
            guard let asOf = asOf ?? newest else {
                throw AnalysisError.invalidParameter(
                    "the store has no measurements with a time; import some (covaudit import measurements …) or give --as-of"
                )
            }
            let testsRead = tests.count
            let inputs = try Self.readLayers(snapshot, vintage: vintage, communes: communes, tests: consume tests)
            clock.stage("read census, coverage, tiles, institutions")
            // The analysis takes the inputs over and releases the tests and the geometry as it goes;
            // the totals, when asked for, keep their own reference (and so the memory) for their pass.
            let totalsInputs = computeTotals ? inputs : nil
            let result = try EvidenceAnalysis.run(consume inputs, parameters: parameters, asOf: asOf, onStage: onStage)
            clock = StageClock(onStage: onStage)
            var outcome = Outcome(
                vintage: vintage, result: result, testsRead: testsRead, importExclusions: try snapshot.exclusions())
            if let totalsInputs {
                outcome.totals = try EvidenceTotals.rows(totalsInputs, parameters: parameters, asOf: asOf)
                clock.stage("totals")
            }
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

    /// The inputs besides the tests: the coverage areas (the largest layer) are read on a worker
    /// snapshot meanwhile the caller reads census, speed tiles and institutions, or here afterwards
    /// when the worker is refused (as `ReadSnapshot.inputLayers` does for the coverage pass).
    private static func readLayers(
        _ snapshot: ReadSnapshot, vintage: String, communes: [AdminUnit], tests: consuming EvidenceTestSet
    ) throws -> EvidenceInputs {
        let workers = snapshot.workers
        let lane = CallerLane(snapshot)
        let codes = communes.map(\.code)
        let (coverage, rest) = ParallelChunks.both(
            { () -> Result<[CoverageArea], any Error>? in
                guard let worker = workers.open() else { return nil }
                return Result { try worker.coverageAreas() }
            },
            {
                lane.run { snapshot in
                    Result { () throws -> ([String: Int], [SpeedTile], Set<String>) in
                        let census = try CensusRollup.figures(snapshot, vintage: vintage, codes: codes)
                        return (
                            census.compactMapValues { $0.households.map { Int($0.rounded()) } },
                            try snapshot.speedTiles(), Set(try snapshot.institutions().map(\.id))
                        )
                    }
                }
            })
        let (households, speedTiles, institutionIDs) = try rest.get()
        var inputs = EvidenceInputs(
            communes: communes, coverage: try coverage?.get() ?? snapshot.coverageAreas(),
            householdsByCommune: households, tests: consume tests, speedTiles: speedTiles)
        inputs.institutionIDs = institutionIDs
        return inputs
    }
}
