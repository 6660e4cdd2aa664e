import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Integration on real data: the 92 communes of Thái Nguyên (2025 boundaries) from GeoData/thai-nguyen.
@Suite struct RealCommunesTests {
    @Test func importsThe92CommunesWithTheirGeodesicArea() throws {
        let file = TestPaths.refdata.appendingPathComponent("tn_communes_2025.geojson").path
        let dir = try FixtureDirectory()
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        options.nameField = "full_name"
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 92)
        #expect(result.sourceSRID == 4326)
        let units = try store.adminUnits(vintage: "2025", level: .commune)
        #expect(units.count == 92)
        #expect(Set(units.map(\.code)).count == 92)
        #expect(units.contains { $0.code == "05443" && $0.name == "Phường Phan Đình Phùng" })
        // Independent check: GEOS/GeographicLib geodesic area through SpatiaLite SQL.
        let db = try Connection(path: store.path, mode: .readOnly)
        let km2 = try #require(try db.scalar("SELECT sum(ST_Area(geom, 1)) / 1e6 FROM admin_units").double)
        #expect(abs(km2 - 8374.4) / 8374.4 < 0.001, "total geodesic area \(km2) km²")
        // The city-centre point falls in 05443 (SOURCE.md).
        let code = try db.scalar(
            "SELECT code FROM admin_units WHERE ST_Contains(geom, MakePoint(105.8442, 21.5942, 4326))"
        ).text
        #expect(code == "05443")
        let info = try store.inventory()
        let extent = try #require(info.extent)
        #expect(abs(extent[0] - 105.430832) < 1e-4 && abs(extent[3] - 22.741266) < 1e-4)
    }

    @Test func storeOpensInGDAL() throws {
        let ogrinfo = try #require(
            ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required: run Scripts/setup.sh")
        let dir = try FixtureDirectory()
        let store = try dir.storeWithRealCommunes()
        let nodes = try dir.write(
            "n.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(#"{"type":"Point","coordinates":[105.84,21.59]}"#, #"{"id":"N1"}"#)
            ]))
        _ = try store.importFile(nodes, options: ImportOptions(layer: .nodes))
        let out = try ProcessRunner.run(ogrinfo, ["-so", "-al", "-q", "-ro", store.path])
        #expect(out.status == 0, "\(out.stderr)")
        for layer in [
            "admin_units", "hamlets", "households", "institutions", "routes", "nodes", "sites", "coverage_areas",
        ] {
            #expect(out.stdout.contains("Layer name: \(layer)"), "\(layer) missing from ogrinfo")
        }
        let list = try ProcessRunner.run(ogrinfo, ["-ro", "-q", store.path])
        #expect(list.stdout.contains("admin_units (Multi Polygon)"))
        #expect(list.stdout.contains("routes (Multi Line String)"))
        let count = try ProcessRunner.run(ogrinfo, ["-ro", "-so", store.path, "admin_units"])
        #expect(count.stdout.contains("Feature Count: 92"))
        let nodeCount = try ProcessRunner.run(ogrinfo, ["-ro", "-so", store.path, "nodes"])
        #expect(nodeCount.stdout.contains("Feature Count: 1"))
    }
}
