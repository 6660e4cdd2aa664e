import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis
@testable import CoverageCommands

/// The evidence JSON encoded in parallel chunks against the one-piece encoding, byte for byte.
@Suite struct EvidenceJSONTests {
    /// A row with everything an encoding can meet: nil and present optionals, empty and filled
    /// dictionaries, text that needs escaping.
    static func row(_ i: Int) -> EvidenceRow {
        let odd = i % 2 == 1
        var row = EvidenceRow(
            communeCode: i % 7 == 0 ? nil : "C\(i)", operatorName: odd ? "Op \"\(i)\"/é\n" : nil, tests: i,
            excluded: odd ? [.stale: i, .noTime: 1] : [:], valid: i / 2, insideDeclared: i / 3,
            outsideDeclared: i / 4, insidePassing: i / 5, outsidePassing: 0, insideShare: odd ? 0.1 * Double(i) : nil,
            insideInterval: odd ? ProportionInterval(lower: 0.25, upper: 1 / 3) : nil, tierCounts: odd ? [i, 0] : [],
            testsPerSquareKm: odd ? 1e-7 * Double(i) : nil, testsPerThousandHouseholds: nil, downloadTests: i,
            medianDownloadMbps: odd ? 12.5 : nil, p10DownloadMbps: odd ? 3 : nil,
            strength: odd ? .enough : .tooFewTests)
        if i % 3 == 0 { row.insideByTechnology = [Technology.g4: InsideCounts(inside: i, passing: i / 2)] }
        return row
    }

    @Test(arguments: [0, 1, 2, 2047, 2048, 5000])
    func equalsTheOnePieceEncoding(rows: Int) throws {
        var result = EvidenceResult(
            parameters: EvidenceParameters(), asOf: 1.7e9, operators: ["A", "B"], rows: (0..<rows).map(Self.row),
            outsideCommunes: [Self.row(3)], challengeCandidates: [], servedUndeclared: [], speedTiles: [],
            speedTilesWrongZoom: 2)
        result.unattachedProbeTests = 4
        let parallel = try EvidenceJSON.encode(result)
        let whole = try JSONOutput.encode(result)
        #expect(parallel == whole)
        // Every row is there once (and the one outside the communes).
        #expect(parallel.components(separatedBy: "\"download_tests\"").count - 1 == rows + 1)
    }

    /// An array that is not the encoder's pretty form is refused, not spliced.
    @Test func refusesAnArrayOfAnotherForm() {
        var out: [UInt8] = []
        #expect(throws: EncodingError.self) { try EvidenceJSON.appendElements(of: Array("[1,2]".utf8), to: &out) }
    }
}
