import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// "Institutions whose probes confirm service" on hand-built probe evidence.
@Suite struct InstitutionProbeTests {
    typealias F = EvidenceAuditFixture

    @Test func confirmedShareUnknownsAndBoundsMatchTheHandCount() throws {
        let auditor = try F.auditor()
        let schools = try auditor.store.institutions().filter { $0.kind == .school }.map(\.id).sorted()
        try #require(schools.count >= 20)
        // 10 confirmed (90 of 100 served: Wilson lower 0.82), 5 refuted (40 of 100: lower 0.31),
        // 3 with too few probe tests, the rest without probes.
        func probe(_ id: String, _ tests: Int, _ passing: Int, _ strength: EvidenceStrength) -> InstitutionEvidence {
            InstitutionEvidence(
                institutionID: id, tests: tests, passing: passing, medianDownloadMbps: nil, newestTime: nil,
                strength: strength)
        }
        let probes =
            schools[0..<10].map { probe($0, 100, 90, .enough) } + schools[10..<15].map { probe($0, 100, 40, .enough) }
            + schools[15..<18].map { probe($0, 3, 3, .tooFewTests) } + [probe("not-an-institution", 100, 100, .enough)]
        #expect(F.wilson(90, 100).lower >= 0.5 && F.wilson(40, 100).lower < 0.5)
        let n = Double(schools.count)
        // Unknowns at 0 and at 1: the ends the bounds rule compares.
        let (low, high) = (10 / n, (n - 5) / n)
        for threshold in [low - 0.01, (low + high) / 2, high + 0.01] {
            let holds: Bool? = low >= threshold ? true : high < threshold ? false : nil
            let o = try F.audit(
                #"{"id":"s","metric":"institutions","technologies":["fixed"],"filter":{"kind":"school"},"threshold":\#(threshold)}"#,
                auditor, evidence: F.result([], institutions: probes))
            let a = try #require(o.alternatives.first { $0.key == "institutions:probes" })
            #expect(abs((a.value ?? 0) - 10.0 / 15) < 1e-12)
            #expect(a.interval == ProportionInterval(lower: 10 / n, upper: (10 + n - 15) / n))
            #expect(a.unknowns == schools.count - 15)
            #expect(a.holds == holds, "threshold \(threshold)")
            #expect(a.note?.contains("\(schools.count - 18) institutions without probes, 3 with too few tests") == true)
        }
    }
}
