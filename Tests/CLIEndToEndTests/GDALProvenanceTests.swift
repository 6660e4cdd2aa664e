import CoverageTestSupport
import Foundation
import Testing

/// `covaudit info` shows the GDAL driver that read a file as the dataset's format.
@Suite("GDAL driver in the provenance")
struct GDALProvenanceTests {
    @Test func infoShowsTheDriverNameOfAFileImportedWithFormatGDAL() throws {
        let f = try E2EFixture()
        let gpkg = try f.geoPackageOfOnePoint()
        let imported = try CovauditBinary.run(f.importArgs("households", gpkg, ["--input-format", "gdal"]))
        try #require(imported.status == 0, "\(imported.stderr)")
        let info = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        let datasets = try #require(object?["datasets"] as? [[String: Any]], "\(info.stdout)")
        #expect(datasets.last?["file_name"] as? String == "h.gpkg", "\(datasets)")
        #expect(datasets.last?["format"] as? String == "GPKG", "\(datasets)")
        let table = try CovauditBinary.run(["info", "--db", f.store])
        #expect(table.stdout.contains("GPKG"), "\(table.stdout)")
    }
}
