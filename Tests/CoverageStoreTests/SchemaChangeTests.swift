import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// A connection whose cached schema another connection changed (a coverage run re-creates the gap
/// cluster triggers) still writes tables with a spatial index inside its next transaction.
@Suite struct SchemaChangeTests {
    /// Statements whose triggers write an R*Tree spatial index.
    static let spatialWrites = [
        "DELETE FROM admin_units WHERE vintage = 'x'",
        "DELETE FROM coverage_areas",
        "DELETE FROM routes",
        "DELETE FROM gap_areas",
    ]

    @Test(arguments: spatialWrites)
    func writeAfterAnotherConnectionChangedTheSchema(_ sql: String) throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("s.sqlite").path
        _ = try Store.create(at: path)
        let importer = try Connection(path: path, mode: .readWrite)
        _ = try importer.scalar("SELECT count(*) FROM datasets")  // schema cached now
        let analysis = try Connection(path: path, mode: .readWrite)
        try analysis.transaction {
            let triggers = try analysis.rows(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'gap_clusters'"
            ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
            #expect(!triggers.isEmpty)
            for (name, _) in triggers { try analysis.execute("DROP TRIGGER \"\(name)\"") }
            for (_, create) in triggers { try analysis.execute(create) }
        }
        try importer.transaction { try importer.execute(sql) }
    }
}
