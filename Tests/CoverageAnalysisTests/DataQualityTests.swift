import CoverageAnalysis
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// `covaudit check` on real and hand-made data; expected numbers from GeoData/thai-nguyen/SOURCE.md.
@Suite struct DataQualityTests {
    @Test func realCommunesHaveTheDocumentedOverlapsAndHoles() throws {
        let dir = try FixtureDirectory()
        let store = try dir.storeWithRealCommunes()
        let report = try DataQuality(store: store).run()
        let overlaps = try #require(report.checks.first { $0.id == "admin-overlaps" })
        // SOURCE.md: 4 pairs overlap, 0.0063 km² in all; two of them are above the 100 m² tolerance.
        #expect(overlaps.count == 2)
        #expect(overlaps.examples.contains { $0.contains("05665") && $0.contains("05674") })
        let gaps = try #require(report.checks.first { $0.id == "admin-gaps" })
        // SOURCE.md: the union is one polygon with 5 holes.
        #expect(gaps.examples == ["5 hole(s) inside the union of communes"])
        #expect(report.errors == 0)
    }

    @Test func findsInvalidOrphanAndDuplicateFeatures() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        _ = try store.importFile(
            try dir.write(
                "c.geojson",
                GeoJSONText.collection([
                    GeoJSONText.feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"A"}"#),
                    GeoJSONText.feature(GeoJSONText.square(105.05, 21.0, 0.1), #"{"code":"B"}"#),
                ])), options: ImportOptions(layer: .communes))
        var allow = ImportOptions(layer: .sites)
        allow.technology = .g4
        _ = try store.importFile(
            try dir.write(
                "s.geojson",
                GeoJSONText.collection([
                    GeoJSONText.feature(#"{"type":"Point","coordinates":[105.02,21.02]}"#, #"{"id":"s1"}"#),
                    GeoJSONText.feature(#"{"type":"Point","coordinates":[106.5,21.5]}"#, #"{"id":"s2"}"#),
                ])), options: allow)
        var cov = ImportOptions(layer: .coverage)
        cov.technology = .g4
        cov.makeValid = false
        _ = try store.importFile(
            try dir.write(
                "cov.geojson",
                GeoJSONText.collection([
                    GeoJSONText.feature(GeoJSONText.square(105.0, 21.0, 0.01), #"{"id":"c1"}"#),
                    GeoJSONText.feature(GeoJSONText.square(105.0, 21.0, 0.02), #"{"id":"c1"}"#),
                ])), options: cov)
        let report = try DataQuality(store: store).run()
        func count(_ id: String) -> Int { report.checks.first { $0.id == id }?.count ?? -1 }
        #expect(count("admin-overlaps") == 1)
        #expect(count("sites-outside") == 1)
        #expect(report.checks.first { $0.id == "sites-outside" }?.examples.first?.contains("s2") == true)
        #expect(count("duplicate-ids") == 1)
        #expect(count("invalid-geometry") == 0)
    }
}
