import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Evidence imports insert without SpatiaLite's per-row triggers and fill the R*Tree afterwards: the
/// index must be what the triggers would have made, and the triggers must be back.
@Suite struct DeferredSpatialIndexTests {
    static let triggers = """
        SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master
        WHERE type = 'trigger' AND tbl_name IN ('measurements', 'speed_tiles') ORDER BY name)
        """

    /// Two measurement imports (the second appends after existing ids) and a tile import: SpatiaLite's
    /// own `CheckSpatialIndex` accepts both indexes, a window query through each R*Tree finds the rows a
    /// brute-force lon/lat filter finds, and the triggers are those of a fresh store.
    @Test func indexesEqualWhatTheTriggersMake() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let fresh = try store.db.scalar(Self.triggers).text
        for (name, rows) in [("A", 400), ("B", 300)] {
            let file = try dir.write("\(name).csv", MeasurementFixture.csv(rows: rows, idPrefix: name))
            #expect(try store.importFile(file, options: ImportOptions(layer: .measurements)).rows == rows)
        }
        let tiles = [Coordinate(105.8, 21.6), Coordinate(105.81, 21.6), Coordinate(105.9, 21.7)].compactMap {
            Quadkey(containing: $0, zoom: 16)
        }
        let tileFile = try dir.write(
            "mobile_tiles.csv",
            (["quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices"] + tiles.map { "\($0),25000,5000,30,3,2" })
                .joined(separator: "\n") + "\n")
        #expect(try store.importFile(tileFile, options: ImportOptions(layer: .speedTiles)).rows == 3)
        #expect(try store.db.scalar(Self.triggers).text == fresh)
        for table in ["measurements", "speed_tiles"] {
            #expect(try store.db.scalar("SELECT CheckSpatialIndex('\(table)', 'geom')").int == 1)
        }
        #expect(try store.db.scalar("SELECT count(*) FROM idx_measurements_geom").int == 700)
        let window = "xmax >= 105.02 AND xmin <= 105.05 AND ymax >= 21.01 AND ymin <= 21.03"
        let viaIndex = try store.db.rows(
            "SELECT id FROM measurements WHERE id IN (SELECT pkid FROM idx_measurements_geom WHERE \(window)) ORDER BY id"
        ) { $0.int(0) }
        let bruteForce = try store.db.rows(
            "SELECT id FROM measurements WHERE lon BETWEEN 105.02 AND 105.05 AND lat BETWEEN 21.01 AND 21.03 ORDER BY id"
        ) { $0.int(0) }
        #expect(!bruteForce.isEmpty && viaIndex == bruteForce)
        let tileHits = try store.db.scalar(
            "SELECT count(*) FROM idx_speed_tiles_geom WHERE xmin <= 105.8 AND xmax >= 105.8 AND ymin <= 21.6 AND ymax >= 21.6"
        ).int
        #expect(tileHits == 1)
    }
}
