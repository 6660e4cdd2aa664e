import CoverageAnalysis
import CoverageReport
import CoverageStore

/// The report's evidence analysis, run beside the coverage analysis on a connection of its own.
struct ReportEvidenceJob: Sendable {
    /// The store to open read-only.
    var storePath: String
    /// The vintage asked for (nil: the newest, as the coverage analysis resolves it).
    var vintage: String?
    /// Whether the store holds measurements (without any, the report has no evidence section).
    var measured: Bool

    /// The evidence analysis's outcome (nil without measurements), or the error it raised.
    @Sendable func run() -> Result<EvidenceRun.Outcome?, any Error> {
        guard measured else { return .success(nil) }
        return Result { try Self.analyse(Store.open(at: storePath, readOnly: true), vintage: vintage) }
    }

    /// The report's evidence from the early outcome: rethrows its error, and analyses again on `store`
    /// in the unexpected case that the outcome's vintage is not the one the coverage result used.
    static func settle(_ early: Result<EvidenceRun.Outcome?, any Error>, store: Store, vintage: String?) throws
        -> ReportEvidence?
    {
        guard let outcome = try early.get() else { return nil }
        if outcome.vintage == vintage { return ReportEvidence(outcome) }
        return ReportEvidence(try analyse(store, vintage: vintage))
    }

    /// The evidence analysis as the report runs it (totals and the tests behind each candidate).
    private static func analyse(_ store: Store, vintage: String?) throws -> EvidenceRun.Outcome {
        var run = EvidenceRun(store: store)
        run.vintage = vintage
        run.computeTotals = true
        run.resolveCandidateTests = true
        return try run.run()
    }
}
