import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageAnalysis

/// `CoverageJSONWriter` (`covaudit coverage -f json`) against the reference: `ReportJSON.encode` over
/// the `Encodable` conformances, plus the newline `print` added, byte for byte.
@Suite struct CoverageJSONWriterTests {
    /// The bytes `covaudit coverage -f json` printed before the writer.
    static func encoded(_ result: CoverageResult) throws -> [UInt8] {
        Array(try ReportJSON.encode(result).utf8) + [UInt8(ascii: "\n")]
    }

    /// The writer's bytes for `result`.
    static func written(_ result: CoverageResult) throws -> [UInt8] {
        let sink = ByteSink()
        try CoverageJSONWriter.write(result, to: sink)
        return sink.buffer
    }

    /// Expects the writer's bytes to equal the encoder's.
    static func expectIdentical(_ result: CoverageResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (want, got) = (try encoded(result), try written(result))
        #expect(got == want, "\(ByteDifference.describe(got, want))", sourceLocation: sourceLocation)
    }

    /// The groupings of a run on the fictional province, and one with the centroid hamlet rule.
    enum Run: String, CaseIterable, CustomTestStringConvertible {
        case province, commune, hamlet, hamletCentroid, oneOperatorNoAreas
        var testDescription: String { rawValue }
    }

    @Test(arguments: Run.allCases)
    func aRunOnTheFictionalProvinceIsWrittenAsTheEncoderWritesIt(_ run: Run) throws {
        let (_, store) = try FictionalStores.demoStore()
        var p = CoverageParameters()
        switch run {
        case .province: p.grouping = .province
        case .commune: p.grouping = .commune
        case .hamlet: p.grouping = .hamlet
        case .hamletCentroid:
            p.grouping = .hamlet
            p.hamletRule = .centroid
        case .oneOperatorNoAreas:
            p.operatorName = "Viettel"
            p.computeAreas = false
        }
        var result = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        #expect(!result.units.isEmpty || run == .province)
        try Self.expectIdentical(result)
        result.runID = 42
        try Self.expectIdentical(result)
    }

    @Test func measuresWithoutDataAreWrittenAsTheEncoderWritesThem() throws {
        let (_, store) = try FictionalStores.sparseStore()
        try Self.expectIdentical(try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate())
    }

    /// Values no run on the fixtures gives: non-finite shares (written as strings), absent and
    /// empty members, keys and text that need escaping or sort by their UTF-8 bytes.
    @Test func unusualValuesAreWrittenAsTheEncoderWritesThem() throws {
        let (_, store) = try FictionalStores.demoStore()
        var result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        result.runID = 7
        result.notes = ["tab\there \"quoted\" back\\slash / slash", "\u{1}\u{1F} control", "Tiếng Việt"]
        result.operators = []
        result.gaps = []
        result.outside.sample = [OutsideLocation(id: "X\n1", lon: -0.0, lat: 1e-7, households: 0)]
        var unit = try #require(result.units.first)
        unit.areaKm2 = .infinity
        unit.parentCode = "P/1"
        unit.census = CensusFigures(vintage: "2019", households: nil, persons: 12.5, method: "crosswalk from 2019")
        unit.fibre = FibrePresence(hasFibre: false, routeLengthKm: 0, nodes: 0, centreDistanceM: .nan)
        unit.hamlets = nil
        var g4 = try #require(unit.coverage[.g4])
        g4.householdShare = -.infinity
        g4.personShare = nil
        g4.areaShare = 1e16
        g4.note = "ghi chú"
        g4.operators = [
            "VNPT": OperatorFigures(locations: 1, households: 2, householdShare: .nan, persons: 3, personShare: 0.1),
            "Viettel": OperatorFigures(locations: 0, households: 0, householdShare: nil, persons: 0, personShare: nil),
            "Ă": OperatorFigures(locations: 1, households: 1, householdShare: 1, persons: 1, personShare: 1),
            "e\u{301}x": OperatorFigures(
                locations: 2, households: 2, householdShare: 0.5, persons: 2, personShare: 0.5),
            "é": OperatorFigures(locations: 3, households: 3, householdShare: 0.25, persons: 3, personShare: 0.25),
        ]
        unit.coverage[.g4] = g4
        unit.coverage[.g2]?.available = false
        result.units = [unit, unit]
        result.province.coverage = [:]
        try Self.expectIdentical(result)
    }
}
