import CoverageTestSupport
import Foundation
import Testing

/// `coverage` and the result exports say on stderr when layers were imported since the stored run;
/// their outputs stay as they were, and GDAL still reads the store with the new table.
@Suite("Changes since the stored coverage run")
struct RunInputsCLITests {
    @Test func coverageAndExportNameTheDatasetsImportedSinceTheRun() throws {
        let dir = try FixtureDirectory("run-inputs-cli")
        let db = dir.path("store.sqlite")
        let geo = FictionalStores.geoData
        func covaudit(_ arguments: [String]) throws -> ProcessResult {
            let r = try CovauditBinary.run(arguments + ["--db", db])
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            return r
        }
        _ = try covaudit(["init"])
        for (layer, file) in [("communes", "synthetic_communes.geojson"), ("households", "synthetic_households.csv")] {
            _ = try covaudit(["import", layer, geo.appendingPathComponent(file).path, "-q"])
        }
        let first = try covaudit(["coverage", "-f", "csv"])
        #expect(!first.stderr.contains("stored coverage run"), "\(first.stderr)")
        let current = try covaudit(["export", "unit_coverage"])
        #expect(!current.stderr.contains("warning"), "\(current.stderr)")

        let routes = geo.appendingPathComponent("synthetic_routes.geojson").path
        _ = try covaudit(["import", "routes", routes, "-q"])
        let stale = try covaudit(["export", "unit_coverage"])
        #expect(stale.stdout == current.stdout)
        #expect(stale.stderr.contains("covaudit: warning: the stored coverage run (id "), "\(stale.stderr)")
        #expect(stale.stderr.contains("1 dataset imported since ("), "\(stale.stderr)")
        #expect(stale.stderr.contains("routes synthetic_routes.geojson)"), "\(stale.stderr)")
        #expect(stale.stderr.contains("run covaudit coverage again"), "\(stale.stderr)")
        #expect(!(try covaudit(["export", "unit_coverage", "-q"])).stderr.contains("warning"))

        let second = try covaudit(["coverage", "-f", "csv"])
        #expect(
            second.stderr.contains(
                "coverage: fibre routes counted by this run were imported since run 1; computing every location"),
            "\(second.stderr)")
        #expect(!(try covaudit(["export", "unit_coverage"])).stderr.contains("warning"))
        #expect(!(try covaudit(["coverage", "-f", "csv"])).stderr.contains("stored coverage run"))

        let tool = try #require(ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required")
        let info = try ProcessRunner.run(
            tool,
            ["-ro", "-so", "-oo", "LIST_ALL_TABLES=YES", db, "coverage_run_inputs", "households", "coverage_run_state"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Layer name: coverage_run_inputs") && info.stdout.contains("Feature Count: 3"))
        // The what-if state: a plain table of named BLOBs.
        #expect(info.stdout.contains("Layer name: coverage_run_state") && info.stdout.contains("data: Binary"))
    }
}
