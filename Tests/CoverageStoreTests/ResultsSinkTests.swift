import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// The results sink: rows written early and the run committed together, or nothing at all.
@Suite struct ResultsSinkTests {
    /// A store with three households, rows flagging each with 4G, and a run of one province row.
    func storeWithRows() throws -> (Store, StoredRun, LocationRows) {
        let dir = try FixtureDirectory("results-sink")
        let store = try dir.store()
        let csv = try dir.write(
            "hh.csv", "id,lon,lat,households,persons\nA,105.85,21.55,2,7\nB,105.86,21.56,1,3\nC,105.87,21.57,4,\n")
        _ = try store.importFile(csv, options: ImportOptions(layer: .households))
        let ids = try store.db.rows("SELECT id FROM households ORDER BY id") { $0.int(0) }
        var block = LocationRowBlock(rowIDs: ids)
        for i in ids.indices { block.flags[i] = 0b100 }
        let row = StoredUnitRow(
            level: "province", code: "all", name: "all units", measure: "4g", operatorName: "", locations: 3,
            locationsCovered: 3, households: 7, householdsCovered: 7, persons: 10, personsCovered: 10,
            householdShare: 1, personShare: 1, areaShare: nil)
        let cluster = StoredGapCluster(
            unitCode: nil, locations: 1, households: 2, persons: 7, radiusM: 0, lon: 105.85, lat: 21.55)
        let run = StoredRun(
            parametersJSON: "{}", toolVersion: "test", gapMeasure: "4g", unitRows: [row], gapClusters: [cluster],
            gapAreas: [])
        return (store, run, LocationRows(blocks: [block]))
    }

    func count(_ store: Store, where condition: String = "1") throws -> Int64? {
        try store.db.scalar("SELECT count(*) FROM location_coverage WHERE \(condition)").int
    }

    func expectRunStored(_ store: Store) throws {
        #expect(try count(store) == 3)
        #expect(try count(store, where: "g4 = 1 AND g2 = 0 AND unit_code IS NULL") == 3)
        #expect(try store.db.scalar("SELECT tool_version FROM coverage_runs").text == "test")
        #expect(try store.db.scalar("SELECT households_covered FROM unit_coverage").int == 7)
        #expect(try store.db.scalar("SELECT count(*) FROM gap_clusters WHERE unit_code IS NULL").int == 1)
    }

    @Test func rowsWrittenEarlyAreCommittedWithTheRun() throws {
        let (store, run, rows) = try storeWithRows()
        let sink = store.resultsSink()
        #expect(sink.writeRowsEarly(rows, unitCodes: [], hamletCodes: [], identity: try SnapshotIdentity.of(store.db)))
        // Nothing is visible before the run is finished.
        #expect(try count(store) == 0)
        _ = try sink.finish(run, rows: rows, unitCodes: [], hamletCodes: [])
        try expectRunStored(store)
    }

    @Test func anotherSnapshotIsDeclinedAndTheRunWritesEverythingItself() throws {
        let (store, run, rows) = try storeWithRows()
        let before = try StoreSnapshot.take(store.path)
        let sink = store.resultsSink()
        #expect(!sink.writeRowsEarly(rows, unitCodes: [], hamletCodes: [], identity: "another snapshot"))
        #expect(try StoreSnapshot.take(store.path) == before)
        _ = try sink.finish(run, rows: rows, unitCodes: [], hamletCodes: [])
        try expectRunStored(store)
    }

    @Test func aBusyStoreIsDeclined() throws {
        let (store, run, rows) = try storeWithRows()
        let other = try Connection(path: store.path, mode: .readWrite)
        try other.execute("BEGIN IMMEDIATE")
        let sink = store.resultsSink()
        #expect(!sink.writeRowsEarly(rows, unitCodes: [], hamletCodes: [], identity: try SnapshotIdentity.of(store.db)))
        try other.execute("ROLLBACK")
        _ = try sink.finish(run, rows: rows, unitCodes: [], hamletCodes: [])
        try expectRunStored(store)
    }

    @Test func cancelRollsBackAndReleasesTheLock() throws {
        let (store, _, rows) = try storeWithRows()
        let before = try StoreSnapshot.take(store.path)
        let sink = store.resultsSink()
        #expect(sink.writeRowsEarly(rows, unitCodes: [], hamletCodes: [], identity: try SnapshotIdentity.of(store.db)))
        sink.cancel()
        #expect(try StoreSnapshot.take(store.path) == before)
        // The write lock is free again: a write transaction starts without waiting.
        let other = try Connection(path: store.path, mode: .readWrite, busyTimeoutMilliseconds: 0)
        try other.execute("BEGIN IMMEDIATE")
        try other.execute("ROLLBACK")
    }

    @Test func aFailedEarlyWriteIsRethrownAndNothingIsStored() throws {
        let (store, run, rows) = try storeWithRows()
        let before = try StoreSnapshot.take(store.path)
        var bad = rows
        bad.blocks[0].rowIDs[1] = bad.blocks[0].rowIDs[0]  // a duplicate primary key
        let sink = store.resultsSink()
        #expect(sink.writeRowsEarly(bad, unitCodes: [], hamletCodes: [], identity: try SnapshotIdentity.of(store.db)))
        #expect(throws: SQLError.self) { try sink.finish(run, rows: bad, unitCodes: [], hamletCodes: []) }
        #expect(try StoreSnapshot.take(store.path) == before)
    }

    /// Gap cluster points are stored as the bytes `MakePoint(lon, lat, 4326)` gives, each in the
    /// spatial index; a cluster without a position is refused (the column is NOT NULL), as it was
    /// with `MakePoint` of NULL, and nothing is stored.
    @Test(arguments: [
        (105.85, 21.55), (-0.0, 0.0), (179.999_999_999, -89.5), (1e-300, -1e300), (Double.nan, 21.0),
    ])
    func gapClusterPointsAreWhatMakePointMakes(lon: Double, lat: Double) throws {
        let (store, run, rows) = try storeWithRows()
        var withPoints = run
        withPoints.gapClusters.append(
            StoredGapCluster(unitCode: "X", locations: 2, households: 3, persons: 4, radiusM: 5.5, lon: lon, lat: lat))
        guard !lon.isNaN else {
            let before = try StoreSnapshot.take(store.path)
            #expect(throws: SQLError.self) {
                try store.resultsSink().finish(withPoints, rows: rows, unitCodes: [], hamletCodes: [])
            }
            #expect(try StoreSnapshot.take(store.path) == before)
            return
        }
        _ = try store.resultsSink().finish(withPoints, rows: rows, unitCodes: [], hamletCodes: [])
        let stored = try store.db.rows(
            "SELECT id, geom, MakePoint(?, ?, 4326) FROM gap_clusters WHERE unit_code = 'X'", [lon, lat]
        ) { ($0.int(0), $0.blob(1), $0.blob(2)) }
        #expect(stored.count == 1)
        #expect(stored.first?.1 != nil)
        #expect(stored.first?.1 == stored.first?.2)
        let indexed = try store.db.scalar(
            "SELECT count(*) FROM idx_gap_clusters_geom WHERE pkid = ?", [stored.first?.0 ?? -1]
        ).int
        #expect(indexed == 1)
    }
}
