import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// The packed measurement blocks (schema 7) give what the rows give, whoever wrote to the store
/// since the import: the cursor reads valid blocks and every other id from the rows.
@Suite struct MeasurementBlockTests {
    /// What a store went through after its import, before it is read.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case none, deletedRows, sqlUpdate, unpackedUpdate, sqlInsertAtEnd, sqlInsertInGap, secondImport, replaced
        case migratedFromVersion6

        var testDescription: String { rawValue }
    }

    /// The fixture CSV with an institution id on some rows (an empty one on others), and a download
    /// of -0.0 (SQLite gives 0 back).
    static func csv(rows: Int, idPrefix: String = "M") -> String {
        let lines = MeasurementFixture.csv(rows: rows, idPrefix: idPrefix).split(separator: "\n")
        var out = [lines[0] + ",institution_id"]
        for (i, line) in lines.dropFirst().enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if i == 5 { fields[4] = "-0.0" }
            out.append(fields.joined(separator: ",") + "," + (i % 7 == 2 ? "S\(i % 5)" : ""))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A store of 9,000 rows (three blocks) after `change`.
    static func store(after change: Change, in dir: FixtureDirectory) throws -> Store {
        var store = try dir.store()
        let file = try dir.write("m.csv", csv(rows: 9_000))
        _ = try store.importFile(file, options: ImportOptions(layer: .measurements))
        let db = store.db
        switch change {
        case .none: break
        case .deletedRows:
            try db.execute("DELETE FROM measurements WHERE id IN (1, 2, 4100, 4101) OR id BETWEEN 5000 AND 5100")
        case .sqlUpdate:
            try db.execute("UPDATE measurements SET download_mbps = 77.5, operator = 'Edited' WHERE id = 4500")
        case .unpackedUpdate:
            try db.execute("UPDATE measurements SET ext_id = 'renamed', device_id = 'd' WHERE id = 4500")
        case .sqlInsertAtEnd, .sqlInsertInGap:
            if change == .sqlInsertInGap { try db.execute("DELETE FROM measurements WHERE id = 6000") }
            try db.execute(
                """
                INSERT INTO measurements(id, ext_id, time_s, operator, technology, download_mbps, source, lon, lat,
                  dataset_id, institution_id, geom)
                VALUES (\(change == .sqlInsertInGap ? 6000 : 9_500), 'sql', 1.7e9, 'Plain', '4G', 12.5, 'school-probe',
                  105.5, 21.5, 1, 'S9', MakePoint(105.5, 21.5, 4326))
                """)
        case .secondImport:
            let second = try dir.write("m2.csv", csv(rows: 5_000, idPrefix: "N"))
            _ = try store.importFile(second, options: ImportOptions(layer: .measurements))
        case .replaced:
            let second = try dir.write("m2.csv", csv(rows: 5_000, idPrefix: "N"))
            var options = ImportOptions(layer: .measurements)
            options.replace = true
            _ = try store.importFile(second, options: options)
        case .migratedFromVersion6:
            try db.execute("DROP TABLE coverage_run_state")  // version 8's
            try db.execute("DROP TABLE measurement_blocks")
            for name in ["insert", "update", "delete"] { try db.execute("DROP TRIGGER measurement_blocks_\(name)") }
            try db.execute("PRAGMA user_version=6")
            let path = dir.url.appendingPathComponent("store.sqlite").path
            store = try Store.open(at: path)
            #expect(try store.db.scalar("PRAGMA user_version").int == Int64(Migrations.current))
        }
        return store
    }

    /// Every field of a measurement as text (NaN and -0.0 kept apart by their bits), the operator by name.
    static func describe(_ m: CompactMeasurement, _ names: [String]) -> String {
        let reals = [m.lon, m.lat, m.time, m.downloadMbps, m.uploadMbps, m.latencyMs, m.rsrpDbm]
        return "\(m.rowID) " + reals.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
            + " \(m.operatorCode >= 0 ? names[Int(m.operatorCode)] : "-") \(m.technology?.rawValue ?? "-")"
            + " \(m.source.rawValue) \(m.environment?.rawValue ?? "-") \(m.institutionID ?? "<nil>")"
    }

    /// All measurements read in ranges of `size` ids, with or without blocks, and the cursor.
    static func read(_ snapshot: ReadSnapshot, blocks: Bool, size: Int64) throws -> ([String], CompactMeasurementCursor)
    {
        let cursor = try snapshot.compactMeasurementCursor(blocks: blocks)
        var read: [CompactMeasurement] = []
        guard let span = try snapshot.measurementIDSpan() else { return ([], cursor) }
        for lower in stride(from: span.lowerBound, through: span.upperBound, by: Int(size)) {
            try cursor.forEach(in: lower...min(lower + size - 1, span.upperBound)) { read.append($0) }
        }
        return (read.map { describe($0, cursor.operatorNames) }, cursor)
    }

    /// After each change, read in ranges of `size` ids (cutting blocks or not), the blocks path gives
    /// every field of every row as the rows path does, and reads as rows only the ids of dropped blocks.
    @Test(arguments: Change.allCases, [1_000 as Int64, 4_096, 1 << 18])
    func blocksGiveWhatRowsGive(change: Change, size: Int64) throws {
        let dir = try FixtureDirectory("blocks-\(change.rawValue)")
        let store = try Self.store(after: change, in: dir)
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let (rows, rowCursor) = try Self.read(snapshot, blocks: false, size: size)
        let (blocked, blockCursor) = try Self.read(snapshot, blocks: true, size: size)
        #expect(rows.count == (try store.db.scalar("SELECT count(*) FROM measurements").int).map(Int.init))
        #expect(blocked == rows)
        #expect(rowCursor.blocksRead == 0 && blockCursor.blocksRead > 0)
        // Only the ids no valid block covers are read as rows.
        let asRows = [Change.sqlInsertAtEnd: 1, .sqlUpdate: 4_096, .sqlInsertInGap: 4_096, .deletedRows: 8_192 - 105]
        #expect(blockCursor.rowsRead == asRows[change] ?? 0)
        #expect(rows.contains { $0.hasSuffix(" S2") })
    }

    /// The triggers drop exactly the block holding an edited, deleted or inserted id; an update of a
    /// column no block packs leaves every block.
    @Test(arguments: [
        (Change.none, 3), (.deletedRows, 1), (.sqlUpdate, 2), (.unpackedUpdate, 3), (.sqlInsertAtEnd, 3),
        (.sqlInsertInGap, 2), (.secondImport, 5), (.replaced, 2), (.migratedFromVersion6, 3),
    ])
    func blocksLeft(change: Change, blocks: Int) throws {
        let store = try Self.store(after: change, in: try FixtureDirectory("blocks-left-\(change.rawValue)"))
        #expect(try store.db.scalar("SELECT count(*) FROM measurement_blocks").int == Int64(blocks))
    }

    /// After a row with the largest possible id, SQLite gives new rows random ids: the import then
    /// keeps no block of its own (the earlier import's stay), and the reader reads its rows.
    @Test func anImportWithRandomIdsKeepsNoBlocks() throws {
        let dir = try FixtureDirectory("blocks-random-ids")
        let store = try Self.store(after: .none, in: dir)
        try store.db.execute(
            """
            INSERT INTO measurements(id, ext_id, download_mbps, source, lon, lat, dataset_id, geom)
            VALUES (9223372036854775807, 'last', 5, 'crowd-app', 105.5, 21.5, 1, MakePoint(105.5, 21.5, 4326))
            """)
        let second = try dir.write("m2.csv", Self.csv(rows: 5_000, idPrefix: "N"))
        _ = try store.importFile(second, options: ImportOptions(layer: .measurements))
        #expect(try store.db.scalar("SELECT count(*) FROM measurement_blocks").int == 3)
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let span = try #require(try snapshot.measurementIDSpan())
        var reads: [[String]] = []
        for blocks in [false, true] {
            let cursor = try snapshot.compactMeasurementCursor(blocks: blocks)
            var read: [String] = []
            try cursor.forEach(in: span) { read.append(Self.describe($0, cursor.operatorNames)) }
            reads.append(read)
        }
        #expect(reads[0].count == 14_001 && reads[1] == reads[0])
    }

    /// Without one of the triggers (a GIS tool rebuilt the table), no block is trusted.
    @Test func noBlockIsReadWithoutTheTriggers() throws {
        let store = try Self.store(after: .none, in: try FixtureDirectory("blocks-no-trigger"))
        try store.db.execute("DROP TRIGGER measurement_blocks_update")
        try store.db.execute("UPDATE measurements SET download_mbps = 3.25 WHERE id = 10")
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let (rows, _) = try Self.read(snapshot, blocks: false, size: 1 << 18)
        let (blocked, cursor) = try Self.read(snapshot, blocks: true, size: 1 << 18)
        #expect(blocked == rows && cursor.blocksRead == 0 && cursor.rowsRead == 9_000)
    }

    /// A block whose bytes do not agree with its count is not used: its ids are read as rows.
    @Test func aDamagedBlockIsReadAsRows() throws {
        let store = try Self.store(after: .none, in: try FixtureDirectory("blocks-damaged"))
        try store.db.execute("UPDATE measurement_blocks SET data = substr(data, 1, 100) WHERE first_id = 1")
        try store.db.execute("UPDATE measurement_blocks SET operators = 'not json' WHERE first_id = 4097")
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let (rows, _) = try Self.read(snapshot, blocks: false, size: 1 << 18)
        let (blocked, cursor) = try Self.read(snapshot, blocks: true, size: 1 << 18)
        #expect(blocked == rows && cursor.blocksRead == 1 && cursor.rowsRead == 8_192)
    }
}
