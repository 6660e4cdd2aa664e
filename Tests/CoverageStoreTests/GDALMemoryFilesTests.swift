import CoverageFormats
import CoverageTestSupport
import Foundation
import GDALVector
import Testing

/// `VectorFile(memoryFiles:)`: datasets opened from bytes in GDAL's /vsimem/ (what Scripts/fuzz.sh --gdal drives).
@Suite("GDAL in-memory files")
struct GDALMemoryFilesTests {
    /// A dataset written by ogr2ogr with `driver`, read back as the files named `names` (the first is opened).
    struct Case: Sendable, CustomTestStringConvertible {
        var driver: String
        var names: [String]
        /// GDAL's FID of the first feature.
        var firstFID: Int64 = 0
        var testDescription: String { driver }
    }

    static let cases = [
        Case(driver: "GeoJSONSeq", names: ["p.geojsons"]),
        Case(driver: "FlatGeobuf", names: ["p.fgb"]),
        Case(driver: "GPKG", names: ["p.gpkg"], firstFID: 1),
        Case(driver: "ESRI Shapefile", names: ["p.shp", "p.shx", "p.dbf"]),
    ]

    @Test(arguments: cases)
    func readsTheFeaturesWithTheirFIDs(_ c: Case) throws {
        let dir = try FixtureDirectory()
        let source = try dir.write(
            "p.geojson",
            GeoJSONText.collection(
                (0..<3).map {
                    GeoJSONText.feature(#"{"type":"Point","coordinates":[105.\#($0),21]}"#, #"{"n":\#($0)}"#)
                }
            ))
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let made = try ProcessRunner.run(tool, ["-f", c.driver, dir.path(c.names[0]), source, "-nln", "p"])
        try #require(made.status == 0, "\(made.stderr)")
        let files = try c.names.map { ($0, try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.path($0))))) }
        let file = try VectorFile(memoryFiles: files, drivers: [c.driver])
        #expect(file.driver == c.driver)
        var read: [Feature] = []
        try file.layer(named: nil).forEachFeature(transform: nil) { read.append($0) }
        #expect(read.map(\.index) == [0, 1, 2])
        #expect(read.map(\.fid) == (0..<3).map { c.firstFID + $0 })
        // FlatGeobuf stores features in spatial-index order: compare the values, not their order.
        #expect(Set(read.compactMap { $0.properties["n"] }) == Set(["0", "1", "2"].map { .integer($0) }))
    }

    @Test func garbageIsRefusedWithGDALsReason() throws {
        let error = try #require(throws: FormatError.self) {
            try VectorFile(memoryFiles: [("bad.fgb", Array("not a FlatGeobuf".utf8))], drivers: ["FlatGeobuf"])
        }
        #expect(error.description.hasPrefix("bad.fgb: GDAL cannot open it as a vector dataset"), "\(error)")
    }

    @Test func aNameWithAFolderIsRefused() throws {
        let error = try #require(throws: FormatError.self) {
            try VectorFile(memoryFiles: [("../x.fgb", [])], drivers: ["FlatGeobuf"])
        }
        #expect(error.reason == "is not a plain file name")
    }
}
