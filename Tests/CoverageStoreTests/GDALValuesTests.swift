import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// What GDAL reads is kept exactly: integers above 2^53, and the driver's name in the provenance.
@Suite("GDAL values and provenance")
struct GDALValuesTests {
    /// Two households whose ids differ only beyond a double's 53 bits (`ext_id`: ogr2ogr makes a GeoJSON
    /// `id` property the GeoPackage's FID).
    static let bigIDs = ["9007199254740993", "9007199254740992"]

    /// A file written by ogr2ogr: its name, the source (GeoJSON, or CSV typed by a .csvt) and options.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var file: String
        var source: String
        var options: [String] = []
        var testDescription: String { label }
    }

    static let cases = [
        Case(label: "Shapefile, Integer64 field", file: "h.shp", source: "h.geojson"),
        Case(label: "GeoPackage, INTEGER column", file: "h.gpkg", source: "h.geojson"),
        // A CSV column typed Integer64(20) becomes a DBF N(20,0), which GDAL reads as Real by default.
        Case(
            label: "Shapefile, N(20,0) field", file: "h.shp", source: "h.csv",
            options: ["-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y"]),
    ]

    /// Writes both sources; returns the folder.
    static func sources() throws -> FixtureDirectory {
        let dir = try FixtureDirectory()
        try dir.write(
            "h.geojson",
            GeoJSONText.collection(
                bigIDs.enumerated().map { i, id in
                    GeoJSONText.feature(#"{"type":"Point","coordinates":[105.\#(i),21]}"#, #"{"ext_id":\#(id)}"#)
                }))
        try dir.write("h.csv", "ext_id,x,y\n" + bigIDs.enumerated().map { "\($1),105.\($0),21\n" }.joined())
        try dir.write("h.csvt", "Integer64(20),Real,Real\n")
        return dir
    }

    /// Runs ogr2ogr, requiring success.
    static func ogr2ogr(_ arguments: [String]) throws {
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let made = try ProcessRunner.run(tool, arguments)
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test(arguments: cases)
    func idsAbove2To53StayDistinct(_ c: Case) throws {
        let dir = try Self.sources()
        let path = dir.path(c.file)
        try Self.ogr2ogr(c.options + [path, dir.path(c.source), "-nln", "h"])
        let store = try dir.store()
        let result = try store.importFile(path, options: ImportOptions(layer: .households))
        #expect(result.rows == 2)
        let db = try Connection(path: store.path, mode: .readOnly)
        let ids = try db.rows("SELECT ext_id FROM households ORDER BY id") { $0.text(0) ?? "" }
        #expect(ids == Self.bigIDs)
    }

    /// A format and the driver name recorded for it.
    struct DriverCase: Sendable, CustomTestStringConvertible {
        var file: String
        var driver: String
        var format: InputFormat?
        var testDescription: String { "\(file) \(format.map { "--input-format \($0.rawValue)" } ?? "detected")" }
    }

    static let drivers = [
        DriverCase(file: "h.gpkg", driver: "GPKG", format: .gdal),
        DriverCase(file: "h.gpkg", driver: "GPKG", format: nil),
        DriverCase(file: "h.shp", driver: "ESRI Shapefile", format: nil),
        DriverCase(file: "h.fgb", driver: "FlatGeobuf", format: .gdal),
        DriverCase(file: "h.geojsons", driver: "GeoJSONSeq", format: .geojsonseq),
    ]

    @Test(arguments: drivers)
    func theDatasetRecordsTheDriverName(_ p: DriverCase) throws {
        let dir = try Self.sources()
        let path = dir.path(p.file)
        try Self.ogr2ogr(["-f", p.driver, path, dir.path("h.geojson"), "-nln", "h"])
        let store = try dir.store()
        var options = ImportOptions(layer: .households)
        options.format = p.format
        let result = try store.importFile(path, options: options)
        #expect(result.format == p.driver)
        #expect(try store.datasets().map(\.format) == [p.driver])
    }
}
