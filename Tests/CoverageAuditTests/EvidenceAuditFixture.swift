import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation

@testable import CoverageAnalysis

/// Hand-built measured evidence for the audit tests, and the figures the audit is checked against,
/// written out here independently of the audit's code.
enum EvidenceAuditFixture {
    /// The default evidence parameters (minimum 5 tests, interval at most 0.2 wide, 95%).
    static let parameters = EvidenceParameters()

    /// One commune × operator row: valid tests inside declared coverage per technology (inside,
    /// passing), stale tests, download tests and their statistics.
    static func row(
        _ code: String, operator operatorName: String? = nil, inside: [Technology: (Int, Int)] = [:], stale: Int = 0,
        downloads: Int = 0, median: Double? = nil, p10: Double? = nil
    ) -> EvidenceRow {
        let tests = inside.values.reduce(0) { $0 + $1.0 }
        let passing = inside.values.reduce(0) { $0 + $1.1 }
        var row = EvidenceRow(
            communeCode: code, operatorName: operatorName, tests: tests + stale,
            excluded: stale > 0 ? [.stale: stale] : [:], valid: tests, insideDeclared: tests, outsideDeclared: 0,
            insidePassing: passing, outsidePassing: 0, insideShare: nil, insideInterval: nil, tierCounts: [],
            testsPerSquareKm: nil, testsPerThousandHouseholds: nil, downloadTests: downloads,
            medianDownloadMbps: median, p10DownloadMbps: p10, strength: .tooFewTests)
        row.insideByTechnology = inside.mapValues { InsideCounts(inside: $0.0, passing: $0.1) }
        return row
    }

    /// A result holding `rows` (and probes attached to institutions).
    static func result(
        _ rows: [EvidenceRow], operators: [String] = [], institutions: [InstitutionEvidence] = []
    ) -> EvidenceResult {
        var r = EvidenceResult(
            parameters: parameters, asOf: 0, operators: operators, rows: rows, outsideCommunes: [],
            challengeCandidates: [], servedUndeclared: [], speedTiles: [], speedTilesWrongZoom: 0)
        r.institutions = institutions
        return r
    }

    /// The 95% Wilson score interval written out (z = Φ⁻¹(0.975) as a literal), clamped to 0…1.
    static func wilson(_ k: Int, _ n: Int) -> (lower: Double, upper: Double) {
        let z = 1.959963984540054
        let nn = Double(n)
        let p = Double(k) / nn
        let d = 1 + z * z / nn
        let centre = (p + z * z / (2 * nn)) / d
        let half = z / d * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// An auditor on a new copy of the demo store (the base definitions).
    static func auditor() throws -> Auditor {
        try Auditor(store: FictionalStores.demoStore().1, base: CoverageParameters())
    }

    /// The auditor's communes with their declared-coverage figures (the base definitions).
    static func units(_ auditor: Auditor) throws -> [UnitFigures] {
        var p = CoverageParameters()
        p.vintage = auditor.base.vintage
        p.storeLocationResults = false
        return try CoverageAnalyzer(store: auditor.store, parameters: p).evaluate().units.sorted { $0.code < $1.code }
    }

    /// Audits one claim (JSON object text) with `evidence`.
    static func audit(_ claim: String, _ auditor: Auditor, evidence: EvidenceResult?) throws -> ClaimOutcome {
        var auditor = auditor
        auditor.evidence = evidence
        return try auditor.audit(try AuditFixture.claims(#"{"claims":["# + claim + "]}")).outcomes[0]
    }
}
