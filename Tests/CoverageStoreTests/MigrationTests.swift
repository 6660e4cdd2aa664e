import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

@Suite struct MigrationTests {
    /// A store at schema version 2 with per-location rows in version 2's table.
    func version2Store() throws -> String {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("v2.sqlite").path
        let db = try Connection(path: path, mode: .create)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA application_id=\(Store.applicationID)")
        #expect(try db.scalar("SELECT InitSpatialMetadata(1)").int == 1)
        try db.transaction {
            for sql in Migrations.version1 + Migrations.version2 {
                if sql.hasPrefix("SELECT") { _ = try db.scalar(sql) } else { try db.execute(sql) }
            }
            try db.execute("PRAGMA user_version=2")
            try db.execute("INSERT INTO coverage_runs VALUES (1, '2026-01-01T00:00:00Z', 'v', '{}')")
            try db.execute(
                """
                INSERT INTO location_coverage VALUES
                  (1, 7, 'A', 'A-1', 1, 0, 1, 0, 1, 0, 1, 2, 12.345, NULL),
                  (1, 3, 'B', NULL, 0, 1, 0, 1, 0, 1, 0, 0, NULL, 480.5),
                  (1, 9, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)
                """)
        }
        return path
    }

    @Test func version3KeepsTheLocationRowsBehindTheView() throws {
        let path = try version2Store()
        let store = try Store.open(at: path)
        #expect(try store.db.scalar("PRAGMA user_version").int == 3)
        let rows = try store.db.rows("SELECT * FROM location_coverage ORDER BY household_id") { row in
            (0..<14).map { row.value($0).text ?? "-" }.joined(separator: "|")
        }
        // Distances are kept to the centimetre.
        #expect(
            rows == [
                "1|3|B|-|0|1|0|1|0|1|0|0|-|480.5", "1|7|A|A-1|1|0|1|0|1|0|1|2|12.35|-", "1|9|-|-|0|0|0|0|0|0|0|0|-|-",
            ])
        #expect(
            try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'location_coverage' AND type = 'view'")
                .int == 1)
    }
}
