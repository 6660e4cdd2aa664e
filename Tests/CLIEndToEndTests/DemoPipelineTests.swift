import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// `covaudit demo` end to end: the README's main job on the bundled GeoData.
@Suite struct DemoPipelineTests {
    @Test func demoBuildsTheStoreRunsTheAuditAndWritesTheReport() throws {
        let dir = try FixtureDirectory("demo")
        let out = dir.path("demo-out")
        let data = TestPaths.repositoryRoot.appendingPathComponent("GeoData").path
        let result = try CovauditBinary.run(["demo", "--out", out, "--data", data, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        // The audit table is printed and the demo claims have known verdicts.
        #expect(result.stdout.contains("5g-launched"))
        #expect(result.stdout.contains("does not hold"))
        for file in [
            "report.html", "report.md", "communes.csv", "coverage.json", "communes.geojson", "gap_clusters.geojson",
            "gap_areas.geojson", "routes.geojson", "manifest.json", "demo.sqlite",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        let store = try Store.open(at: "\(out)/demo.sqlite", readOnly: true)
        let info = try store.inventory()
        #expect(info.counts["communes"] == 13)
        #expect(info.households == 4_000)
        // The committed report is what the command writes (only the manifest's timestamp differs).
        let committed = TestPaths.repositoryRoot.appendingPathComponent("Reports/demo/report.md").path
        #expect(
            try String(contentsOfFile: committed, encoding: .utf8)
                == String(contentsOfFile: "\(out)/report.md", encoding: .utf8))
    }

    @Test func demoWithoutItsDataFailsClearly() throws {
        let dir = try FixtureDirectory("demo-missing")
        let result = try CovauditBinary.run(["demo", "--out", dir.path("o"), "--data", dir.path("nothing"), "-q"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("synthetic_communes.geojson"))
    }
}
