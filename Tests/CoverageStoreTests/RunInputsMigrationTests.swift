import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Schema version 6 adds `coverage_run_inputs`; a run stored before it keeps its results and is
/// reported as having no recorded inputs.
@Suite struct RunInputsMigrationTests {
    @Test func aVersion5RunMigratesWithoutRecordedInputs() throws {
        let path = try MigrationTests.store(atVersion: 5) { db in
            try db.execute(
                "INSERT INTO datasets VALUES (1, 'communes', 'c.geojson', 'x', 0, '2026-01-01T00:00:00Z', NULL, 'geojson', '')"
            )
            try db.execute("INSERT INTO coverage_runs VALUES (4, '2026-01-02T00:00:00Z', 'v', '{}')")
        }
        #expect(throws: StoreError.self) { try Store.open(at: path, readOnly: true) }
        let store = try Store.open(at: path)
        #expect(try store.db.scalar("PRAGMA user_version").int == Int64(Migrations.current))
        #expect(try store.db.scalar("SELECT count(*) FROM coverage_run_inputs").int == 0)
        let changes = try #require(try store.changesSinceLatestRun())
        #expect(changes.runID == 4 && changes.runCreatedAt == "2026-01-02T00:00:00Z")
        #expect(!changes.inputsRecorded && !changes.isCurrent)
    }

    @Test func theSinkStoresTheRunsInputsAndReplacesThePreviousOnes() throws {
        let dir = try FixtureDirectory("run-inputs-sink")
        let store = try dir.store()
        let csv = try dir.write("hh.csv", "id,lon,lat\nA,105.85,21.55\n")
        _ = try store.importFile(csv, options: ImportOptions(layer: .households))
        let inputs = try store.datasets().map(DatasetFingerprint.init)
        for _ in 0..<2 {
            let run = StoredRun(
                parametersJSON: "{}", toolVersion: "test", gapMeasure: "4g", unitRows: [], gapClusters: [],
                gapAreas: [], inputs: inputs)
            _ = try store.resultsSink().finish(run, rows: nil, unitCodes: [], hamletCodes: [])
        }
        let stored = try store.db.rows("SELECT run_id, dataset_id, layer, sha256, row_count FROM coverage_run_inputs") {
            "\($0.int(0))|\($0.int(1))|\($0.text(2) ?? "")|\($0.text(3) ?? "")|\($0.int(4))"
        }
        let run = try #require(try store.latestRunID())
        #expect(stored == inputs.map { "\(run)|\($0.id)|\($0.layer)|\($0.sha256)|\($0.rowCount)" })
        #expect(try store.changesSinceLatestRun()?.isCurrent == true)
    }
}
