import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageAnalysis

/// `PreparedCoverageJSON` (the JSON encoded while a what-if run is stored) against
/// `CoverageJSONWriter` given the stored run's id: byte for byte.
@Suite struct PreparedCoverageJSONTests {
    @Test(arguments: [Grouping.province, .commune], [Int64(1), 9, 10, 42, 1_234_567])
    func thePreparedBytesAreTheWritersOnceTheRunIDIsKnown(_ grouping: Grouping, _ runID: Int64) throws {
        let (_, store) = try FictionalStores.demoStore()
        var p = CoverageParameters()
        p.grouping = grouping
        var result = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        #expect(result.runID == nil)
        let prepared = try PreparedCoverageJSON(result)
        let got = ByteSink()
        try prepared.write(runID: runID, to: got)
        result.runID = runID
        let want = ByteSink()
        try CoverageJSONWriter.write(result, to: want)
        #expect(got.buffer == want.buffer, "\(ByteDifference.describe(got.buffer, want.buffer))")
        #expect(got.text.contains("\"run_id\" : \(runID),\n"))
    }
}
