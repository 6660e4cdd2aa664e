import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Shapefiles written by GDAL (an independent writer) in VN-2000 / UTM 48N, imported back to WGS 84.
@Suite struct ShapefileImportTests {
    @Test func vn2000ShapefileIsDetectedReprojectedAndKeepsVietnameseNames() throws {
        let ogr2ogr = try #require(
            ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let dir = try FixtureDirectory()
        let source = TestPaths.refdata.appendingPathComponent("tn_bk_districts_pre2025.geojson").path
        let shp = dir.path("districts.shp")
        let made = try ProcessRunner.run(
            ogr2ogr, ["-f", "ESRI Shapefile", "-t_srs", "EPSG:3405", "-lco", "ENCODING=UTF-8", shp, source])
        #expect(made.status == 0, "\(made.stderr)")
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        options.adminLevel = .district
        options.vintage = "pre2025"
        // GDAL shortens DBF field names to 10 characters.
        options.codeField = "district_c"
        options.nameField = "district_n"
        options.parentField = "province_c"
        let result = try store.importFile(shp, options: options)
        #expect(result.format == "ESRI Shapefile")
        #expect(result.sourceSRID == 3405)
        #expect(result.rows == 17)
        // Provenance covers the .dbf too: a changed attribute table is a different dataset.
        let before = result.sha256
        let dbf = dir.path("districts.dbf")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dbf)))
        bytes[bytes.count - 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: dbf))
        let changed = try #require(
            try? { () throws -> String in
                var again = options
                again.vintage = "pre2025-again"
                return try store.importFile(shp, options: again).sha256
            }())
        #expect(changed != before)
        let units = try store.adminUnits(vintage: "pre2025", level: .district)
        #expect(units.contains { $0.code == "164" && $0.name == "Thành phố Thái Nguyên" && $0.parentCode == "19" })
        // SOURCE.md: the union of the 17 districts is 8,389.1 km² (geodesic).
        let db = try Connection(path: store.path, mode: .readOnly)
        let km2 = try #require(
            try db.scalar("SELECT sum(ST_Area(geom, 1)) / 1e6 FROM admin_units WHERE vintage = 'pre2025'").double)
        #expect(abs(km2 - 8389.1) / 8389.1 < 0.001, "\(km2) km²")
        // Round trip through VN-2000 moves vertices by less than a millimetre: compare with the GeoJSON.
        var direct = ImportOptions(layer: .communes)
        direct.adminLevel = .district
        direct.vintage = "direct"
        direct.codeField = "district_code"
        _ = try store.importFile(source, options: direct)
        let moved = try #require(
            try db.scalar(
                """
                SELECT max(ST_HausdorffDistance(a.geom, b.geom)) FROM admin_units a JOIN admin_units b
                  ON a.code = b.code AND a.vintage = 'pre2025' AND b.vintage = 'direct'
                """
            ).double)
        #expect(moved < 1e-7, "max Hausdorff distance \(moved)°")
    }
}
