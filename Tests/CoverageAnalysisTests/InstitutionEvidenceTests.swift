import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// Probes attached to institutions: `InstitutionEvidence` against a brute-force recomputation, and
/// probe tests counted as their own exclusion in the mobile commune rows.
@Suite struct InstitutionEvidenceTests {
    typealias F = EvidenceFixture

    /// A seeded mix: probes of five institutions with every validity case (no time, future, stale,
    /// night, impossible speed, one speed missing), probes without an institution, and mobile tests
    /// that name an institution (not probes: never attached).
    static func tests(seed: UInt64) -> [CoverageModel.Measurement] {
        var rng = SplitMix64(seed: seed)
        var out: [CoverageModel.Measurement] = []
        let ids = ["I1", "I2", "I3", "I4", "I5"]
        for n in 0..<400 {
            let p = Coordinate(
                Double.random(in: 105.0...105.2, using: &rng), Double.random(in: 21.0...21.1, using: &rng))
            let time: Double?
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: time = nil
            case 1: time = F.asOf + Double.random(in: 1...86_400, using: &rng)
            case 2: time = F.asOf - 365 * 86_400 - Double.random(in: 1...86_400 * 30, using: &rng)
            default: time = F.asOf - Double.random(in: 0...(365 * 86_400), using: &rng)
            }
            var down: Double? = Double.random(in: 0...40, using: &rng)
            var up: Double? = Double.random(in: 0...6, using: &rng)
            if Int.random(in: 0..<15, using: &rng) == 0 { down = -1 }
            if Int.random(in: 0..<15, using: &rng) == 0 { up = nil }
            if Int.random(in: 0..<15, using: &rng) == 0 { down = nil }
            let kind = Int.random(in: 0..<10, using: &rng)
            let source: MeasurementSource = kind < 5 ? .schoolProbe : kind < 8 ? .fixedProbe : .crowdApp
            let institution = Int.random(in: 0..<8, using: &rng) == 0 ? nil : ids[Int.random(in: 0..<5, using: &rng)]
            out.append(
                CoverageModel.Measurement(
                    id: "t\(n)", position: p, time: time, operatorName: source == .crowdApp ? "Alpha" : nil,
                    technology: source == .crowdApp ? .g4 : nil, downloadMbps: down, uploadMbps: up, source: source,
                    institutionID: institution))
        }
        return out
    }

    /// The Wilson score interval at 95% (closed form).
    static func wilson(_ k: Int, _ n: Int) -> (low: Double, high: Double) {
        let z = 1.959_963_984_540_054, p = Double(k) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (centre - half, centre + half)
    }

    /// The figures of one institution, recomputed test by test from the definitions.
    static func bruteForce(_ tests: [CoverageModel.Measurement], id: String) -> InstitutionEvidence? {
        let mine = tests.filter { ($0.source == .schoolProbe || $0.source == .fixedProbe) && $0.institutionID == id }
        guard !mine.isEmpty else { return nil }
        let start = F.asOf - 365 * 86_400
        var valid: [CoverageModel.Measurement] = []
        var stale = 0
        for t in mine {
            if let d = t.downloadMbps, d < 0 { continue }
            guard let time = t.time, time <= F.asOf else { continue }
            if time < start {
                stale += 1
                continue
            }
            if t.downloadMbps != nil, t.uploadMbps != nil { valid.append(t) }
        }
        let passing = valid.filter { $0.downloadMbps! >= 10 && $0.uploadMbps! >= 1 }.count
        let downloads = valid.map { $0.downloadMbps! }.sorted()
        var median: Double?
        if !downloads.isEmpty {
            let position = 0.5 * Double(downloads.count - 1)
            let lo = Int(position), hi = min(lo + 1, downloads.count - 1)
            median = downloads[lo] + (downloads[hi] - downloads[lo]) * (position - Double(lo))
        }
        let strength: EvidenceStrength
        if valid.count >= 5, case let w = wilson(passing, valid.count), w.high - w.low <= 0.2 {
            strength = .enough
        } else if stale > 0, valid.count + stale >= 5 {
            strength = .stale
        } else {
            strength = .tooFewTests
        }
        return InstitutionEvidence(
            institutionID: id, tests: valid.count, passing: passing, medianDownloadMbps: median,
            newestTime: valid.compactMap(\.time).max(), strength: strength)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func institutionFiguresEqualABruteForceRecomputation(_ seed: UInt64) throws {
        let tests = Self.tests(seed: seed)
        var inputs = EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: tests)
        inputs.institutionIDs = ["I1", "I2", "I3", "I4"]
        let result = try EvidenceAnalysis.run(inputs, asOf: F.asOf)
        let expected = ["I1", "I2", "I3", "I4"].compactMap { Self.bruteForce(tests, id: $0) }
        #expect(expected.count == 4)
        #expect(result.institutions.count == expected.count)
        for (got, want) in zip(result.institutions, expected) {
            #expect(got.institutionID == want.institutionID)
            #expect(got.tests == want.tests && got.passing == want.passing, "\(want.institutionID)")
            #expect(got.newestTime == want.newestTime && got.strength == want.strength, "\(want.institutionID)")
            #expect(abs((got.medianDownloadMbps ?? -1) - (want.medianDownloadMbps ?? -1)) < 1e-9)
        }
        // I5 is not a stored institution: its probes are counted, not attached.
        let i5 = tests.filter { $0.source != .crowdApp && $0.institutionID == "I5" }.count
        #expect(i5 > 0 && result.unattachedProbeTests == i5)
    }

    @Test func nightProbesCountAndInstitutionsWithoutValidTestsSayNoData() throws {
        let night = F.time(daysBefore: 3, localHour: 2)
        let tests = [
            CoverageModel.Measurement(
                id: "a", position: Coordinate(105.05, 21.05), time: night, downloadMbps: 20, uploadMbps: 2,
                source: .schoolProbe, institutionID: "S1"),
            CoverageModel.Measurement(
                id: "b", position: Coordinate(105.05, 21.05), time: nil, downloadMbps: 20, uploadMbps: 2,
                source: .schoolProbe, institutionID: "S2"),
        ]
        let result = try EvidenceAnalysis.run(
            EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: tests), asOf: F.asOf)
        #expect(
            result.institutions == [
                InstitutionEvidence(
                    institutionID: "S1", tests: 1, passing: 1, medianDownloadMbps: 20, newestTime: night,
                    strength: .tooFewTests),
                InstitutionEvidence(
                    institutionID: "S2", tests: 0, passing: 0, medianDownloadMbps: nil, newestTime: nil,
                    strength: .tooFewTests),
            ])
    }

    @Test func probesAreCountedAsTheirOwnExclusionAndLeaveTheMobileFiguresAsTheyWere() throws {
        let tests = Self.tests(seed: 7)
        let mobile = tests.filter { $0.source == .crowdApp }
        let with = try EvidenceAnalysis.run(
            EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: tests), asOf: F.asOf)
        let without = try EvidenceAnalysis.run(
            EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: mobile), asOf: F.asOf)
        for (code, box) in [("A1", F.communeA), ("B2", F.communeB)] {
            let row = try #require(with.row(commune: code, operator: nil))
            let plain = try #require(without.row(commune: code, operator: nil))
            // Probes on the shared boundary belong to the lower code.
            let probes = tests.filter {
                $0.source != .crowdApp && box.contains($0.position) && !(code == "B2" && $0.position.x == 105.1)
            }.count
            #expect(probes > 0)
            #expect(row.excluded(.probe) == probes, "\(code)")
            #expect(row.tests == plain.tests + probes, "\(code)")
            #expect(row.valid == plain.valid && row.insideDeclared == plain.insideDeclared, "\(code)")
            #expect(row.insidePassing == plain.insidePassing && row.strength == plain.strength, "\(code)")
            for reason in EvidenceExclusion.allCases where reason != .probe {
                #expect(row.excluded(reason) == plain.excluded(reason), "\(code) \(reason)")
            }
        }
    }
}
