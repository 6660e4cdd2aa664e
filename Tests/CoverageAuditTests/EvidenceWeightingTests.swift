import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// The evidence-weighted alternative of unit claims on hand-built evidence: the value and its
/// conservative interval against a hand computation, the bounds rule's three outcomes, fibre.
@Suite struct EvidenceWeightingTests {
    typealias F = EvidenceAuditFixture

    /// The passing tests of commune `i` (of 400 inside 4G coverage) when its evidence is enough.
    static func passing(_ i: Int) -> Int { 400 - 15 * i }

    /// Per commune in code order: i % 4 == 0 too few tests, 1 stale tests, else enough with a share
    /// falling with i; every commune also has failing 2G tests, which 4G and broadband claims ignore.
    static func evidence(_ units: [UnitFigures]) -> EvidenceResult {
        F.result(
            units.enumerated().map { i, u in
                switch i % 4 {
                case 0: F.row(u.code, inside: [.g4: (3, 2), .g2: (500, 0)])
                case 1: F.row(u.code, inside: [.g4: (2, 2), .g2: (500, 0)], stale: 10)
                default: F.row(u.code, inside: [.g4: (400, passing(i)), .g2: (500, 0)])
                }
            })
    }

    /// The figures written out: Σ covered·share / Σ households, unknowns at the known communes'
    /// pooled share (value), at 0 and 1 (low, high), and with the Wilson bounds (interval).
    struct Hand {
        var value = 0.0, low = 0.0, high = 0.0, lower = 0.0, upper = 0.0
        var unknowns = 0
    }

    static func hand(_ units: [UnitFigures], key: Measure) -> Hand {
        var total = 0.0, known = 0.0, knownCovered = 0.0, lower = 0.0, upper = 0.0, unknownCovered = 0.0
        var unknowns = 0
        for (i, u) in units.enumerated() {
            let covered = Double(u.coverage[key]?.households ?? 0)
            total += Double(u.households)
            guard i % 4 >= 2 else {
                if covered > 0 {
                    unknownCovered += covered
                    unknowns += 1
                }
                continue
            }
            let w = F.wilson(passing(i), 400)
            known += covered * Double(passing(i)) / 400
            knownCovered += covered
            lower += covered * w.lower
            upper += covered * w.upper
        }
        return Hand(
            value: (known + unknownCovered * known / knownCovered) / total, low: known / total,
            high: (known + unknownCovered) / total, lower: lower / total, upper: (upper + unknownCovered) / total,
            unknowns: unknowns)
    }

    @Test(arguments: [
        (#"["4G"]"#, Measure.g4, false), (#"["fibre","3G","4G"]"#, Measure.broadband, true),
    ])
    func valueAndIntervalMatchTheHandComputation(_ technologies: String, _ key: Measure, _ fibre: Bool) throws {
        let auditor = try F.auditor()
        let units = try F.units(auditor)
        let h = Self.hand(units, key: key)
        #expect(h.unknowns > 0 && h.low < h.high)
        let outcome = try F.audit(
            #"{"id":"x","metric":"households","technologies":\#(technologies),"threshold":0.01}"#, auditor,
            evidence: Self.evidence(units))
        let a = try #require(outcome.alternatives.first { $0.key == "evidence:households" })
        let value = try #require(a.value)
        let interval = try #require(a.interval)
        #expect(abs(value - h.value) < 1e-12, "\(value) vs \(h.value)")
        #expect(abs(interval.lower - h.lower) < 1e-12 && abs(interval.upper - h.upper) < 1e-12)
        #expect(interval.lower <= value && value <= interval.upper)
        #expect(a.unknowns == h.unknowns)
        #expect(!a.primary && outcome.alternatives.first(where: \.primary)?.key == "households")
        // Planted failures lower the confirmed share below the declared one.
        #expect(value < (outcome.measured ?? 0))
        #expect((a.note ?? "").contains("mobile tests do not judge fibre") == fibre)
    }

    enum Expected: String, CaseIterable { case holds, doesNotHold, tooThin }

    /// The threshold sits below the low end (holds), above the high end (does not hold) or between (too thin).
    @Test(arguments: Expected.allCases)
    func theBoundsRuleDecidesOnlyWhenBothEndsAgree(_ expected: Expected) throws {
        let auditor = try F.auditor()
        let units = try F.units(auditor)
        let h = Self.hand(units, key: .g4)
        let threshold =
            switch expected {
            case .holds: h.low - 0.005
            case .doesNotHold: h.high + 0.005
            case .tooThin: (h.low + h.high) / 2
            }
        let outcome = try F.audit(
            #"{"id":"x","metric":"households","technologies":["4G"],"threshold":\#(threshold)}"#, auditor,
            evidence: Self.evidence(units))
        let a = try #require(outcome.alternatives.first { $0.key == "evidence:households" })
        #expect(a.holds == (expected == .tooThin ? nil : expected == .holds))
        let note = try #require(a.note)
        #expect(note.hasPrefix("evidence too thin") == (expected == .tooThin), "\(note)")
        #expect(note.contains("too few tests") && note.contains("stale tests"))
    }

    @Test func fibreOnlyClaimsGetNoEvidenceValueAndSayWhy() throws {
        let auditor = try F.auditor()
        let units = try F.units(auditor)
        let outcome = try F.audit(
            #"{"id":"x","metric":"population","technologies":["fibre"],"threshold":0.5}"#, auditor,
            evidence: Self.evidence(units))
        let a = try #require(outcome.alternatives.first { $0.key == "evidence:population" })
        #expect(a.value == nil && a.holds == nil && a.interval == nil)
        #expect(a.note?.contains("mobile tests do not judge fibre") == true)
    }

    @Test func withoutEvidenceTheAuditIsUnchanged() throws {
        let auditor = try F.auditor()
        let claim = #"{"id":"x","metric":"households","technologies":["4G"],"threshold":0.5}"#
        let plain = try F.audit(claim, auditor, evidence: nil)
        #expect(!plain.alternatives.contains { $0.key.hasPrefix("evidence:") || $0.interval != nil })
    }

    @Test(arguments: [
        (0.6, 0.8, CoverageAudit.Comparator.atLeast, 0.5, true as Bool?), (0.2, 0.4, .atLeast, 0.5, false),
        (0.4, 0.6, .atLeast, 0.5, nil),
        (0.2, 0.4, .atMost, 0.5, true), (0.6, 0.8, .less, 0.5, false), (0.4, 0.6, .greater, 0.5, nil),
        (0.5, 0.5, .equal, 0.5, true), (0.4, 0.6, .equal, 0.5, nil), (0.6, 0.8, .equal, 0.5, false),
    ])
    func boundsRuleOnTheEnds(
        _ low: Double, _ high: Double, _ comparator: CoverageAudit.Comparator, _ threshold: Double, _ holds: Bool?
    ) {
        #expect(BoundsRule.decide(low: low, high: high, comparator: comparator, threshold: threshold) == holds)
    }
}
