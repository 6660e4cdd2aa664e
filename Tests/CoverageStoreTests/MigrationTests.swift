import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

@Suite struct MigrationTests {
    /// A store as a build of schema `version` made it (its migrations only), filled by `fill` in the
    /// same transaction.
    static func store(atVersion version: Int, fill: (Connection) throws -> Void) throws -> String {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("v\(version).sqlite").path
        let db = try Connection(path: path, mode: .create)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA application_id=\(Store.applicationID)")
        #expect(try db.scalar("SELECT InitSpatialMetadata(1)").int == 1)
        try db.transaction {
            for sql in Migrations.all.filter({ $0.version <= version }).flatMap(\.statements) {
                if sql.hasPrefix("SELECT") { _ = try db.scalar(sql) } else { try db.execute(sql) }
            }
            try db.execute("PRAGMA user_version=\(version)")
            try fill(db)
        }
        return path
    }

    /// A store at schema version 2 with per-location rows in version 2's table.
    func version2Store() throws -> String {
        try Self.store(atVersion: 2) { db in
            try db.execute("INSERT INTO coverage_runs VALUES (1, '2026-01-01T00:00:00Z', 'v', '{}')")
            try db.execute(
                """
                INSERT INTO location_coverage VALUES
                  (1, 7, 'A', 'A-1', 1, 0, 1, 0, 1, 0, 1, 2, 12.345, NULL),
                  (1, 3, 'B', NULL, 0, 1, 0, 1, 0, 1, 0, 0, NULL, 480.5),
                  (1, 9, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)
                """)
        }
    }

    @Test func version3KeepsTheLocationRowsBehindTheView() throws {
        let path = try version2Store()
        let store = try Store.open(at: path)
        #expect(try store.db.scalar("PRAGMA user_version").int == Int64(Migrations.current))
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

    /// A store at schema version 3 holding one imported dataset (a household).
    func version3Store() throws -> String {
        try Self.store(atVersion: 3) { db in
            try db.execute(
                "INSERT INTO datasets VALUES (1, 'households', 'h.csv', 'x', 1, '2026-01-01T00:00:00Z', NULL, 'csv', '')"
            )
            try db.execute(
                """
                INSERT INTO households(ext_id, households, persons, kind, lon, lat, dataset_id, geom)
                VALUES ('H1', 2, 5, 'residential', 105.8, 21.6, 1, MakePoint(105.8, 21.6, 4326))
                """)
        }
    }

    @Test func anOlderStoreOpenedForReadingSaysHowToMigrateItAndStaysUntouched() throws {
        let path = try version3Store()
        let before = try StoreState.capture(path, .bytes)
        do {
            _ = try Store.open(at: path, readOnly: true)
            Issue.record("read a version 3 store without migrating it")
        } catch let error as StoreError {
            guard case .olderSchema(_, found: 3, current: Migrations.current) = error else {
                Issue.record("\(error)")
                return
            }
            #expect("\(error)".contains("`covaudit init --db \(path)`"), "\(error)")
            #expect(!"\(error)".contains("not a covaudit store"), "\(error)")
        }
        #expect(try StoreState.capture(path, .bytes) == before)
    }

    @Test func openingForWritingSaysWhichVersionItMigratedFrom() throws {
        let path = try version3Store()
        #expect(try Store.open(at: path).migratedFrom == 3)
        #expect(try Store.open(at: path).migratedFrom == nil)
    }

    @Test func version4AddsTheEvidenceLayersAndKeepsTheData() throws {
        let path = try version3Store()
        #expect(throws: StoreError.self) { try Store.open(at: path, readOnly: true) }
        let store = try Store.open(at: path)
        #expect(try store.db.scalar("PRAGMA user_version").int == Int64(Migrations.current))
        #expect(try store.locations().map(\.id) == ["H1"])
        for table in ["measurements", "speed_tiles", "dataset_exclusions"] {
            #expect(try store.db.scalar("SELECT count(*) FROM \(table)").int == 0, "\(table)")
        }
        // Both evidence layers are registered with an R*Tree spatial index.
        let indexed = try store.db.rows(
            """
            SELECT f_table_name FROM geometry_columns WHERE spatial_index_enabled = 1
              AND f_table_name IN ('measurements', 'speed_tiles') ORDER BY 1
            """
        ) { $0.text(0) ?? "" }
        #expect(indexed == ["measurements", "speed_tiles"])
        // An import into the migrated store works, and GDAL (what QGIS uses) still reads the store.
        let csv = try TestPaths.temporaryDirectory().appendingPathComponent("m.csv").path
        try "id,rsrp,lat,lon,source\nM1,-90,21.6,105.8,drive-test\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        _ = try store.importFile(csv, options: ImportOptions(layer: .measurements))
        let tool = try #require(ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required")
        let info = try ProcessRunner.run(tool, ["-ro", "-so", path, "measurements", "speed_tiles", "households"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Layer name: measurements"))
        #expect(info.stdout.contains("Layer name: speed_tiles"))
        #expect(info.stdout.contains("Feature Count: 1"))
        #expect(info.stdout.contains("Geometry: Polygon"))
    }
}
