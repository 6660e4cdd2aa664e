import CoverageAnalysis
import CoverageModel

/// What the report's evidence section shows: the evidence analysis of the store's measurements.
public struct ReportEvidence: Sendable {
    public var result: EvidenceResult
    /// All the communes together: all operators first, then per operator (`EvidenceTotals`).
    public var totals: [EvidenceRow]
    /// The stored tests behind the challenge candidates, by test id.
    public var candidateTests: [String: CoverageModel.Measurement]

    public init(
        result: EvidenceResult, totals: [EvidenceRow], candidateTests: [String: CoverageModel.Measurement] = [:]
    ) {
        self.result = result
        self.totals = totals
        self.candidateTests = candidateTests
    }

    /// The section's inputs from a run made with `computeTotals` and `resolveCandidateTests`.
    public init(_ outcome: EvidenceRun.Outcome) {
        self.init(result: outcome.result, totals: outcome.totals, candidateTests: outcome.candidateTests)
    }

    /// The pooled row of `operatorName` (nil: all operators).
    public func total(_ operatorName: String?) -> EvidenceRow? {
        totals.first { $0.operatorName == operatorName }
    }

    /// The commune rows of `operatorName` (nil: all operators), by commune code.
    public func rows(_ operatorName: String?) -> [String: EvidenceRow] {
        var out: [String: EvidenceRow] = [:]
        for row in result.rows where row.operatorName == operatorName {
            if let code = row.communeCode { out[code] = row }
        }
        return out
    }

    /// The served share a map shows for a row: only with enough evidence (thin evidence is no data).
    public static func mappedShare(_ row: EvidenceRow?) -> Double? {
        guard let row, row.strength == .enough else { return nil }
        return row.insideShare
    }

    /// True when a row has tests inside declared coverage but not enough to show a share.
    public static func isThin(_ row: EvidenceRow?) -> Bool {
        guard let row else { return false }
        return row.insideDeclared > 0 && row.strength != .enough
    }
}
