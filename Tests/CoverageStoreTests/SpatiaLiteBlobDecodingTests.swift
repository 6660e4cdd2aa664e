import CoverageFormats
import CoverageModel
import CoverageTestSupport
import SpatialSQL
import Testing

@testable import CoverageStore

/// The Swift decoder of SpatiaLite BLOBs against SpatiaLite's own WKB (`AsBinary`) of the same BLOB.
@Suite struct SpatiaLiteBlobDecodingTests {
    /// The BLOB SpatiaLite makes of `sql` (an expression over `?1`, the WKT) and its `AsBinary` WKB.
    func blobAndWKB(_ db: Connection, _ expression: String, _ wkt: String) throws -> ([UInt8], [UInt8]?) {
        let blob = try db.scalar("SELECT \(expression)", [wkt])
        let wkb = try db.scalar("SELECT AsBinary(\(expression))", [wkt])
        guard case .blob(let b) = blob else { throw DecodingTestError.noBlob(wkt) }
        if case .blob(let w) = wkb { return (b, w) }
        return (b, nil)
    }

    enum DecodingTestError: Error { case noBlob(String) }

    @Test(arguments: [
        "POINT(105.1 21.2)",
        "LINESTRING(105 21, 105.5 21.25, 106.0000001 21.9999999)",
        "POLYGON((105 21, 106 21, 106 22, 105 22, 105 21))",
        "POLYGON((105 21, 106 21, 106 22, 105 22, 105 21), (105.2 21.2, 105.2 21.4, 105.4 21.4, 105.2 21.2))",
        "MULTIPOINT((105 21), (105.123456789012 21.987654321098))",
        "MULTILINESTRING((105 21, 106 22), (107 23, 107.5 23.5, 108 23))",
        "MULTIPOLYGON(((105 21, 106 21, 106 22, 105 21)), ((107 21, 108 21, 108 22, 107 21), (107.5 21.2, 107.8 21.3, 107.6 21.4, 107.5 21.2)))",
    ])
    func decodesTheStoredKindsExactlyAsAsBinary(wkt: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let (blob, wkb) = try blobAndWKB(store.db, "GeomFromText(?1, 4326)", wkt)
        let direct = try #require(blob.withUnsafeBytes { SpatiaLiteBlob.decode($0) })
        #expect(direct == (try WKB.decode(try #require(wkb))))
    }

    @Test(arguments: [
        ("CompressGeometry(GeomFromText(?1, 4326))", "LINESTRING(105 21, 105.5 21.25, 106 21.9)"),
        ("CompressGeometry(GeomFromText(?1, 4326))", "POLYGON((105 21, 106 21, 106 22, 105 22, 105 21))"),
        ("GeomFromText(?1, 4326)", "POINT Z(105 21 7)"),
        ("GeomFromText(?1, 4326)", "LINESTRING M(105 21 1, 106 22 2)"),
        ("GeomFromText(?1, 4326)", "GEOMETRYCOLLECTION(POINT(105 21), LINESTRING(105 21, 106 22))"),
    ])
    func leavesOtherKindsToSpatiaLite(expression: String, wkt: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let (blob, _) = try blobAndWKB(store.db, expression, wkt)
        #expect(blob.withUnsafeBytes { SpatiaLiteBlob.decode($0) } == nil)
        // Truncated or altered BLOBs are never decoded here either.
        #expect(Array(blob.dropLast()).withUnsafeBytes { SpatiaLiteBlob.decode($0) } == nil)
    }

    @Test func malformedBlobsOfStoredKindsAreLeftToSpatiaLite() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let (blob, _) = try blobAndWKB(
            store.db, "GeomFromText(?1, 4326)", "MULTIPOLYGON(((105 21, 106 21, 106 22, 105 21)))")
        #expect(blob.withUnsafeBytes { SpatiaLiteBlob.decode($0) } != nil)
        for cut in [1, 8, 17, blob.count - 45] {
            var shorter = Array(blob.dropLast(cut + 1))
            shorter.append(0xFE)
            #expect(shorter.withUnsafeBytes { SpatiaLiteBlob.decode($0) } == nil, "cut \(cut)")
        }
        var wrongMarker = blob
        wrongMarker[47] = 0x00  // the entity marker after the class and the polygon count
        #expect(wrongMarker.withUnsafeBytes { SpatiaLiteBlob.decode($0) } == nil)
        var bigEndian = blob
        bigEndian[1] = 0x00
        #expect(bigEndian.withUnsafeBytes { SpatiaLiteBlob.decode($0) } == nil)
    }

    @Test func everyLayerOfTheDemoStoreReadsAsThroughAsBinary() throws {
        let (_, store) = try FictionalStores.demoStore()
        func viaWKB(_ sql: String) throws -> [Geometry?] {
            try store.db.rows(sql) { r in try r.withBlob(0) { $0.isEmpty ? nil : try WKB.decode($0) } }
        }
        let areas = try store.coverageAreas()
        #expect(!areas.isEmpty)
        #expect(
            areas.map { Optional($0.geometry) } == (try viaWKB("SELECT AsBinary(geom) FROM coverage_areas ORDER BY id"))
        )
        let units = try store.adminUnits()
        #expect(
            units.map { Optional($0.geometry) }
                == (try viaWKB("SELECT AsBinary(geom) FROM admin_units ORDER BY vintage, code")))
        let routes = try store.routes()
        #expect(!routes.isEmpty)
        #expect(routes.map { Optional($0.geometry) } == (try viaWKB("SELECT AsBinary(geom) FROM routes ORDER BY id")))
        let hamlets = try store.hamlets()
        #expect(hamlets.map(\.area) == (try viaWKB("SELECT AsBinary(area) FROM hamlets ORDER BY code")))
    }
}
