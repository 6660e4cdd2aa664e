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

    /// The set read through the packed blocks equals the set read from the rows alone (the blocks
    /// deleted): records, ids, operators, probe institutions and the newest time, in ranges that cut
    /// blocks.
    @Test(arguments: [1_000 as Int64, 1 << 18])
    func blocksGiveTheSetRowsGive(size: Int64) throws {
        let dir = try FixtureDirectory("reader-blocks")
        let store = try dir.store()
        // The fixture, every seventh row a school probe naming one of five institutions.
        let lines = MeasurementFixture.csv(rows: 9_000).split(separator: "\n")
        var csv = [lines[0] + ",institution_id"]
        for (i, line) in lines.dropFirst().enumerated() {
            let probe = i % 7 == 2
            let row = probe ? line.replacingOccurrences(of: "crowd-app", with: "school-probe") : String(line)
            csv.append(row + "," + (probe ? "S\(i % 5)" : ""))
        }
        let file = try dir.write("m.csv", csv.joined(separator: "\n") + "\n")
        _ = try store.importFile(file, options: ImportOptions(layer: .measurements))
        func read() throws -> (EvidenceTestSet, Double?) {
            let snapshot = try store.readSnapshot()
            defer { snapshot.end() }
            return try EvidenceTestReader.read(snapshot, rangeSize: size)
        }
        #expect(try store.db.scalar("SELECT count(*) FROM measurement_blocks").int == 3)
        let (blocked, blockedNewest) = try read()
        try store.db.execute("DELETE FROM measurement_blocks")
        let (rows, rowsNewest) = try read()
        #expect(blocked.count == 9_000 && blocked.records == rows.records && blocked.rowIDs == rows.rowIDs)
        #expect(blocked.operators == rows.operators && blockedNewest == rowsNewest)
        #expect(!rows.institutionLinks.isEmpty && blocked.institutionIDs == rows.institutionIDs)
        #expect(blocked.institutionLinks == rows.institutionLinks)
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
