import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// Measured-speed claims ("median download ≥ 25 Mbps in X% of communes") on hand-built evidence.
@Suite struct SpeedClaimTests {
    typealias F = EvidenceAuditFixture

    /// 12 communes: 2 with 92 download tests (one short of a median known to ±10 points: unknown),
    /// 8 with a median of 30 Mbps and 2 with 20 Mbps (200 tests each); p10 is a third of the median.
    static func evidence(_ codes: [String]) -> EvidenceResult {
        F.result(
            codes.enumerated().flatMap { i, code in
                let tests = i < 2 ? 92 : 200
                let median: Double = i < 10 ? 30 : 20
                return [nil, "Viettel"].map {
                    F.row(code, operator: $0, downloads: tests, median: median, p10: median / 3)
                }
            }, operators: ["Viettel"])
    }

    static func claim(_ threshold: Double, extra: String = "") -> String {
        #"{"id":"speed","metric":"download","mbps":25,"threshold":\#(threshold)\#(extra)}"#
    }

    /// Known: 10 communes, 8 meeting 25 Mbps; unknown: 2. Ends 8/12 and 10/12; value 8/10.
    @Test(arguments: [
        (0.5, Verdict.holds), (0.9, .doesNotHold), (0.75, .tooThin),
    ])
    func theVerdictFollowsTheBoundsRule(_ threshold: Double, _ verdict: Verdict) throws {
        let auditor = try F.auditor()
        let codes = try F.units(auditor).map(\.code)
        try #require(codes.count == 12)
        for operatorFilter in ["", #","operator":"Viettel""#] {
            let o = try F.audit(Self.claim(threshold, extra: operatorFilter), auditor, evidence: Self.evidence(codes))
            #expect(o.verdict == verdict)
            #expect(abs((o.measured ?? -1) - 0.8) < 1e-12)
            let primary = try #require(o.alternatives.first { $0.primary })
            #expect(primary.key == "download:median" && primary.unknowns == 2)
            #expect(primary.interval == ProportionInterval(lower: 8.0 / 12, upper: 10.0 / 12))
            #expect(o.shortfallCount == 2 && o.shortfalls.allSatisfy { $0.value == nil })
            #expect(o.shortfalls.first?.detail?.contains("20.0 Mbps") == true)
            if verdict == .tooThin {
                #expect(o.margin == nil)
                #expect(o.reasons.joined().contains("evidence too thin in 2 of 12 communes"))
            } else {
                #expect(abs((o.margin ?? 0) - (0.8 - threshold)) < 1e-12)
            }
            // The 10th percentile (10 or 6.7 Mbps) meets 25 Mbps nowhere; 34 tests suffice for it.
            let p10 = try #require(o.alternatives.first { $0.key == "download:p10" })
            #expect(p10.value == 0 && p10.unknowns == 0)
        }
    }

    @Test func withoutMeasurementsItCannotBeEvaluatedAndSaysWhich() throws {
        let auditor = try F.auditor()
        let o = try F.audit(Self.claim(0.5), auditor, evidence: nil)
        #expect(o.verdict == .cannotEvaluate)
        #expect(o.reasons.joined().contains("measurements layer is empty"))
    }

    @Test(arguments: [
        (#","operator":"Nobody""#, "no tests or declared coverage of operator 'Nobody'"),
        (#","filter":{"units":["99999"]}"#, "unknown commune codes in filter.units: 99999"),
    ])
    func unknownOperatorsAndCommunesCannotBeEvaluated(_ extra: String, _ reason: String) throws {
        let auditor = try F.auditor()
        let codes = try F.units(auditor).map(\.code)
        let o = try F.audit(Self.claim(0.5, extra: extra), auditor, evidence: Self.evidence(codes))
        #expect(o.verdict == .cannotEvaluate)
        #expect(o.reasons.joined().contains(reason), "\(o.reasons)")
    }

    @Test(arguments: [(92, EvidenceStrength.tooFewTests), (93, .enough)])
    func aMedianNeedsNinetyThreeTestsAtTheDefaults(_ tests: Int, _ strength: EvidenceStrength) {
        // Wilson width of 46/92 is 0.2002, of 47/93 0.1992 (computed with Python's statistics.NormalDist).
        #expect(
            EvidenceStrength.judgeQuantile(level: 0.5, tests: tests, stale: 0, parameters: F.parameters) == strength)
        #expect(EvidenceStrength.judgeQuantile(level: 0.1, tests: 34, stale: 0, parameters: F.parameters) == .enough)
        #expect(EvidenceStrength.judgeQuantile(level: 0.5, tests: 4, stale: 1, parameters: F.parameters) == .stale)
    }

    @Test(arguments: [
        (#""metric":"download","threshold":0.5"#, "metric download needs 'mbps'"),
        (#""metric":"download","mbps":0,"threshold":0.5"#, "mbps 0.0 must be a positive finite number"),
        (#""metric":"download","mbps":"fast","threshold":0.5"#, "mbps is not a number"),
        (
            #""metric":"download","mbps":25,"statistic":"mean","threshold":0.5"#,
            "unknown statistic 'mean'; use median or p10"
        ),
        (#""metric":"download","mbps":25,"operator":" ","threshold":0.5"#, "operator is empty"),
        (
            #""metric":"download","mbps":25,"technologies":["4G"],"threshold":0.5"#,
            "technologies do not apply to metric download"
        ),
        (
            #""metric":"download","mbps":25,"filter":{"kind":"school"},"threshold":0.5"#,
            "filter.kind applies to metric institutions only"
        ),
        (
            #""metric":"households","technologies":["4G"],"mbps":25,"threshold":0.5"#,
            "'mbps' applies to metric download only"
        ),
        (
            #""metric":"households","technologies":["4G"],"statistic":"p10","threshold":0.5"#,
            "'statistic' applies to metric download only"
        ),
        (
            #""metric":"communes","technologies":["4G"],"operator":"Viettel","threshold":0.5"#,
            "'operator' applies to metric download only"
        ),
    ])
    func badDownloadFieldsAreRefusedWithTheClaimNamed(_ members: String, _ reason: String) {
        #expect {
            try AuditFixture.claims(#"{"claims":[{"id":"s","# + members + "}]}")
        } throws: { error in
            guard let e = error as? ClaimError else { return false }
            return e.message.contains(reason) && e.message.contains("claims")
        }
    }

    @Test func aValidDownloadClaimParsesWithItsDefaults() throws {
        let set = try AuditFixture.claims(
            #"{"claims":[{"id":"s","metric":"download","mbps":25,"threshold":"95%","statistic":"P10","operator":"Viettel"}]}"#
        )
        let c = set.claims[0]
        #expect(c.mbps == 25 && c.statistic == .p10 && c.operatorName == "Viettel" && c.threshold == 0.95)
        #expect(
            try AuditFixture.claims(#"{"claims":[{"id":"s","metric":"download","mbps":2.5,"threshold":1}]}"#)
                .claims[0].downloadStatistic == .median)
    }
}
