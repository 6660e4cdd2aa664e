import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// `covaudit demo` end to end: the README's first command, on the real communes of Thái Nguyên.
@Suite struct DemoPipelineTests {
    /// The files of the committed demo report (Reports/demo), all written by the command.
    static let reportFiles = [
        "report.html", "report.md", "communes.csv", "operators.csv", "coverage.json", "communes.geojson",
        "gap_clusters.geojson", "gap_areas.geojson", "routes.geojson", "evidence.csv", "challenge_candidates.geojson",
        "report.gpkg", "manifest.json",
    ]

    @Test func demoRunsOnTheRealProvinceAndReproducesTheCommittedReport() throws {
        let dir = try FixtureDirectory("demo")
        let out = dir.path("demo-out")
        let data = TestPaths.refdata.path
        let result = try CovauditBinary.run(["demo", "--out", out, "--data", data, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5g-launched"))
        #expect(result.stdout.contains("does not hold"))
        let store = try Store.open(at: "\(out)/demo.sqlite", readOnly: true)
        let info = try store.inventory()
        #expect(info.counts["communes"] == 93)  // 92 communes and the province
        #expect(info.households == 442_071)
        #expect(
            info.syntheticLayers == [
                "hamlets", "households", "institutions", "routes", "nodes", "sites", "coverage", "measurements",
                "speed-tiles",
            ])
        #expect(!info.datasets.contains { $0.fileName == "tn_communes_2025.geojson" && $0.isSynthetic })

        // Every commune holds its census households (the analysis' point-in-polygon against the census
        // rolled up through the crosswalk: two computations independent of the generator's); an old
        // commune split between k new ones gives each 1/k, so two communes get a half household,
        // which the generator rounds.
        let coverage = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(out)/coverage.json")))
        let units = try #require(
            ((coverage as? [String: Any])?["coverage"] as? [String: Any])?["units"] as? [[String: Any]])
        #expect(units.count == 92)
        for u in units {
            let census = try #require(u["census"] as? [String: Any])
            let located = try #require(u["households"] as? Double),
                rolledUp = try #require(census["households"] as? Double)
            #expect(abs(located - rolledUp) <= 0.5, "\(u["code"] ?? "?")")
        }

        // Each operator's area share per generation against GEOS on a sample of the real communes.
        #expect(
            try DemoOperatorAreasGEOS.check(store: "\(out)/demo.sqlite", coverageJSON: "\(out)/coverage.json") < 5e-6)

        // Labelled synthetic in the report header, the manifest and the GeoJSON properties.
        let md = try String(contentsOfFile: "\(out)/report.md", encoding: .utf8)
        #expect(md.contains("Synthetic data"))
        #expect(md.contains("Thái Nguyên"))
        #expect(md.contains("## Measured evidence"))  // the demo imports measurements and speed tiles
        let manifest = try String(contentsOfFile: "\(out)/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"synthetic_layers\""))
        #expect(manifest.contains("\"generated_at\" : \"2025-12-31T00:00:00Z\""))
        #expect(!manifest.contains(dir.url.path), "an absolute path in the manifest")
        for file in ["communes.geojson", "gap_clusters.geojson", "routes.geojson"] {
            #expect(
                try String(contentsOfFile: "\(out)/\(file)", encoding: .utf8).contains(
                    "\"synthetic_inputs\":\"hamlets,"))
        }

        // The committed demo report is what the command writes, byte for byte; the manifest differs
        // only in the command's paths (this run writes elsewhere).
        let committed = TestPaths.repositoryRoot.appendingPathComponent("Reports/demo")
        for file in Self.reportFiles where file != "manifest.json" {
            let same =
                try Data(contentsOf: committed.appendingPathComponent(file))
                == Data(contentsOf: URL(fileURLWithPath: "\(out)/\(file)"))
            #expect(same, "\(file) differs from the committed Reports/demo/\(file): run covaudit demo and commit it")
        }
        func withoutCommand(_ text: String) -> String {
            text.replacingOccurrences(of: #""command" : \[[^\]]*\]"#, with: "", options: .regularExpression)
        }
        #expect(
            withoutCommand(manifest)
                == withoutCommand(
                    try String(contentsOf: committed.appendingPathComponent("manifest.json"), encoding: .utf8)))
    }

    @Test func demoWithoutItsDataFailsClearly() throws {
        let dir = try FixtureDirectory("demo-missing")
        let result = try CovauditBinary.run(["demo", "--out", dir.path("o"), "--data", dir.path("nothing"), "-q"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("tn_communes_2025.geojson"))
    }
}
