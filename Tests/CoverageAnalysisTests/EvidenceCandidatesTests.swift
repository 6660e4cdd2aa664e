import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// Window and hours, challenge candidates, served-but-undeclared cells, Ookla tiles and evidence
/// strength on planted tests.
@Suite struct EvidenceCandidatesTests {
    typealias F = EvidenceFixture

    /// Runs the analysis on `tests` (and `tiles`) over the fixture.
    func run(
        _ tests: [CoverageModel.Measurement], tiles: [SpeedTile] = [],
        parameters: EvidenceParameters = EvidenceParameters()
    ) throws -> EvidenceResult {
        try EvidenceAnalysis.run(
            EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: tests, speedTiles: tiles),
            parameters: parameters, asOf: F.asOf)
    }

    /// The validity window (365 days before as-of) and hours (06:00–22:00 local, UTC+7, half-open).
    @Test func windowAndHours() throws {
        let p = Coordinate(105.03, 21.03)
        let day = 86_400.0
        let cases: [(Double, EvidenceExclusion?)] = [
            (F.time(daysBefore: 364, localHour: 10), nil),
            (F.asOf - 365 * day - 1, .stale),
            (F.asOf + 1, .future),
            (F.asOf - 15 * 3600, nil),  // 09:00 UTC the day before = 16:00 local
            (F.time(daysBefore: 3, localHour: 6), nil),  // 06:00:00 local: first valid second
            (F.time(daysBefore: 3, localHour: 6) - 1, .outsideHours),  // 05:59:59
            (F.time(daysBefore: 3, localHour: 22) - 1, nil),  // 21:59:59
            (F.time(daysBefore: 3, localHour: 22), .outsideHours),  // 22:00:00
            (F.time(daysBefore: 3, localHour: 23, minute: 30), .outsideHours),
        ]
        let tests = cases.enumerated().map { i, c in
            F.speedTest("w\(i)", p, "Alpha", .g4, down: 20, up: 2, time: c.0)
        }
        let row = try #require(try run(tests).row(commune: "A1", operator: "Alpha"))
        #expect(row.valid == cases.filter { $0.1 == nil }.count)
        for reason in EvidenceExclusion.allCases {
            #expect(row.excluded(reason) == cases.filter { $0.1 == reason }.count, "\(reason)")
        }
        // The UTC offset is a parameter: at UTC+0, 05:00 UTC is out of hours, 21:00 UTC in.
        var utc = EvidenceParameters()
        utc.utcOffsetSeconds = 0
        let early = F.speedTest("e", p, "Alpha", .g4, down: 20, up: 2, time: F.asOf - 19 * 3600)
        let late = F.speedTest("l", p, "Alpha", .g4, down: 20, up: 2, time: F.asOf - 3 * 3600)
        let shifted = try #require(try run([early, late], parameters: utc).row(commune: "A1", operator: "Alpha"))
        #expect(shifted.valid == 1 && shifted.excluded(.outsideHours) == 1)
        let vietnam = try #require(try run([early, late]).row(commune: "A1", operator: "Alpha"))
        #expect(vietnam.valid == 1 && vietnam.excluded(.outsideHours) == 1)  // 12:00 local valid, 04:00 not
    }

    /// A planted over-declared cell (8 failing tests inside Alpha's 4G) is a challenge candidate;
    /// a well-served cell (8 passing) is not; nor is a cell with too few tests, or a borderline one
    /// (4 of 5 passing: P = 0.41).
    @Test func plantedOverDeclaredCellFound() throws {
        let bad = F.pointsInTile(of: Coordinate(105.03, 21.08), count: 8)
        let good = F.pointsInTile(of: Coordinate(105.07, 21.03), count: 8)
        let thin = F.pointsInTile(of: Coordinate(105.12, 21.08), count: 4)
        let borderline = F.pointsInTile(of: Coordinate(105.09, 21.09), count: 5)
        var tests: [CoverageModel.Measurement] = []
        tests += bad.enumerated().map { F.speedTest("bad\($0)", $1, "Alpha", .g4, down: 2, up: 0.5) }
        tests += good.enumerated().map { F.speedTest("good\($0)", $1, "Alpha", .g4, down: 40, up: 8) }
        tests += thin.enumerated().map { F.speedTest("thin\($0)", $1, "Alpha", .g4, down: 1, up: 0.1) }
        tests += borderline.enumerated().map {
            F.speedTest("edge\($0)", $1, "Alpha", .g4, down: $0 == 0 ? 1 : 30, up: 3)
        }
        // Signal-only drive tests judged by RSRP: outdoor −120 dBm fails the −105 dBm threshold.
        let weak = F.pointsInTile(of: Coordinate(105.14, 21.02), count: 6)
        tests += weak.enumerated().map { i, p in
            CoverageModel.Measurement(
                id: "weak\(i)", position: p, time: F.time(daysBefore: 20, localHour: 9), operatorName: "Alpha",
                technology: .g4, rsrpDbm: -120, source: .driveTest, environment: .outdoor)
        }
        let result = try run(tests)
        let candidates = result.challengeCandidates
        #expect(candidates.count == 2)
        let badCell = try #require(candidates.first { $0.testIDs.first == "bad0" })
        #expect(badCell.quadkey == Quadkey(containing: Coordinate(105.03, 21.08), zoom: 16))
        #expect(badCell.communeCode == "A1" && badCell.operatorName == "Alpha" && badCell.technology == .g4)
        #expect(badCell.tests == 8 && badCell.passing == 0 && badCell.share == 0)
        #expect(badCell.testIDs == (0..<8).map { "bad\($0)" })
        #expect(abs(badCell.pValue - pow(0.1, 8)) < 1e-20)
        let wilson = try #require(EvidenceStatistics.wilson(successes: 0, trials: 8, confidence: 0.95))
        #expect(badCell.interval == wilson)
        let weakCell = try #require(candidates.first { $0.testIDs.first == "weak0" })
        #expect(weakCell.communeCode == "B2" && weakCell.tests == 6)
        #expect(result.servedUndeclared.isEmpty)
    }

    /// Passing tests outside the operator's declared coverage make a served-but-undeclared cell; a
    /// cell of half passing tests does not.
    @Test func servedButUndeclaredFound() throws {
        // Beta declares 4G only south of 21.05: these are north of it.
        let served = F.pointsInTile(of: Coordinate(105.08, 21.08), count: 6)
        let mixed = F.pointsInTile(of: Coordinate(105.16, 21.08), count: 8)
        var tests = served.enumerated().map { F.speedTest("s\($0)", $1, "Beta", .g4, down: 30, up: 5) }
        tests += mixed.enumerated().map { F.speedTest("m\($0)", $1, "Beta", .g4, down: $0 % 2 == 0 ? 30 : 3, up: 5) }
        let result = try run(tests)
        #expect(result.challengeCandidates.isEmpty)
        let cells = result.servedUndeclared
        #expect(cells.count == 1)
        let cell = try #require(cells.first)
        #expect(cell.operatorName == "Beta" && cell.communeCode == "A1" && cell.tests == 6 && cell.passing == 6)
        #expect(abs(cell.pValue - 1.0 / 64) < 1e-15)
        #expect(cell.testIDs == (0..<6).map { "s\($0)" })
        let row = try #require(result.row(commune: "A1", operator: "Beta"))
        #expect(row.outsideDeclared == 6 && row.outsidePassing == 6 && row.insideDeclared == 0)
    }

    /// Ookla tiles: tests-weighted averages per commune and kind; wrong-zoom tiles counted, left out.
    @Test func speedTilesSummarised() throws {
        let qa = try #require(Quadkey(containing: Coordinate(105.03, 21.03), zoom: 16))
        let qa2 = try #require(Quadkey(containing: Coordinate(105.06, 21.06), zoom: 16))
        let qb = try #require(Quadkey(containing: Coordinate(105.15, 21.05), zoom: 16))
        let q15 = try #require(Quadkey(containing: Coordinate(105.15, 21.05), zoom: 15))
        let tiles = [
            SpeedTile(
                quadkey: qa, kind: .mobile, averageDownloadKbps: 1000, averageUploadKbps: 500, averageLatencyMs: 40,
                tests: 10, devices: 3),
            SpeedTile(
                quadkey: qa2, kind: .mobile, averageDownloadKbps: 5000, averageUploadKbps: 1500,
                averageLatencyMs: 20, tests: 30, devices: 7),
            SpeedTile(
                quadkey: qb, kind: .fixed, averageDownloadKbps: 90000, averageUploadKbps: 40000, averageLatencyMs: 9,
                tests: 4, devices: 2),
            SpeedTile(
                quadkey: q15, kind: .fixed, averageDownloadKbps: 1, averageUploadKbps: 1, averageLatencyMs: 1,
                tests: 1, devices: 1),
        ]
        let result = try run([], tiles: tiles)
        #expect(result.speedTilesWrongZoom == 1)
        let a = try #require(result.speedTiles.first { $0.communeCode == "A1" && $0.kind == .mobile })
        #expect(a.tiles == 2 && a.tests == 40 && a.devices == 10)
        #expect(abs((a.averageDownloadMbps ?? .nan) - 4.0) < 1e-12)  // (10·1 + 30·5) / 40
        #expect(abs((a.averageUploadMbps ?? .nan) - 1.25) < 1e-12)  // (10·0.5 + 30·1.5) / 40
        #expect(abs((a.averageLatencyMs ?? .nan) - 25) < 1e-12)  // (10·40 + 30·20) / 40
        let b = try #require(result.speedTiles.first { $0.communeCode == "B2" })
        #expect(b.kind == .fixed && b.tiles == 1 && b.averageDownloadMbps == 90)
        #expect(result.speedTiles.count == 2)
        // No tests: every row is "too few tests", shares are nil, never 0.
        #expect(result.rows.allSatisfy { $0.strength == .tooFewTests && $0.insideShare == nil && $0.tests == 0 })
    }

    /// Evidence strength: enough (many tests, narrow interval), too few, stale.
    @Test func strength() throws {
        var tests: [CoverageModel.Measurement] = []
        // Alpha in A1: 200 inside tests, 190 passing → Wilson width ≈ 0.06: enough.
        for i in 0..<200 {
            let p = Coordinate(105.001 + Double(i % 20) * 0.004, 21.001 + Double(i / 20) * 0.009)
            tests.append(F.speedTest("a\(i)", p, "Alpha", .g4, down: i < 190 ? 30 : 2, up: 3))
        }
        // Beta in A1: 3 valid inside tests: too few.
        for i in 0..<3 {
            tests.append(
                F.speedTest("b\(i)", Coordinate(105.06 + Double(i) * 0.01, 21.01), "Beta", .g4, down: 30, up: 3))
        }
        // Beta in B2: 1 valid + 6 stale tests: stale.
        tests.append(F.speedTest("c", Coordinate(105.15, 21.01), "Beta", .g4, down: 30, up: 3))
        for i in 0..<6 {
            tests.append(
                F.speedTest(
                    "d\(i)", Coordinate(105.15 + Double(i) * 0.005, 21.02), "Beta", .g4, down: 30, up: 3,
                    time: F.time(daysBefore: 400, localHour: 12)))
        }
        let result = try run(tests)
        let alpha = try #require(result.row(commune: "A1", operator: "Alpha"))
        #expect(alpha.insideDeclared == 200 && alpha.insidePassing == 190)
        #expect(alpha.strength == .enough)
        #expect(try #require(result.row(commune: "A1", operator: "Beta")).strength == .tooFewTests)
        let stale = try #require(result.row(commune: "B2", operator: "Beta"))
        #expect(stale.valid == 1 && stale.excluded(.stale) == 6 && stale.strength == .stale)
        #expect(try #require(result.row(commune: "B2", operator: "Alpha")).strength == .tooFewTests)
    }

    /// Parameters that make no sense are refused, not used.
    @Test func invalidParametersRefused() {
        var p = EvidenceParameters()
        p.confidenceLevel = 1.2
        #expect(throws: AnalysisError.self) { try run([], parameters: p) }
        p = EvidenceParameters()
        p.firstHour = 23
        #expect(throws: AnalysisError.self) { try run([], parameters: p) }
        #expect(throws: AnalysisError.self) {
            try EvidenceAnalysis.run(
                EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: []), asOf: .nan)
        }
    }

    /// The parameters encode and decode to the same value (they will be stored with each run).
    @Test func parametersRoundTrip() throws {
        let p = EvidenceParameters()
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(EvidenceParameters.self, from: data) == p)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"g4\":{") && json.contains("-105"))
        // Without a 4G signal threshold, a signal-only 4G test cannot be judged.
        var noSignal = EvidenceParameters()
        noSignal.signal[.g4] = nil
        var drive = F.speedTest("d", Coordinate(105.03, 21.03), "Alpha", .g4, down: nil, up: nil)
        drive.rsrpDbm = -90
        let row = try #require(try run([drive], parameters: noSignal).row(commune: "A1", operator: "Alpha"))
        #expect(row.excluded(.notJudgeable) == 1 && row.valid == 0)
        let judged = try #require(try run([drive]).row(commune: "A1", operator: "Alpha"))
        #expect(judged.valid == 1 && judged.insidePassing == 1)
    }

    /// Impossible values are excluded with their reason, never used; nothing crashes.
    @Test func impossibleValuesExcluded() throws {
        let p = Coordinate(105.03, 21.03)
        var tests = [
            F.speedTest("nan", p, "Alpha", .g4, down: .nan, up: 2),
            F.speedTest("neg", p, "Alpha", .g4, down: -3, up: 2),
            F.speedTest("inf", p, "Alpha", .g4, down: 20, up: .infinity),
            F.speedTest("ok", p, "Alpha", .g4, down: 20, up: 2),
        ]
        var signal = F.speedTest("rsrp", p, "Alpha", .g4, down: nil, up: nil)
        signal.rsrpDbm = 3
        var latency = F.speedTest("lat", p, "Alpha", .g4, down: 20, up: 2)
        latency.latencyMs = -1
        tests += [signal, latency, F.speedTest("far", Coordinate(200, 21), "Alpha", .g4, down: 20, up: 2)]
        let result = try run(tests)
        let row = try #require(result.row(commune: "A1", operator: "Alpha"))
        #expect(row.tests == 6 && row.valid == 1 && row.excluded(.impossibleValue) == 5)
        let outside = try #require(result.outsideCommunes.first { $0.operatorName == "Alpha" })
        #expect(outside.excluded(.impossibleValue) == 1)
    }

    /// The compact record keeps what was recorded apart from what was not, in 64 bytes.
    @Test func compactRecords() {
        #expect(MemoryLayout<EvidenceTestRecord>.stride == 64)
        let set = EvidenceTestSet([
            F.speedTest("a", Coordinate(105, 21), "Alpha", .g5, down: 0, up: nil, time: nil),
            F.speedTest("b", Coordinate(105, 21), "Beta", nil, down: nil, up: 1),
            F.speedTest("c", Coordinate(105, 21), "Alpha", .g3, down: 5, up: 1),
        ])
        #expect(set.operators == ["Alpha", "Beta"] && set.ids == ["a", "b", "c"])
        let a = set.records[0]
        typealias R = EvidenceTestRecord.Recorded
        #expect(a.has(R.download) && !a.has(R.upload) && !a.has(R.time) && a.technology == 3 && a.operatorIndex == 0)
        #expect(set.records[1].technology == -1 && set.records[1].operatorIndex == 1 && set.records[1].has(R.upload))
        #expect(set.records[2].operatorIndex == 0)
    }
}
