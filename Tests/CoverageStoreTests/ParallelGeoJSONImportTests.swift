import CoverageFormats
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Coverage imports of a FeatureCollection large enough to be parsed in several chunks on worker
/// threads: rows in file order, and a broken feature anywhere fails as the sequential reader says,
/// leaving the store unchanged.
@Suite struct ParallelGeoJSONImportTests {
    /// Features in the file: about 1.5 MB, three chunks of the 512 KiB the importer cuts.
    static let count = 8000

    /// The lower-left longitude of square `i` (exact in decimal and binary to the digits printed).
    static func x(_ i: Int) -> Double { 105 + Double(i % 512) / 1024 }

    /// Feature `i`: a small square with an id, or `replacement` at index `broken`.
    static func file(broken: Int? = nil, replacement: String = "") -> String {
        GeoJSONText.collection(
            (0..<count).map { i in
                if i == broken { return replacement }
                return GeoJSONText.feature(
                    GeoJSONText.square(x(i), 21 + Double(i / 512) / 64, 1.0 / 2048),
                    #"{"id":"c\#(i)","technology":"4G"}"#)
            })
    }

    private func options() -> ImportOptions {
        var options = ImportOptions(layer: .coverage)
        options.operatorName = "Viettel"
        return options
    }

    @Test func rowsLandInFileOrder() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let path = try dir.write("cov.geojson", Self.file())
        #expect(try GeoJSONReader(path: path, parallel: true).parallelChunkCount >= 3)
        let result = try store.importFile(path, options: options())
        #expect(result.rows == Self.count)
        let rows = try store.db.rows("SELECT ext_id, MbrMinX(geom) FROM coverage_areas ORDER BY id", []) {
            "\($0.text(0) ?? "NULL") \($0.double(1))"
        }
        #expect(rows == (0..<Self.count).map { "c\($0) \(Self.x($0))" })
    }

    /// Broken features: a parse error (found on a worker, reported by the sequential parse) or an
    /// invalid polygon (found by GEOS on the importer's thread), early, between chunks and late.
    static let broken: [(index: Int, text: String)] = [
        (5, #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[1,2],[3,4]]}}"#),
        (4100, #"{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Point","coordinates":[NaN,2]}}"#),
        (2900, #"{"type":"Feature","properties":{} "geometry":null}"#),
        (3500, #""not a feature""#),
        (
            7990,
            #"{"type":"Feature","properties":{"technology":"4G"},"geometry":{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}}"#
        ),
        (6000, GeoJSONText.feature(GeoJSONText.square(105, 21, 0.01), #"{"technology":"6G"}"#)),
    ]

    @Test(arguments: 0..<broken.count)
    func aBrokenFeatureFailsAsTheSequentialReadSaysAndLeavesTheStore(_ n: Int) throws {
        let (index, text) = Self.broken[n]
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let path = try dir.write("cov.geojson", Self.file(broken: index, replacement: text))
        let before = try StoreSnapshot.take(store.path)
        // The sequential reader's own error, if the file does not parse.
        var parseError: FormatError?
        do { try GeoJSONReader(path: path).forEachFeature { _ in } } catch let e as FormatError { parseError = e }
        do {
            _ = try store.importFile(path, options: options())
            Issue.record("imported a file with a broken feature \(index)")
        } catch let error as ImportError {
            if let parseError {
                #expect(error == parseError)
            } else {
                #expect(error.location == .feature(index), "\(error)")
                #expect(
                    error.reason.contains("Self-intersection") || error.reason.contains("technology '6G'"),
                    "\(error)")
            }
        }
        #expect(try StoreSnapshot.take(store.path) == before)
    }
}
