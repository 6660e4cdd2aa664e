import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// The real communes written by ogr2ogr in every vector format GDAL reads, imported by detection.
@Suite("GDAL vector formats")
struct GDALFormatsTests {
    static let source = TestPaths.refdata.appendingPathComponent("tn_communes_2025.geojson").path

    /// One format: GDAL driver to write with, file name, the driver that reads it (recorded as the format).
    struct Case: Sendable, CustomTestStringConvertible {
        var driver: String
        var file: String
        var reader: String
        var testDescription: String { file }
    }

    static let cases = [
        Case(driver: "ESRI Shapefile", file: "communes.shp", reader: "ESRI Shapefile"),
        Case(driver: "GPKG", file: "communes.gpkg", reader: "GPKG"),
        Case(driver: "SQLite", file: "communes.sqlite", reader: "SQLite"),
        Case(driver: "MapInfo File", file: "communes.tab", reader: "MapInfo File"),
        Case(driver: "MapInfo File", file: "communes.mif", reader: "MapInfo File"),
        Case(driver: "KML", file: "communes.kml", reader: "LIBKML"),
        Case(driver: "LIBKML", file: "communes.kmz", reader: "LIBKML"),
        Case(driver: "FlatGeobuf", file: "communes.fgb", reader: "FlatGeobuf"),
        Case(driver: "GML", file: "communes.gml", reader: "GML"),
        Case(driver: "OpenFileGDB", file: "communes.gdb", reader: "OpenFileGDB"),
    ]

    /// Runs ogr2ogr with `arguments`, requiring success.
    static func ogr2ogr(_ arguments: [String]) throws {
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let made = try ProcessRunner.run(tool, arguments)
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test(arguments: cases)
    func importsTheCommunesWithTheirNames(_ c: Case) throws {
        let dir = try FixtureDirectory()
        let path = dir.path(c.file)
        var args = ["-f", c.driver, path, Self.source, "-nln", "communes"]
        if c.driver == "ESRI Shapefile" { args += ["-lco", "ENCODING=UTF-8"] }
        if c.driver == "SQLite" { args += ["-dsco", "SPATIALITE=YES"] }
        try Self.ogr2ogr(args)
        let store = try dir.store()
        let result = try store.importFile(path, options: ImportOptions(layer: .communes))
        #expect(result.format == c.reader)
        #expect(result.rows == 92)
        #expect(result.sourceSRID == 4326)
        let names = Set(try store.adminUnits().map { $0.name.precomposedStringWithCanonicalMapping })
        #expect(names.contains("Đức Xuân"), "\(names.prefix(3))")
    }

    @Test func polygonZWithAWrongHeaderLengthIsRead() throws {
        // GDAL reads records through the .shx; a wrong file length in the .shp header does not matter.
        let dir = try FixtureDirectory()
        let shp = dir.path("z.shp")
        try Self.ogr2ogr(["-f", "ESRI Shapefile", "-dim", "XYZ", "-lco", "ENCODING=UTF-8", shp, Self.source])
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: shp)))
        #expect(bytes[32] == 15)  // PolygonZ
        let words = withUnsafeBytes(of: Int32(bytes.count / 2 + 1000).bigEndian) { Array($0) }
        bytes.replaceSubrange(24..<28, with: words)
        try Data(bytes).write(to: URL(fileURLWithPath: shp))
        let result = try dir.store().importFile(shp, options: ImportOptions(layer: .communes))
        #expect(result.rows == 92)
    }

    @Test func severalLayersNeedOneNamed() throws {
        let dir = try FixtureDirectory()
        let path = dir.path("two.gpkg")
        try Self.ogr2ogr(["-f", "GPKG", path, Self.source, "-nln", "xa"])
        try Self.ogr2ogr(["-update", path, Self.source, "-nln", "xa_2"])
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        let error = try #require(throws: ImportError.self) { try store.importFile(path, options: options) }
        #expect(error.reason.contains("has 2 layers (xa, xa_2); choose one with --layer NAME"))
        options.sourceLayer = "xa_2"
        #expect(try store.importFile(path, options: options).rows == 92)
    }

    @Test func gpxWaypointsAreReadFromTheNamedLayer() throws {
        let dir = try FixtureDirectory()
        let path = dir.path("poi.gpx")
        let poi = TestPaths.refdata.appendingPathComponent("tn_osm_poi_hotosm.geojson").path
        try Self.ogr2ogr([
            "-f", "GPX", path, poi, "-sql", "SELECT * FROM tn_osm_poi_hotosm LIMIT 50", "-dsco",
            "GPX_USE_EXTENSIONS=YES",
        ])
        let store = try dir.store()
        var options = ImportOptions(layer: .institutions)
        options.institutionKind = .school
        let error = try #require(throws: ImportError.self) { try store.importFile(path, options: options) }
        #expect(error.reason.contains("has 5 layers (waypoints, routes, tracks, route_points, track_points)"))
        options.sourceLayer = "waypoints"
        let result = try store.importFile(path, options: options)
        #expect(result.format == "GPX")
        #expect(result.rows == 50)
    }

    @Test func aProjectedFileWithoutCRSNamesTheZonesThatFit() throws {
        let dir = try FixtureDirectory()
        let shp = try GDALAccuracyTests.writeShapefile(epsg: 9213, encoding: "UTF-8", in: dir)
        try FileManager.default.removeItem(atPath: dir.path("communes_9213.prj"))
        let error = try #require(throws: ImportError.self) {
            try dir.store().importFile(shp, options: ImportOptions(layer: .communes))
        }
        #expect(error.reason.contains("the file declares no CRS"))
        #expect(error.reason.contains("EPSG:9213 (VN-2000 / TM-3 106-30)"), "\(error.reason)")
        #expect(!error.reason.contains("EPSG:9218"), "\(error.reason)")
    }
}
