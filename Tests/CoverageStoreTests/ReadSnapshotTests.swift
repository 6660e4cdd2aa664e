import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// The read snapshot the analysis reads through: one transaction, workers on the same contents
/// only, and the household cursor of the classification.
@Suite struct ReadSnapshotTests {
    /// A store with households A1…A5, persons unknown for A2 and A4.
    func households() throws -> (FixtureDirectory, Store) {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "hh.csv",
            "id,lon,lat,households,persons\nA1,105.1,21.1,2,7\nA2,105.2,21.2,1,\nA3,105.3,21.3,3,9\n"
                + "A4,105.4,21.4,1,\nA5,105.5,21.5,4,12\n")
        _ = try store.importFile(file, options: ImportOptions(layer: .households))
        return (dir, store)
    }

    @Test func aWorkerSeesTheSameContentsOrIsRefused() throws {
        let (dir, store) = try households()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let worker = try #require(snapshot.worker())
        #expect(worker.identity == snapshot.identity)
        #expect(try worker.householdIDSpan() == snapshot.householdIDSpan())
        worker.end()
        // Another connection imports meanwhile: the snapshot does not see it, a new worker is refused.
        let other = try Store.open(at: store.path)
        let more = try dir.write("more.csv", "id,lon,lat\nB1,105.6,21.6\n")
        _ = try other.importFile(more, options: ImportOptions(layer: .households))
        #expect(snapshot.worker() == nil)
        #expect(try snapshot.householdIDSpan()?.count == 5)
        snapshot.end()
        // A new snapshot sees the import, with another identity.
        let after = try store.readSnapshot()
        defer { after.end() }
        #expect(after.identity != snapshot.identity)
        #expect(try after.householdIDSpan()?.count == 6)
        #expect(after.worker() != nil)
        // A worker that cannot open the store is refused too.
        #expect(SnapshotWorkers(path: store.path + ".missing", identity: after.identity).open() == nil)
    }

    @Test func theCursorReadsExactlyTheRowsOfARange() throws {
        let (_, store) = try households()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let span = try #require(try snapshot.householdIDSpan())
        #expect(span.count == 5)
        let cursor = try snapshot.householdCursor()
        var batch = HouseholdBatch()
        try cursor.read((span.lowerBound + 1)...(span.lowerBound + 3), into: &batch)
        #expect(batch.count == 3)
        #expect(batch.rowIDs == Array((span.lowerBound + 1)...(span.lowerBound + 3)))
        #expect(batch.positions == [Coordinate(105.2, 21.2), Coordinate(105.3, 21.3), Coordinate(105.4, 21.4)])
        #expect(batch.households == [1, 3, 1])
        #expect(batch.persons == [-1, 9, -1])  // NULL persons as -1
        // The batch is replaced, not appended to; ranges past the ids are empty.
        try cursor.read(span, into: &batch)
        #expect(batch.persons == [7, -1, 9, -1, 12])
        try cursor.read((span.upperBound + 1)...(span.upperBound + 10), into: &batch)
        #expect(batch.count == 0)
        // The outside sample reads households by row id, in the order asked.
        let picked = try snapshot.households(rowIDs: [span.upperBound, span.lowerBound, span.upperBound + 5])
        #expect(picked.map(\.id) == ["A5", "A1"])
        #expect(picked[0].households == 4 && picked[0].position == Coordinate(105.5, 21.5))
    }

    @Test func aSnapshotIgnoresLaterImportsUntilItEnds() throws {
        let (dir, store) = try households()
        let snapshot = try store.readSnapshot()
        let other = try Store.open(at: store.path)
        _ = try other.importFile(
            try dir.write("more.csv", "id,lon,lat\nB1,105.6,21.6\n"), options: ImportOptions(layer: .households))
        var batch = HouseholdBatch()
        let cursor = try snapshot.householdCursor()
        try cursor.read(Int64.min...Int64.max, into: &batch)
        #expect(batch.count == 5)
        snapshot.end()
        snapshot.end()  // idempotent
        #expect(try store.locationCount() == 6)
    }
}
