import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// A what-if run's gap clusters written over the stored run's: the table and its spatial index
/// (entries and nodes) are those a full run of the same clusters writes into an empty store.
@Suite struct GapClusterRowsTests {
    /// How the run's clusters differ from the stored run's.
    enum Change: String, CaseIterable, CustomStringConvertible {
        /// The same clusters.
        case none
        /// One cluster added near the top: every later id moves (the table is refilled).
        case insertedNearTheTop
        /// One cluster's households changed near the end: the rows before it stay.
        case changedNearTheEnd
        /// The last clusters gone: the rows before them stay, the others are deleted.
        case fewer
        /// Clusters added after the last.
        case more
        /// Every cluster moved a little.
        case everyCluster
        /// A cluster at a coordinate whose 32-bit rounding matters, at -0 and near the poles.
        case edgeCoordinates

        var description: String { rawValue }
    }

    /// `n` clusters with scattered points and households decreasing (the order a run writes).
    static func clusters(_ n: Int, seed: UInt64) -> [StoredGapCluster] {
        var generator = SplitMix64(seed: seed)
        return (0..<n).map { k in
            let lon = 102 + Double(generator.next() % 1_000_000) / 100_000 + 1e-9 / 3
            let lat = 8 + Double(generator.next() % 1_500_000) / 100_000
            return StoredGapCluster(
                unitCode: k % 7 == 0 ? nil : "U\(k % 13)", locations: 1 + k % 5, households: 10 * (n - k),
                persons: 3 * (n - k), radiusM: Double(k) * 12.5 + 0.1, lon: lon, lat: lat)
        }
    }

    /// The stored run's clusters and the run's, for `change`.
    static func clusters(_ change: Change) -> (stored: [StoredGapCluster], run: [StoredGapCluster]) {
        let stored = clusters(140, seed: 7)
        var run = stored
        switch change {
        case .none: break
        case .insertedNearTheTop:
            run.insert(
                StoredGapCluster(
                    unitCode: "NEW", locations: 3, households: 1_395, persons: 4, radiusM: 80, lon: 105.1, lat: 21.2),
                at: 1)
        case .changedNearTheEnd: run[120].households += 1
        case .fewer: run.removeLast(30)
        case .more:
            run += clusters(60, seed: 8).map {
                var c = $0; c.households = 1; return c
            }
        case .everyCluster:
            run = run.map {
                var c = $0; c.lon += 1e-7; return c
            }
        case .edgeCoordinates:
            run[100].lon = -0.0
            run[101].lat = -89.999_999_999
            run[102].lon = 179.999_999_999_9
            run[103].lat = 1e-300
        }
        return (stored, run)
    }

    /// A run of `clusters` with the state part a what-if run checks.
    static func run(_ clusters: [StoredGapCluster]) -> StoredRun {
        var run = StoredRun(
            parametersJSON: "{}", toolVersion: "test", gapMeasure: "4g", unitRows: [], gapClusters: clusters,
            gapAreas: [])
        run.state = ["token": [1, 2, 3]]
        return run
    }

    /// Every row of `sql`, as text (doubles by their bits, BLOBs in hex).
    static func dump(_ db: Connection, _ sql: String) throws -> [String] { try TableRows.text(db, sql) }

    /// The table, the index entries and the index's nodes, parents and row-to-leaf map.
    static func tables(_ db: Connection) throws -> [[String]] {
        try [
            "SELECT * FROM gap_clusters ORDER BY id", "SELECT * FROM idx_gap_clusters_geom ORDER BY pkid",
            "SELECT * FROM idx_gap_clusters_geom_node ORDER BY nodeno",
            "SELECT * FROM idx_gap_clusters_geom_parent ORDER BY nodeno",
            "SELECT * FROM idx_gap_clusters_geom_rowid ORDER BY rowid",
        ].map { try dump(db, $0) }
    }

    @Test(arguments: Change.allCases)
    func theWhatIfTablesAreTheFullRunsTables(_ change: Change) throws {
        let dir = try FixtureDirectory("gap-cluster-rows")
        let (stored, changed) = Self.clusters(change)
        let whatIf = try dir.store("what-if.sqlite")
        _ = try whatIf.resultsSink().finish(Self.run(stored), rows: nil, unitCodes: [], hamletCodes: [])
        let prefix = try GapClusterRows(db: whatIf.db).unchangedPrefix(of: Self.run(changed), run: 1)
        switch change {
        case .none: #expect(prefix.kept == 140)
        case .insertedNearTheTop: #expect(prefix.kept == 1)
        case .changedNearTheEnd: #expect(prefix.kept == 120)
        case .fewer: #expect(prefix.kept == 110)
        case .more: #expect(prefix.kept == 140)
        case .everyCluster: #expect(prefix.kept == 0)
        case .edgeCoordinates: #expect(prefix.kept == 100)
        }
        #expect(prefix.stored == 140)
        let id = try whatIf.storeWhatIfRun(
            Self.run(changed), rows: nil, token: "token", tokenValue: [1, 2, 3], unitRows: .all)
        #expect(id == 1)
        let full = try dir.store("full.sqlite")
        _ = try full.resultsSink().finish(Self.run(changed), rows: nil, unitCodes: [], hamletCodes: [])
        let tables = try Self.tables(whatIf.db)
        #expect(tables[0].count == changed.count)
        #expect(tables[1].count == changed.count)
        #expect(tables == (try Self.tables(full.db)))
        #expect(try whatIf.db.scalar("SELECT CheckSpatialIndex('gap_clusters', 'geom')").int == 1)
        #expect(try whatIf.db.scalar("SELECT rtreecheck('idx_gap_clusters_geom')").text == "ok")
        let triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'gap_clusters'"
        #expect(try whatIf.db.scalar(triggers).int == (try full.db.scalar(triggers).int))
    }
}
