import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// A stored coverage run records the datasets it read; imports and replacements after it show up
/// as changes since the run.
@Suite struct RunInputsTests {
    static func importFile(_ store: Store, _ name: String, _ layer: Layer, replace: Bool = false) throws {
        var options = ImportOptions(layer: layer)
        options.replace = replace
        _ = try store.importFile(FictionalStores.geoData.appendingPathComponent(name).path, options: options)
    }

    static func recorded(_ store: Store) throws -> [DatasetFingerprint] {
        try Connection(path: store.path, mode: .readOnly).rows(
            "SELECT dataset_id, layer, sha256, row_count FROM coverage_run_inputs ORDER BY dataset_id"
        ) {
            DatasetFingerprint(
                id: $0.int(0), layer: $0.text(1) ?? "", sha256: $0.text(2) ?? "", rowCount: Int($0.int(3)))
        }
    }

    @Test func aRunRecordsEveryDatasetItRead() throws {
        let (_, store) = try FictionalStores.sparseStore()
        #expect(try store.changesSinceLatestRun() == nil)
        let run = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        #expect(try Self.recorded(store) == store.datasets().map(DatasetFingerprint.init))
        #expect(try Self.recorded(store).map(\.layer) == ["communes", "households"])
        let changes = try #require(try store.changesSinceLatestRun())
        #expect(changes.runID == run.runID && changes.isCurrent && changes.summary == nil)
    }

    @Test func importsAndReplacementsSinceTheRunAreChanges() throws {
        let (_, store) = try FictionalStores.sparseStore()
        _ = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        try Self.importFile(store, "synthetic_routes.geojson", .routes)
        let routes = try #require(try store.datasets().last)
        var changes = try #require(try store.changesSinceLatestRun())
        #expect(changes.added == [routes] && changes.removed.isEmpty)
        #expect(
            try #require(changes.summary).contains("1 dataset imported since (\(routes.rowCount) features: routes"))
        // The next run reads the routes: current again, and only the latest run's inputs are kept.
        _ = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        #expect(try #require(try store.changesSinceLatestRun()).isCurrent)
        #expect(try Self.recorded(store).count == 3)
        // Replacing the routes (here with the same file, imported after the nodes: a new dataset id)
        // removes the dataset the run read.
        try Self.importFile(store, "synthetic_nodes.geojson", .nodes)
        try Self.importFile(store, "synthetic_routes.geojson", .routes, replace: true)
        changes = try #require(try store.changesSinceLatestRun())
        #expect(changes.added.map(\.layer) == ["nodes", "routes"])
        #expect(changes.removed.map(\.id) == [routes.id] && changes.removed.first?.rowCount == routes.rowCount)
        #expect(try #require(changes.summary).contains("1 dataset it read removed since"))
    }

    @Test func aRunStoredBeforeInputsWereRecordedIsReportedAsSuch() throws {
        let (_, store) = try FictionalStores.sparseStore()
        _ = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        try Connection(path: store.path, mode: .readWrite).execute("DELETE FROM coverage_run_inputs")
        let changes = try #require(try store.changesSinceLatestRun())
        #expect(!changes.inputsRecorded && !changes.isCurrent)
        #expect(try #require(changes.summary).contains("stored before runs recorded their inputs"))
    }
}
