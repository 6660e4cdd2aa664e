import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageAnalysis

/// `EvidenceJSONWriter` and `PrettyJSONWriter` against the reference: `JSONEncoder` over the
/// `Encodable` conformance with the settings of `JSONOutput` (CoverageCommands), byte for byte.
@Suite struct EvidenceJSONWriterTests {
    typealias F = EvidenceFixture

    /// The encoder `covaudit evidence -f json` used before the writer (JSONOutput's settings), plus
    /// the newline `print` added.
    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    /// The writer's bytes for `result`.
    static func written(_ result: EvidenceResult) throws -> [UInt8] {
        let sink = ByteSink()
        try EvidenceJSONWriter.write(result, to: sink)
        return sink.buffer
    }

    /// Expects the writer's bytes to equal the encoder's.
    static func expectIdentical(_ result: EvidenceResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let want = try encoded(result)
        let got = try written(result)
        #expect(got == want, "\(ByteDifference.describe(got, want))", sourceLocation: sourceLocation)
    }

    /// The analysis on the fixture communes and coverage.
    static func analysis(
        _ tests: [CoverageModel.Measurement], tiles: [SpeedTile] = [], institutionIDs: Set<String>? = nil,
        parameters: EvidenceParameters = EvidenceParameters()
    ) throws -> EvidenceResult {
        var inputs = EvidenceInputs(
            communes: F.communes, coverage: F.coverage, householdsByCommune: ["A1": 1200],
            measurements: tests, speedTiles: tiles)
        inputs.institutionIDs = institutionIDs
        return try EvidenceAnalysis.run(inputs, parameters: parameters, asOf: F.asOf)
    }

    /// A planted over-declared cell (8 failing tests inside Alpha's 4G), a served-but-undeclared
    /// cell and Ookla tiles of both kinds, one of the wrong zoom.
    static func plantedTestsAndTiles() -> ([CoverageModel.Measurement], [SpeedTile]) {
        var tests = F.pointsInTile(of: Coordinate(105.03, 21.08), count: 8).enumerated().map { i, p in
            F.speedTest("bad/\(i)", p, "Alpha", .g4, down: 2, up: 0.5)
        }
        tests += F.pointsInTile(of: Coordinate(105.18, 21.09), count: 9).enumerated().map { i, p in
            F.speedTest("good \"\(i)\"", p, "Beta", .g4, down: 50, up: 9)
        }
        let tile = Quadkey(containing: Coordinate(105.05, 21.05), zoom: 16)
        let other = Quadkey(containing: Coordinate(105.15, 21.05), zoom: 16)
        var tiles: [SpeedTile] = []
        if let tile, let other, let wrong = Quadkey("0123") {
            tiles = [
                SpeedTile(
                    quadkey: tile, kind: .mobile, averageDownloadKbps: 25_123, averageUploadKbps: 4_321,
                    averageLatencyMs: 31.5, tests: 12, devices: 5),
                SpeedTile(
                    quadkey: other, kind: .fixed, averageDownloadKbps: 100_000, averageUploadKbps: 50_000,
                    averageLatencyMs: 7, tests: 3, devices: 1),
                SpeedTile(
                    quadkey: other, kind: .mobile, averageDownloadKbps: 0, averageUploadKbps: 0,
                    averageLatencyMs: 0, tests: 0, devices: 0),
                SpeedTile(
                    quadkey: wrong, kind: .mobile, averageDownloadKbps: 1, averageUploadKbps: 1,
                    averageLatencyMs: 1, tests: 1, devices: 1),
            ]
        }
        return (tests, tiles)
    }

    /// The fixtures the other evidence suites analyse, whole and mixed.
    enum Fixture: String, CaseIterable, CustomTestStringConvertible {
        case noTests, classification, probes, planted, everything, minimumTestsOne, noSignalThresholds

        var testDescription: String { rawValue }

        func result() throws -> EvidenceResult {
            let (planted, tiles) = EvidenceJSONWriterTests.plantedTestsAndTiles()
            let run = EvidenceJSONWriterTests.analysis
            switch self {
            case .noTests: return try run([], [], nil, EvidenceParameters())
            case .classification: return try run(EvidenceClassificationTests.randomTests(), [], nil, .init())
            case .probes: return try run(InstitutionEvidenceTests.tests(seed: 2), [], ["I1", "I2", "I4"], .init())
            case .planted: return try run(planted, tiles, nil, EvidenceParameters())
            case .everything:
                let tests =
                    EvidenceClassificationTests.randomTests() + InstitutionEvidenceTests.tests(seed: 3) + planted
                return try run(tests, tiles, ["I1", "I3"], EvidenceParameters())
            case .minimumTestsOne:
                var p = EvidenceParameters()
                p.minimumTestsPerCell = 1
                return try run(EvidenceClassificationTests.randomTests() + planted, tiles, nil, p)
            case .noSignalThresholds:
                var p = EvidenceParameters(
                    signal: SignalThresholds(g3: SignalThreshold(outdoorDbm: -99.5, indoorDbm: 0)))
                p.speedTiers = []
                p.confidenceLevel = 0.99
                return try run(EvidenceClassificationTests.randomTests(), [], nil, p)
            }
        }
    }

    @Test(arguments: Fixture.allCases)
    func analysedResultsAreWrittenAsTheEncoderWritesThem(_ fixture: Fixture) throws {
        let result = try fixture.result()
        if fixture != .noTests && fixture != .probes {
            #expect(!result.rows.isEmpty)
        }
        if fixture == .planted || fixture == .everything {
            #expect(!result.challengeCandidates.isEmpty && !result.speedTiles.isEmpty)
        }
        try Self.expectIdentical(result)
    }

    /// Strings that need escaping (or must not be escaped) in every string position.
    static let awkwardStrings = [
        "", "plain", "quote \" inside", "back\\slash", "slash/and//more", "tab\tnew\nline\rcr", "\u{8}\u{c}",
        "\u{0}\u{1}\u{1f}\u{7f}", "Việt Nam — Hà Nội", "emoji 🇻🇳 𝄞", "\u{2028}\u{2029}", "</script>", "\"\\\"",
    ]

    /// A hand-made row with every optional member set.
    static func fullRow(commune: String?, operatorName: String?, seed: Double) -> EvidenceRow {
        EvidenceRow(
            communeCode: commune, operatorName: operatorName, tests: 1_000_000_007, excluded: [.stale: 3, .probe: 0],
            valid: 12, insideDeclared: 10, outsideDeclared: 2, insidePassing: 7, outsidePassing: 0,
            insideShare: 0.7, insideInterval: ProportionInterval(lower: 0.39676 * seed, upper: 0.892_208_234_1),
            tierCounts: [12, 0, -1], testsPerSquareKm: 1e-7 * seed, testsPerThousandHouseholds: 1e16,
            downloadTests: 12, medianDownloadMbps: -0.0, p10DownloadMbps: 5e-324,
            strength: .tooFewTests,
            insideByTechnology: [.g5: InsideCounts(inside: 1, passing: 0), .g2: InsideCounts(inside: 0, passing: 0)])
    }

    /// A hand-made row with every optional member nil and every collection empty.
    static func emptyRow(commune: String?) -> EvidenceRow {
        EvidenceRow(
            communeCode: commune, operatorName: nil, tests: 0, excluded: [:], valid: 0, insideDeclared: 0,
            outsideDeclared: 0, insidePassing: 0, outsidePassing: 0, insideShare: nil, insideInterval: nil,
            tierCounts: [], testsPerSquareKm: nil, testsPerThousandHouseholds: nil, downloadTests: 0,
            medianDownloadMbps: nil, p10DownloadMbps: nil, strength: .stale)
    }

    /// Every exclusion and every technology present, with odd counts.
    static var crowdedRow: EvidenceRow {
        var row = fullRow(commune: "X", operatorName: "Y", seed: 0.5)
        for (i, reason) in EvidenceExclusion.allCases.enumerated() { row.excluded[reason] = i * 1_000_003 - 4 }
        for (i, t) in Technology.allCases.enumerated() {
            row.insideByTechnology[t] = InsideCounts(inside: i, passing: Int.max - i)
        }
        row.tierCounts = [Int.min, Int.max, 0]
        return row
    }

    /// The quadkey of the hand-made cells.
    static let quadkey: Quadkey = {
        guard let q = Quadkey("1320123012301230") else { preconditionFailure("a valid quadkey") }
        return q
    }()

    /// A cell with the given strings and doubles.
    static func cell(_ text: String, share: Double, ids: [String]) -> EvidenceCell {
        EvidenceCell(
            quadkey: quadkey,
            communeCode: text.isEmpty ? nil : text, operatorName: text, technology: .g3, tests: ids.count,
            passing: 0, share: share, interval: ProportionInterval(lower: 0, upper: 1), pValue: 1.234e-300,
            testIDs: ids)
    }

    /// A hand-made result around `rows`, cells and strings, with the other members given.
    static func handMade(
        rows: [EvidenceRow], cells: [EvidenceCell], strings: [String], parameters: EvidenceParameters,
        asOf: Double = 1_764_547_200
    ) -> EvidenceResult {
        EvidenceResult(
            parameters: parameters, asOf: asOf, operators: strings, rows: rows, outsideCommunes: rows.reversed(),
            challengeCandidates: cells, servedUndeclared: cells.reversed(),
            speedTiles: strings.map { s in
                SpeedTileSummary(
                    communeCode: s.isEmpty ? nil : s, kind: s.count % 2 == 0 ? .fixed : .mobile, tiles: s.count,
                    tests: 0, devices: -s.count, averageDownloadMbps: s.isEmpty ? nil : 25.123,
                    averageUploadMbps: nil, averageLatencyMs: Double(s.utf8.count))
            },
            speedTilesWrongZoom: 17,
            institutions: strings.map { s in
                InstitutionEvidence(
                    institutionID: s, tests: 3, passing: 2, medianDownloadMbps: s.isEmpty ? nil : 0.1,
                    newestTime: s.isEmpty ? nil : 1_764_547_199.999, strength: .enough)
            },
            unattachedProbeTests: 4)
    }

    /// The hand-made edge cases.
    enum EdgeCase: String, CaseIterable, CustomTestStringConvertible {
        case emptyEverything, emptyRowsAndCells, awkwardStrings, crowded, cellWithoutTests, oddParameters

        var testDescription: String { rawValue }

        var result: EvidenceResult {
            typealias T = EvidenceJSONWriterTests
            let strings = T.awkwardStrings
            switch self {
            case .emptyEverything:
                var p = EvidenceParameters(signal: SignalThresholds())
                p.speedTiers = []
                return T.handMade(rows: [], cells: [], strings: [], parameters: p, asOf: 0)
            case .emptyRowsAndCells:
                return T.handMade(
                    rows: [T.emptyRow(commune: nil), T.emptyRow(commune: "")],
                    cells: [T.cell("", share: 0, ids: [])], strings: [""], parameters: EvidenceParameters())
            case .awkwardStrings:
                return T.handMade(
                    rows: strings.map { T.fullRow(commune: $0, operatorName: $0 + "/op", seed: 1) },
                    cells: strings.map { T.cell($0, share: 1.0 / 3, ids: strings) }, strings: strings,
                    parameters: EvidenceParameters())
            case .crowded:
                return T.handMade(
                    rows: [T.crowdedRow, T.emptyRow(commune: "Z")], cells: [T.cell("c", share: 2.0 / 3, ids: ["1"])],
                    strings: ["a"], parameters: EvidenceParameters(), asOf: -1.5)
            case .cellWithoutTests:
                return T.handMade(
                    rows: [], cells: [T.cell("c", share: 0.9999999999999999, ids: [])], strings: [],
                    parameters: EvidenceParameters())
            case .oddParameters:
                let p = EvidenceParameters(
                    signal: SignalThresholds(
                        g2: SignalThreshold(outdoorDbm: -110.25, indoorDbm: -1e-7),
                        g5: SignalThreshold(outdoorDbm: 0, indoorDbm: -0.0)),
                    speedTiers: [SpeedTier(downloadMbps: 0.5, uploadMbps: 1e16)],
                    servedTier: SpeedTier(downloadMbps: 1e-5, uploadMbps: 123_456_789.125), validityDays: 1,
                    firstHour: 0, endHour: 24, utcOffsetSeconds: -50_400, minimumTestsPerCell: 1,
                    confidenceLevel: 0.999, declaredServedShare: 0.1, undeclaredServedShare: 0.30000000000000004,
                    maximumIntervalWidth: 1)
                return T.handMade(
                    rows: [T.fullRow(commune: "A", operatorName: nil, seed: 3)], cells: [], strings: ["é"],
                    parameters: p)
            }
        }
    }

    @Test(arguments: EdgeCase.allCases)
    func handMadeEdgeCasesAreWrittenAsTheEncoderWritesThem(_ edge: EdgeCase) throws {
        try Self.expectIdentical(edge.result)
    }

    /// A value JSON cannot hold makes the writer throw, as it makes the encoder throw.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersAreRefusedByBoth(_ value: Double) throws {
        var result = EdgeCase.crowded.result
        result.rows[0].testsPerSquareKm = value
        #expect(throws: (any Error).self) { try Self.encoded(result) }
        #expect(throws: PrettyJSONWriter.NonConformingNumber.self) { try Self.written(result) }
    }

    /// Doubles in the members of a result (a cell's share each, the as-of time): the awkward corners
    /// and seeded random bit patterns. The full sweep of doubles is `PrettyJSONWriterTests`'.
    @Test func doublesInTheMembersOfAResultAreWrittenAsTheEncoderWritesThem() throws {
        var rng = SplitMix64(seed: 99)
        let corners: [Double] = [
            -0.0, 0, 1, -1, 0.5, 1.0 / 3, 1e-7, 1e-5, 1e15, 1e15 + 1, 1e16, 1e21, 9_007_199_254_740_993,
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.30000000000000004,
        ]
        let random = (0..<600).map { _ in Double(bitPattern: rng.next()) }.filter(\.isFinite)
        for values in [corners, random] {
            let cells = values.map { Self.cell("c", share: $0, ids: []) }
            var result = Self.handMade(rows: [], cells: cells, strings: [], parameters: EvidenceParameters())
            result.asOf = values.last ?? 0
            try Self.expectIdentical(result)
        }
    }

    /// Bytes reach a file sink in chunks and arrive whole and in order.
    @Test func chunkedOutputToAFileIsTheWholeDocument() throws {
        let result = try Fixture.everything.result()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = PrettyJSONWriter(sink: try ByteSink(path: path, bufferSize: 4096), chunkSize: 4096)
        try EvidenceJSONWriter.write(result, to: w)
        try w.finish()
        let got = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(got.count > 3 * 4096)
        #expect(got == (try Self.encoded(result)))
    }
}
