import CoverageAnalysis
import CoverageReport
import Foundation
import Testing

@testable import CoverageAudit

/// The audit renderers show "evidence too thin", an evidence alternative's interval and its unknowns,
/// and a value without data as "n/a", never 0%.
@Suite struct AuditEvidenceRenderingTests {
    static func report() -> AuditReport {
        let claim = Claim(
            id: "speed", text: "25 Mbps", metric: .download, technologies: [], comparator: .atLeast, threshold: 0.75)
        var speed = claim
        speed.mbps = 25
        let outcome = ClaimOutcome(
            claim: speed, definition: "communes whose median valid download is at least 25 Mbps", measured: 0.8,
            verdict: .tooThin, margin: nil,
            reasons: [
                "evidence too thin in 2 of 12 communes (2 communes with too few tests): the share lies between 66.7% and 83.3%"
            ],
            shortfalls: [], shortfallCount: 0,
            alternatives: [
                AlternativeValue(
                    key: "download:median", label: "communes whose median download is at least 25 Mbps", value: 0.8,
                    holds: nil, primary: true, note: "evidence too thin: 2 communes with too few tests",
                    interval: ProportionInterval(lower: 8.0 / 12, upper: 10.0 / 12), unknowns: 2),
                AlternativeValue(
                    key: "download:p10", label: "communes whose 10th-percentile download is at least 25 Mbps", value: 0,
                    holds: false, primary: false, note: "1 commune with stale tests",
                    interval: ProportionInterval(lower: 0, upper: 1.0 / 12), unknowns: 1),
                AlternativeValue(
                    key: "institutions:probes", label: "no probes", value: nil, holds: nil, primary: false,
                    note: "evidence too thin: 43 institutions without probes",
                    interval: ProportionInterval(lower: 0, upper: 1), unknowns: 43),
            ],
            robustness: "holds under no definition")
        return AuditReport(parameters: CoverageParameters(), outcomes: [outcome], evaluations: 0)
    }

    @Test func textAndMarkdownShowTheVerdictTheIntervalAndTheUnknowns() throws {
        for text in [AuditText.render(Self.report()), AuditMarkdown.render(Self.report())] {
            #expect(text.contains("evidence too thin"))
            #expect(text.contains("80.0% (66.7–83.3%)"))
            #expect(text.contains("does not hold — 1 commune with stale tests"))
            #expect(text.contains("n/a (0.0–100.0%)") && !text.contains(" 0.0% (0.0–100.0%)"))
            #expect(text.contains(">= 75.0% (median ≥ 25 Mbps)"))
            #expect(text.contains("the share lies between 66.7% and 83.3%"))
        }
        #expect(
            AuditText.render(Self.report()).contains(
                "1 claims: 0 hold, 0 do not hold, 0 cannot be evaluated, 1 evidence too thin"))
        let vi = AuditText.render(Self.report(), language: .vi)
        #expect(vi.contains("không đủ bằng chứng") && vi.contains("80,0% (66,7–83,3%)"))
        #expect(vi.contains("tại 2/12 xã") && vi.contains("66,7% đến 83,3%"), "\(vi)")
    }

    @Test func jsonCarriesTheNewVerdictAndOmitsEvidenceFieldsWithoutEvidence() throws {
        let json = try ReportJSON.encode(Self.report())
        #expect(json.contains(#""verdict" : "evidence too thin""#))
        #expect(json.contains(#""unknowns" : 2"#) && json.contains(#""interval" : {"#))
        var plain = Self.report()
        plain.outcomes[0].alternatives = [
            AlternativeValue(key: "households", label: "households", value: 0.5, holds: true, primary: true)
        ]
        plain.outcomes[0].claim.mbps = nil
        let text = try ReportJSON.encode(plain)
        for key in ["interval", "unknowns", "mbps", "statistic", "operator"] { #expect(!text.contains("\"\(key)\"")) }
    }
}
