import CoverageStore
import Foundation
import Testing

@testable import CoverageCommands

/// The report's evidence analysis beside the coverage analysis: no work without measurements, and an
/// error of the second thread surfaces when the report settles its evidence.
@Suite struct ReportEvidenceJobTests {
    /// A new folder of its own under the temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func withoutMeasurementsNothingIsOpenedOrAnalysed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: dir.appendingPathComponent("s.sqlite").path)
        let missing = dir.appendingPathComponent("missing.sqlite").path
        let early = ReportEvidenceJob(storePath: missing, vintage: nil, measured: false).run()
        #expect(try ReportEvidenceJob.settle(early, store: store, vintage: nil) == nil)
    }

    /// The job's failure (a store it cannot open; a store the analysis refuses) fails the settling.
    @Test(arguments: [("missing.sqlite", "no such store"), ("s.sqlite", "no communes")])
    func aFailingJobFailsTheReport(file: String, message: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.create(at: dir.appendingPathComponent("s.sqlite").path)
        let early = ReportEvidenceJob(
            storePath: dir.appendingPathComponent(file).path, vintage: nil, measured: true
        ).run()
        let error = #expect(throws: (any Error).self) {
            _ = try ReportEvidenceJob.settle(early, store: store, vintage: nil)
        }
        #expect(String(describing: error).contains(message), "\(String(describing: error))")
    }
}
