import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// The packed R*Tree an evidence import writes into an empty spatial index, against SQLite's own
/// R*Tree filled row by row from the same geometries.
@Suite struct RTreeBulkLoadTests {
    /// Rows per import: a root that is a leaf, a full root, two leaves, two and three levels.
    static let counts = [1, 51, 52, 2_700, 6_000]

    @Test(arguments: counts)
    func sameEntriesAndSearchesAsRowByRowInserts(_ rows: Int) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("tests.csv", MeasurementFixture.csv(rows: rows))
        #expect(try store.importFile(file, options: ImportOptions(layer: .measurements)).rows == rows)
        let db = store.db
        // The reference: SQLite's R*Tree filled by its own inserts, with the same rounding to floats.
        try db.execute("CREATE VIRTUAL TABLE temp.reference USING rtree(pkid, xmin, xmax, ymin, ymax)")
        try db.execute(
            """
            INSERT INTO temp.reference SELECT id, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom)
            FROM measurements
            """)
        func entries(_ table: String) throws -> [[Double]] {
            try db.rows("SELECT pkid, xmin, xmax, ymin, ymax FROM \(table) ORDER BY pkid") { r in
                (0..<5).map { r.double($0) }
            }
        }
        let packed = try entries("idx_measurements_geom")
        #expect(packed.count == rows)
        #expect(packed == (try entries("temp.reference")))
        #expect(try db.scalar("SELECT rtreecheck('idx_measurements_geom')").text == "ok")
        #expect(try db.scalar("SELECT CheckSpatialIndex('measurements', 'geom')").int == 1)
        // Window searches find the same rows through both trees.
        var generator = SplitMix64(seed: UInt64(rows))
        for _ in 0..<40 {
            let x = 105.0 + Double(generator.next() % 1000) / 10_000
            let y = 21.0 + Double(generator.next() % 1000) / 10_000
            let window = "xmax >= \(x) AND xmin <= \(x + 0.01) AND ymax >= \(y) AND ymin <= \(y + 0.01)"
            func search(_ table: String) throws -> [Int64] {
                try db.rows("SELECT pkid FROM \(table) WHERE \(window) ORDER BY pkid") { $0.int(0) }
            }
            #expect(try search("idx_measurements_geom") == search("temp.reference"))
        }
        // The packed tree takes later deletes and inserts (SpatiaLite's triggers) and stays valid.
        try db.execute("DELETE FROM measurements WHERE id % 3 = 0")
        let second = try dir.write("more.csv", MeasurementFixture.csv(rows: rows, idPrefix: "N"))
        #expect(try store.importFile(second, options: ImportOptions(layer: .measurements)).rows == rows)
        #expect(try db.scalar("SELECT rtreecheck('idx_measurements_geom')").text == "ok")
        #expect(
            try db.scalar("SELECT count(*) FROM idx_measurements_geom").int
                == db.scalar("SELECT count(*) FROM measurements").int)
    }

    /// Values are rounded outward to 32-bit floats as SQLite's R*Tree rounds them.
    @Test(arguments: [0.0, 105.8123456789, -105.8123456789, 21.000000001, -0.1, 1e-40, 16_777_217.0])
    func roundingMatchesTheRTree(_ value: Double) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        try store.db.execute("CREATE VIRTUAL TABLE temp.r USING rtree(id, x0, x1)")
        try store.db.execute("INSERT INTO temp.r VALUES (1, ?, ?)", [value, value])
        let stored = try store.db.rows("SELECT x0, x1 FROM temp.r") { [$0.double(0), $0.double(1)] }[0]
        #expect(stored == [Double(RTreeBulkLoad.down(value)), Double(RTreeBulkLoad.up(value))])
    }
}
