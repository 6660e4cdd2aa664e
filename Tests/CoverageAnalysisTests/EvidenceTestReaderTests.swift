import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// The parallel, allocation-free read of stored tests gives the test set the whole-value path gives.
@Suite struct EvidenceTestReaderTests {
    /// Read in ranges of `size` ids over both cores (the caller's snapshot and a worker's), the set
    /// equals the one built from `measurements(rowIDs:)`: same records, operators in order of first
    /// appearance, the store's row ids as ids, and the newest time SQLite finds.
    @Test(arguments: [13, 256, 1 << 18])
    func readerEqualsWholeMeasurements(size: Int64) throws {
        let store = try MeasurementFixture.store(rows: 3_000, in: try FixtureDirectory())
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let (tests, newest) = try EvidenceTestReader.read(snapshot, rangeSize: size)
        let ids = try store.db.rows("SELECT id FROM measurements ORDER BY id") { $0.int(0) }
        let whole = EvidenceTestSet(try snapshot.measurements(rowIDs: ids))
        #expect(tests.count == 3_000 && tests.rowIDs == ids)
        #expect(tests.records == whole.records)
        #expect(tests.operators == whole.operators && tests.operators == ["Viettel", "VNPT", "MobiFone", "Late"])
        #expect(tests.id(at: 41) == String(ids[41]) && whole.id(at: 41) == "M41")
        let sqlNewest = try store.db.scalar("SELECT max(time_s) FROM measurements").double
        #expect(newest == sqlNewest)
    }

    /// An empty store reads as no tests and no time.
    @Test func emptyStore() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let snapshot = try store.readSnapshot()
        let (tests, newest) = try EvidenceTestReader.read(snapshot)
        #expect(tests.count == 0 && newest == nil)
    }
}
