import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Figures known only per pre-2025 commune roll up to the 2025 communes through the real crosswalk.
@Suite struct CensusRollupTests {
    @Test func oldCommuneFiguresRollUpThroughTheCrosswalk() throws {
        let dir = try FixtureDirectory()
        let store = try dir.storeWithRealCommunes()
        let x = try store.importFile(
            TestPaths.refdata.appendingPathComponent("tn_commune_mapping_pre2025_to_2025.csv").path,
            options: ImportOptions(layer: .crosswalk))
        #expect(x.rows == 283)
        // 01840 Đức Xuân = old 01834 + 01840 + 01846 (full merges).
        var stats = ImportOptions(layer: .statistics)
        stats.vintage = "pre2025"
        _ = try store.importFile(
            try dir.write("census.csv", "code,households,persons\n01834,100,350\n01840,200,700\n01846,300,1000\n"),
            options: stats)
        _ = try store.importFile(
            try dir.write("hh.csv", "id,lon,lat\nA,105.8442,21.5942\n"), options: ImportOptions(layer: .households))
        var p = CoverageParameters()
        p.computeAreas = false
        let result = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        let ducXuan = try #require(result.units.first { $0.code == "01840" })
        #expect(ducXuan.census?.households == 600)
        #expect(ducXuan.census?.persons == 2050)
        #expect(ducXuan.census?.method == "crosswalk from pre2025")
        #expect(result.province.census?.households == 600)
        // Units without any old figure get none.
        #expect(result.units.first { $0.code == "05443" }?.census == nil)
    }

    @Test func splitOldCommunesShareTheirFiguresEqually() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        _ = try store.importFile(
            try dir.write(
                "c.geojson",
                GeoJSONText.collection([
                    GeoJSONText.feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"N1"}"#),
                    GeoJSONText.feature(GeoJSONText.square(105.1, 21.0, 0.1), #"{"code":"N2"}"#),
                ])), options: ImportOptions(layer: .communes))
        _ = try store.importFile(
            try dir.write("x.csv", "old_code,new_code\nO1,N1\nO1,N2\nO2,N2\n"),
            options: ImportOptions(layer: .crosswalk))
        var stats = ImportOptions(layer: .statistics)
        stats.vintage = "pre2025"
        _ = try store.importFile(try dir.write("s.csv", "code,households\nO1,90\nO2,10\n"), options: stats)
        _ = try store.importFile(
            try dir.write("h.csv", "id,lon,lat\nA,105.05,21.05\n"), options: ImportOptions(layer: .households))
        var p = CoverageParameters()
        p.computeAreas = false
        let r = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        #expect(r.units.first { $0.code == "N1" }?.census?.households == 45)
        #expect(r.units.first { $0.code == "N2" }?.census?.households == 55)
    }
}
