import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// The writer that stores per-location rows while the analysis goes on: commits everything or nothing.
@Suite struct EarlyResultsWriterTests {
    /// A fixture store with one finished run, and that run's record to write again.
    func storeWithRun() throws -> (Store, ResultsWriter.RunRecord, LocationRows) {
        let store = try CoverageFixture.build()
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        let ids = try store.db.rows("SELECT id FROM households ORDER BY id") { $0.int(0) }
        var block = LocationRowBlock(rowIDs: ids)
        for i in ids.indices { block.flags[i] = 0b100 }
        let record = ResultsWriter.RunRecord(
            result: result, parametersJSON: "{}", toolVersion: "test", gapClusters: [], gapAreas: [])
        return (store, record, LocationRows(blocks: [block]))
    }

    func count(_ store: Store, where condition: String = "1") throws -> Int64? {
        try store.db.scalar("SELECT count(*) FROM location_coverage WHERE \(condition)").int
    }

    @Test func finishCommitsTheRowsAndTheRun() throws {
        let (store, record, rows) = try storeWithRun()
        let fingerprint = try SnapshotIdentity.of(store.db)
        let writer = EarlyResultsWriter(
            path: store.path, fingerprint: fingerprint, rows: rows, unitCodes: [], hamletCodes: [])
        #expect(try writer.finish(record) != nil)
        #expect(try count(store) == 11)
        #expect(try count(store, where: "g4 = 1 AND g2 = 0 AND unit_code IS NULL") == 11)
        #expect(try store.db.scalar("SELECT tool_version FROM coverage_runs").text == "test")
    }

    @Test func anotherSnapshotIsDeclinedAndNothingIsWritten() throws {
        let (store, record, rows) = try storeWithRun()
        let before = try StoreSnapshot.take(store.path)
        let writer = EarlyResultsWriter(
            path: store.path, fingerprint: "another snapshot", rows: rows, unitCodes: [], hamletCodes: [])
        #expect(try writer.finish(record) == nil)
        #expect(try StoreSnapshot.take(store.path) == before)
        // The run then writes everything itself, in one transaction.
        _ = try ResultsWriter(db: store.db).write(record, rows: rows, unitCodes: [], hamletCodes: [])
        #expect(try count(store, where: "g4 = 1 AND g2 = 0 AND unit_code IS NULL") == 11)
        #expect(try store.db.scalar("SELECT tool_version FROM coverage_runs").text == "test")
    }

    @Test func cancelRollsBackAndReleasesTheLock() throws {
        let (store, _, rows) = try storeWithRun()
        let before = try StoreSnapshot.take(store.path)
        let writer = EarlyResultsWriter(
            path: store.path, fingerprint: try SnapshotIdentity.of(store.db), rows: rows, unitCodes: [],
            hamletCodes: [])
        writer.cancel()
        #expect(try StoreSnapshot.take(store.path) == before)
        // The write lock is free again: a write transaction starts without waiting.
        let other = try Connection(path: store.path, mode: .readWrite, busyTimeoutMilliseconds: 0)
        try other.execute("BEGIN IMMEDIATE")
        try other.execute("ROLLBACK")
    }
}
