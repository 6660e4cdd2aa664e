import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// Classification counts per commune and operator against a brute-force recount on the hand fixture
/// (rectangles, so "inside" is four comparisons, written independently of the analysis).
@Suite struct EvidenceClassificationTests {
    typealias F = EvidenceFixture

    /// 3,000 random tests of every kind (valid, stale, future, out of hours, unjudgeable, impossible,
    /// without operator or technology, outside both communes).
    static func randomTests() -> [CoverageModel.Measurement] {
        var rng = SplitMix64(seed: 1717)
        var tests: [CoverageModel.Measurement] = []
        for i in 0..<3000 {
            let p = Coordinate(rng.range(104.98, 105.22), rng.range(20.98, 21.12))
            let r = rng.unit()
            let op: String? = r < 0.45 ? "Alpha" : r < 0.9 ? "Beta" : r < 0.95 ? nil : "Gamma"
            let t = rng.unit()
            let tech: Technology? = t < 0.65 ? .g4 : t < 0.85 ? .g5 : t < 0.92 ? .g3 : nil
            let w = rng.unit()
            let time: Double?
            if w < 0.85 {
                time = F.time(
                    daysBefore: 1 + Int(rng.unit() * 360), localHour: 6 + Int(rng.unit() * 16),
                    minute: Int(rng.unit() * 60))
            } else if w < 0.9 {
                time = F.time(daysBefore: 367 + Int(rng.unit() * 100), localHour: 12)
            } else if w < 0.93 {
                time = F.asOf + 3600 + rng.unit() * 86_400 * 10
            } else if w < 0.97 {
                let hour = rng.unit() < 0.5 ? 22 + Int(rng.unit() * 2) : Int(rng.unit() * 6)
                time = F.time(daysBefore: 5 + Int(rng.unit() * 100), localHour: hour, minute: Int(rng.unit() * 60))
            } else {
                time = nil
            }
            var m = CoverageModel.Measurement(
                id: "t\(i)", position: p, time: time, operatorName: op, technology: tech, source: .crowdApp)
            let k = rng.unit()
            if k < 0.7 {
                m.downloadMbps = rng.range(0, 60)
                m.uploadMbps = rng.range(0, 10)
            } else if k < 0.9 {
                m.rsrpDbm = rng.range(-125, -80)
                m.environment = rng.unit() < 0.5 ? .indoor : rng.unit() < 0.5 ? .outdoor : nil
                m.source = .driveTest
            } else if k < 0.95 {
                m.downloadMbps = rng.unit() < 0.5 ? rng.range(0, 60) : nil  // one direction only, no signal
            } else {
                if rng.unit() < 0.5 { m.downloadMbps = -1 } else { m.rsrpDbm = 5 }
                m.uploadMbps = 1
            }
            tests.append(m)
        }
        return tests
    }

    /// What the brute force expects of one test: exclusion reason, inside, served, tiers met.
    struct Expected {
        var reason: EvidenceExclusion?
        var inside = false
        var served = false
        var tiers: [Bool] = []
    }

    /// The documented rules, written out test by test.
    static func expected(_ m: CoverageModel.Measurement, _ p: EvidenceParameters) -> Expected {
        var e = Expected()
        if (m.downloadMbps ?? 0) < 0 || (m.uploadMbps ?? 0) < 0 || (m.rsrpDbm ?? -100) > 0 {
            e.reason = .impossibleValue
        } else if m.operatorName == nil {
            e.reason = .noOperator
        } else if m.technology == nil {
            e.reason = .noTechnology
        } else if m.time == nil {
            e.reason = .noTime
        } else if let t = m.time, t > F.asOf {
            e.reason = .future
        } else if let t = m.time, t < F.asOf - 365 * 86_400 {
            e.reason = .stale
        } else if let t = m.time, !(6 * 3600..<22 * 3600).contains(Int(t + 7 * 3600) % 86_400) {
            e.reason = .outsideHours
        } else if m.downloadMbps != nil, m.uploadMbps != nil {
            e.served = m.downloadMbps! >= 10 && m.uploadMbps! >= 1
            e.tiers = [(10, 1), (25, 3), (100, 20)].map { m.downloadMbps! >= $0.0 && m.uploadMbps! >= $0.1 }
        } else if let rsrp = m.rsrpDbm, m.technology != .g2 {
            let outdoor: Double = m.technology == .g3 ? -100 : -105
            e.served = rsrp >= (m.environment == .indoor ? outdoor + 10 : outdoor)
        } else {
            e.reason = .notJudgeable
        }
        if let op = m.operatorName, let tech = m.technology {
            e.inside = F.declared.contains { $0.0 == op && $0.1 == tech && $0.2.contains(m.position) }
        }
        return e
    }

    @Test func countsMatchBruteForce() throws {
        let tests = Self.randomTests()
        let parameters = EvidenceParameters()
        let result = try EvidenceAnalysis.run(
            EvidenceInputs(
                communes: F.communes, coverage: F.coverage, householdsByCommune: ["A1": 2000], measurements: tests),
            parameters: parameters, asOf: F.asOf)
        #expect(result.operators == ["Alpha", "Beta", "Gamma"])
        #expect(result.rows.count == 2 * 4)
        var checkedValid = 0
        for commune in ["A1", "B2", nil] as [String?] {
            for op in [nil, "Alpha", "Beta", "Gamma"] as [String?] {
                let mine = tests.filter { m in
                    let inA = F.communeA.contains(m.position)
                    let inB = F.communeB.contains(m.position)
                    let code: String? = inA ? "A1" : inB ? "B2" : nil
                    return code == commune && (op == nil || m.operatorName == op)
                }
                let row =
                    commune.map { result.row(commune: $0, operator: op) }
                    ?? result.outsideCommunes.first { $0.operatorName == op }
                guard let row else {
                    #expect(mine.isEmpty, "missing row \(commune ?? "-") \(op ?? "all")")
                    continue
                }
                let e = mine.map { Self.expected($0, parameters) }
                let valid = e.filter { $0.reason == nil }
                #expect(row.tests == mine.count)
                for reason in EvidenceExclusion.allCases {
                    #expect(row.excluded(reason) == e.filter { $0.reason == reason }.count, "\(reason)")
                }
                #expect(row.valid == valid.count)
                #expect(row.insideDeclared == valid.filter(\.inside).count)
                #expect(row.outsideDeclared == valid.filter { !$0.inside }.count)
                #expect(row.insidePassing == valid.filter { $0.inside && $0.served }.count)
                #expect(row.outsidePassing == valid.filter { !$0.inside && $0.served }.count)
                for t in 0..<3 {
                    #expect(row.tierCounts[t] == valid.filter { $0.tiers.count > t && $0.tiers[t] }.count)
                }
                let downloads = zip(mine, e).filter { $0.1.reason == nil }.compactMap { $0.0.downloadMbps }.sorted()
                #expect(row.downloadTests == downloads.count)
                if downloads.isEmpty {
                    #expect(row.medianDownloadMbps == nil)
                } else {
                    let n = downloads.count
                    let median = n % 2 == 1 ? downloads[n / 2] : (downloads[n / 2 - 1] + downloads[n / 2]) / 2
                    #expect(abs((row.medianDownloadMbps ?? .nan) - median) < 1e-9)
                    let pos = 0.1 * Double(n - 1)
                    let lo = Int(pos)
                    let p10 = downloads[lo] + (downloads[min(n - 1, lo + 1)] - downloads[lo]) * (pos - Double(lo))
                    #expect(abs((row.p10DownloadMbps ?? .nan) - p10) < 1e-9)
                }
                for technology in Technology.allCases {
                    let ofTechnology = zip(mine, e).filter { $0.1.reason == nil && $0.1.inside }
                        .filter { $0.0.technology == technology }
                    let counts = row.insideByTechnology[technology]
                    #expect((counts?.inside ?? 0) == ofTechnology.count, "\(technology)")
                    #expect((counts?.passing ?? 0) == ofTechnology.filter(\.1.served).count, "\(technology)")
                }
                let inside = valid.filter(\.inside).count
                if inside > 0 {
                    let share = Double(valid.filter { $0.inside && $0.served }.count) / Double(inside)
                    #expect(abs((row.insideShare ?? .nan) - share) < 1e-12)
                    #expect(row.insideInterval != nil)
                } else {
                    #expect(row.insideShare == nil && row.insideInterval == nil)
                }
                checkedValid += valid.count
            }
        }
        #expect(checkedValid > 1000)
    }

    /// The stored index of each exclusion reason is its position in `allCases`.
    @Test func exclusionIndexIsCasePosition() {
        for (i, reason) in EvidenceExclusion.allCases.enumerated() { #expect(Int(reason.index) == i) }
    }

    /// Classifying each chunk along the Z-order curve gives, test by test, the classification of
    /// input order: on the random tests, and on them repeated with positions spread, jittered and
    /// some off the map (so chunks hold many points and the curve meets non-finite keys).
    @Test func spatialOrderEqualsInputOrder() {
        var rng = SplitMix64(seed: 4242)
        var tests = Self.randomTests()
        for copy in 0..<12 {
            for var m in Self.randomTests() {
                let r = rng.unit()
                m.position =
                    r < 0.02
                    ? Coordinate(rng.unit() < 0.5 ? 200 : .nan, 21)
                    : Coordinate(m.position.x + rng.range(-0.05, 0.05), m.position.y + rng.range(-0.05, 0.05))
                m.id = "c\(copy)-\(m.id)"
                tests.append(m)
            }
        }
        let set = EvidenceTestSet(tests)
        let indexes = EvidenceIndexes(communes: F.communes, coverage: F.coverage, testOperators: Set(set.operators))
        let judge = TestJudge(parameters: EvidenceParameters(), asOf: F.asOf)
        let spatial = EvidenceClassifier.classify(set, indexes: indexes, judge: judge)
        let input = EvidenceClassifier.classify(set, indexes: indexes, judge: judge, inSpatialOrder: false)
        #expect(spatial.count == tests.count)
        #expect(spatial == input)
        #expect(spatial.contains { $0.inside } && spatial.contains { $0.tileY < 0 })
    }

    /// Tests per km² against the closed-form area of a lon/lat rectangle on the WGS 84 ellipsoid, and
    /// tests per 1,000 households (unknown households: nil, never 0).
    @Test func densities() throws {
        let tests = Self.randomTests()
        let result = try EvidenceAnalysis.run(
            EvidenceInputs(
                communes: F.communes, coverage: F.coverage, householdsByCommune: ["A1": 2000], measurements: tests),
            asOf: F.asOf)
        let a = try #require(result.row(commune: "A1", operator: nil))
        let b = try #require(result.row(commune: "B2", operator: nil))
        let area = Self.rectangleArea(F.communeA) / 1e6
        #expect(abs((a.testsPerSquareKm ?? .nan) - Double(a.valid) / area) < 1e-9 * Double(a.valid) / area)
        #expect(abs((a.testsPerThousandHouseholds ?? .nan) - Double(a.valid) / 2) < 1e-9)
        #expect(b.testsPerThousandHouseholds == nil)
        #expect(b.testsPerSquareKm != nil)
    }

    /// Area of a lon/lat rectangle on WGS 84: b²/2 · Δλ · [sinφ/(1−e²sin²φ) + ln((1+e sinφ)/(1−e sinφ))/(2e)].
    static func rectangleArea(_ box: EvidenceFixture.Box) -> Double {
        let a = 6_378_137.0
        let f = 1 / 298.257223563
        let b = a * (1 - f)
        let e = (f * (2 - f)).squareRoot()
        func g(_ latitude: Double) -> Double {
            let s = sin(latitude * .pi / 180)
            return s / (1 - e * e * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return b * b / 2 * (box.maxX - box.minX) * .pi / 180 * (g(box.maxY) - g(box.minY))
    }
}
