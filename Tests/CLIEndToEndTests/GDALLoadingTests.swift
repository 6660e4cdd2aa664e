import CoverageTestSupport
import Foundation
import Testing

/// GDAL is opened when a command first needs it (D49): without it, GDAL formats fail with the
/// loader's reason and leave the store as it was, and everything else still works.
@Suite("GDAL opened on first use")
struct GDALLoadingTests {
    /// `covaudit ARGUMENTS` with `COVAUDIT_GDAL_LIBRARY` set to `library`.
    private func run(library: String, _ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(
            "/usr/bin/env", ["COVAUDIT_GDAL_LIBRARY=\(library)", try CovauditBinary.path()] + arguments)
    }

    @Test(
        "a GDAL that cannot be used is named in the error, and the store is unchanged",
        arguments: [
            ("/nonexistent/libgdal.so.99", "/nonexistent/libgdal.so.99: cannot open shared object file"),
            // A library that loads but is not GDAL: the first function looked up is missing.
            ("libsqlite3.so.0", "the GDAL library has no function CPLErrorReset"),
        ])
    func unusableGDAL(library: String, reason: String) throws {
        let f = try E2EFixture()
        let gpkg = try f.geoPackageOfOnePoint()
        let before = try f.open().datasets().count
        let result = try run(library: library, f.importArgs("households", gpkg))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("GDAL is not available: \(reason)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(try f.open().datasets().count == before)
    }

    @Test func commandsThatReadNoGDALFormatRunWithoutGDAL() throws {
        let f = try E2EFixture()
        let source = try f.write(
            "more.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(#"{"type":"Point","coordinates":[105.05,21.05]}"#, #"{"ext_id":"N1"}"#)
            ]))
        let before = try f.open().datasets().count
        let imported = try run(library: "/nonexistent/libgdal.so.99", f.importArgs("households", source))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try f.open().datasets().count == before + 1)
        let coverage = try run(
            library: "/nonexistent/libgdal.so.99", ["coverage", "--db", f.store, "-f", "json", "-q"])
        #expect(coverage.status == 0, "\(coverage.stderr)")
        #expect(coverage.stdout.hasPrefix("{"), "\(coverage.stdout.prefix(200))")
    }

    @Test func aGDALFormatIsReadWhenGDALLoads() throws {
        let f = try E2EFixture()
        let gpkg = try f.geoPackageOfOnePoint()
        let imported = try CovauditBinary.run(f.importArgs("households", gpkg))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try f.open().datasets().last?.format == "GPKG")
    }
}
