import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// A problem found after GDAL read a feature names the layer, the 0-based position and GDAL's FID
/// (from 0 in a Shapefile, from 1 in a GeoPackage), in files written by ogr2ogr.
@Suite("GDAL feature ids in messages")
struct GDALFeatureIDTests {
    /// One problem in the third commune, and what the message says about it after the location.
    struct Case: Sendable, CustomTestStringConvertible {
        var problem: String
        var third: String
        var reason: String
        var file: String
        /// GDAL's FID of the third feature.
        var fid: Int
        var testDescription: String { "\(problem) in \(file)" }
    }

    static let problems: [(problem: String, third: String, reason: String)] = [
        ("missing code", GeoJSONText.feature(GeoJSONText.square(105.2, 21, 0.1), #"{"name":"C"}"#), ": no code"),
        (
            "invalid geometry",
            GeoJSONText.feature(
                #"{"type":"Polygon","coordinates":[[[105.2,21],[105.3,21.1],[105.3,21],[105.2,21.1],[105.2,21]]]}"#,
                #"{"code":"C","name":"C"}"#), ": invalid geometry"
        ),
        (
            "duplicate id", GeoJSONText.feature(GeoJSONText.square(105.2, 21, 0.1), #"{"code":"A","name":"C"}"#),
            ": duplicate id 'A' in this file"
        ),
        (
            "outside the extent", GeoJSONText.feature(GeoJSONText.square(50, 21, 0.1), #"{"code":"C","name":"C"}"#),
            " at lon 50"
        ),
    ]

    static let cases: [Case] = problems.flatMap { p in
        [("communes.shp", 2), ("communes.gpkg", 3)].map {
            Case(problem: p.problem, third: p.third, reason: p.reason, file: $0.0, fid: $0.1)
        }
    }

    @Test(arguments: cases)
    func theMessageNamesTheLayerThePositionAndTheFID(_ c: Case) throws {
        let dir = try FixtureDirectory()
        let source = try dir.write(
            "source.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(GeoJSONText.square(105, 21, 0.1), #"{"code":"A","name":"A"}"#),
                GeoJSONText.feature(GeoJSONText.square(105.1, 21, 0.1), #"{"code":"B","name":"B"}"#),
                c.third,
            ]))
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let path = dir.path(c.file)
        let made = try ProcessRunner.run(tool, [path, source, "-nln", "communes"])
        try #require(made.status == 0, "\(made.stderr)")
        let store = try dir.store()
        let error = try #require(throws: ImportError.self) {
            try store.importFile(path, options: ImportOptions(layer: .communes))
        }
        let location = "layer communes: feature 2 (FID \(c.fid))"
        #expect(error.file.hasSuffix("/\(c.file)"), "\(error)")
        #expect(error.description.contains(location + c.reason), "\(error)")
        #expect(try store.adminUnits().isEmpty)
    }
}
