import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Ookla open-data tiles: quadkeys checked, the polygon from the quadkey (checked against a given
/// `tile`), fixed or mobile from the option or the file name.
@Suite struct SpeedTileImportTests {
    static let header = "quadkey,tile,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices"
    /// Zoom-16 tiles in Thai Nguyen, from points by the model's own function (the polygon is checked
    /// independently below, against closed-form Web Mercator corners).
    static let a = Quadkey(containing: Coordinate(105.8, 21.6), zoom: 16)!
    static let b = Quadkey(containing: Coordinate(105.81, 21.6), zoom: 16)!

    /// The WKT of a quadkey's tile, with every corner shifted by `shift` degrees.
    static func wkt(_ q: Quadkey, shift: Double = 0) -> String {
        let bb = q.bounds
        let corners = [
            (bb.minX, bb.minY), (bb.maxX, bb.minY), (bb.maxX, bb.maxY), (bb.minX, bb.maxY), (bb.minX, bb.minY),
        ]
        return "\"POLYGON((" + corners.map { "\($0.0 + shift) \($0.1 + shift)" }.joined(separator: ", ") + "))\""
    }

    func importTiles(
        _ lines: [String], name: String = "2025-10-01_performance_mobile_tiles.csv", kind: SpeedTileKind? = nil,
        header: String = Self.header
    )
        throws -> (Store, ImportResult)
    {
        let dir = try FixtureDirectory()
        let file = try dir.write(name, ([header] + lines).joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .speedTiles)
        options.tileKind = kind
        return (store, try store.importFile(file, options: options))
    }

    @Test func tilesImportWithTheirCountsKindAndPeriod() throws {
        let (store, result) = try importTiles([
            "\(Self.a),\(Self.wkt(Self.a)),25000,5000,30,12,5", "\(Self.b),,1000.5,200,45,1,1",
        ])
        #expect(result.rows == 2 && result.exclusions == [])
        let tiles = try store.readSnapshot().speedTiles()
        #expect(tiles.map(\.quadkey) == [Self.a, Self.b].sorted())
        let first = try #require(tiles.first { $0.quadkey == Self.a })
        #expect(first.kind == .mobile && first.period == "2025-10-01")
        #expect(first.averageDownloadKbps == 25000 && first.averageUploadKbps == 5000 && first.averageLatencyMs == 30)
        #expect(first.tests == 12 && first.devices == 5)
        // The stored polygon equals the closed-form tile corners (Web Mercator, zoom 16), by SpatiaLite.
        let (x, y) = Self.b.tile
        let n = 65536.0
        func lat(_ row: Double) -> Double { atan(sinh(.pi * (1 - 2 * row / n))) * 180 / .pi }
        let box = try store.db.rows(
            "SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM speed_tiles WHERE quadkey = ?",
            [Self.b.digits]
        ) { [$0.double(0), $0.double(1), $0.double(2), $0.double(3)] }[0]
        let expected = [Double(x) / n * 360 - 180, lat(Double(y + 1)), Double(x + 1) / n * 360 - 180, lat(Double(y))]
        for (got, want) in zip(box, expected) { #expect(abs(got - want) < 1e-12) }
    }

    /// The README of Ookla's open data names the geometry `tiles` in its Parquet section.
    @Test func theTilesSpellingOfTheGeometryIsRead() throws {
        let header = Self.header.replacingOccurrences(of: ",tile,", with: ",tiles,")
        #expect(header != Self.header)
        let (_, result) = try importTiles(
            ["\(Self.a),\(Self.wkt(Self.a, shift: 2e-6)),25000,5000,30,12,5", "\(Self.b),,1,1,1,1,1"], header: header)
        // Read as the geometry: a polygon off its quadkey is refused, which an ignored column would not be.
        #expect(result.exclusions?.map(\.reason) == [.tilePolygonMismatch])
    }

    @Test(arguments: [(5e-7, true), (2e-6, false)])
    func theTilePolygonIsCheckedAgainstTheQuadkey(_ c: (shift: Double, accepted: Bool)) throws {
        let (_, result) = try importTiles([
            "\(Self.a),\(Self.wkt(Self.a, shift: c.shift)),25000,5000,30,12,5", "\(Self.b),,1,1,1,1,1",
        ])
        #expect(result.rows == (c.accepted ? 2 : 1))
        #expect(result.exclusions?.map(\.reason) == (c.accepted ? [] : [.tilePolygonMismatch]))
    }

    /// Bad tiles and their reasons.
    static let badTiles: [(String, ExclusionReason)] = [
        ("132210110211112,,1,1,1,1,1", .badQuadkey),
        ("13221011021111220,,1,1,1,1,1", .badQuadkey),
        ("1322101102111124,,1,1,1,1,1", .badQuadkey),
        (",,1,1,1,1,1", .badQuadkey),
        ("\(b),,1,1,1,0,0", .testsBelowOne),
        ("\(b),,-1,1,1,3,1", .negativeSpeed),
        ("\(b),,10000001,1,1,3,1", .speedAbove10Gbps),
        ("\(b),,1,1,-2,3,1", .negativeLatency),
        ("\(b),,1,1,1,2.5,1", .unreadableValue),
        ("\(b),not wkt,1,1,1,2,1", .unreadableValue),
        ("\(b),\(wkt(a)),1,1,1,2,1", .tilePolygonMismatch),
    ]

    @Test(arguments: badTiles)
    func aBadTileIsExcludedAndCounted(_ bad: (row: String, reason: ExclusionReason)) throws {
        let (store, result) = try importTiles(["\(Self.a),,25000,5000,30,12,5", bad.row])
        #expect(result.rows == 1)
        #expect(result.exclusions?.map(\.reason) == [bad.reason])
        #expect(result.exclusions?.first?.examples.first?.location == "line 3")
        #expect(
            try store.db.scalar("SELECT count(*) FROM dataset_exclusions WHERE reason = ?", [bad.reason.rawValue]).int
                == 1)
    }

    @Test func theKindComesFromTheOptionOrTheNameAndIsRefusedWhenNeitherSays() throws {
        let row = "\(Self.a),,25000,5000,30,12,5"
        #expect(try importTiles([row], name: "fixed_tiles.csv").0.readSnapshot().speedTiles().first?.kind == .fixed)
        #expect(
            try importTiles([row], name: "tiles.csv", kind: .fixed).0.readSnapshot().speedTiles(kind: .fixed).count == 1
        )
        #expect(
            try importTiles([row], name: "mobile.csv", kind: .fixed).0.readSnapshot().speedTiles(kind: .mobile).isEmpty)
        for name in ["tiles.csv", "fixed_and_mobile.csv"] {
            do {
                _ = try importTiles([row], name: name)
                Issue.record("imported \(name) without a kind")
            } catch {
                #expect("\(error)".contains("--tile-kind"), "\(error)")
            }
        }
    }

    @Test func aDuplicateQuadkeyIsRefused() throws {
        #expect(throws: ImportError.self) {
            try importTiles(["\(Self.a),,25000,5000,30,12,5", "\(Self.a),,1,1,1,1,1"])
        }
    }

    @Test func tilesAsPublishedInGeoJSONShapefileAndGeoPackage() throws {
        let dir = try FixtureDirectory()
        func feature(_ q: Quadkey, _ tests: Int) -> String {
            let bb = q.bounds
            let ring = [
                (bb.minX, bb.minY), (bb.maxX, bb.minY), (bb.maxX, bb.maxY), (bb.minX, bb.maxY), (bb.minX, bb.minY),
            ]
            .map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[\(ring)]]},
                 "properties":{"quadkey":"\(q)","avg_d_kbps":25000,"avg_u_kbps":5000,"avg_lat_ms":30,"tests":\(tests),"devices":2}}
                """
        }
        let geojson = try dir.write(
            "2025-10-01_performance_fixed_tiles.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[\(feature(Self.a, 4)),\(feature(Self.b, 0))]}")
        for (driver, name) in [("ESRI Shapefile", "fixed_tiles.shp"), ("GPKG", "fixed_tiles.gpkg")] {
            try GDALFormatsTests.ogr2ogr(["-f", driver, dir.path(name), geojson])
        }
        for name in ["2025-10-01_performance_fixed_tiles.geojson", "fixed_tiles.shp", "fixed_tiles.gpkg"] {
            let store = try dir.store("\(name).sqlite")
            let result = try store.importFile(dir.path(name), options: ImportOptions(layer: .speedTiles))
            #expect(result.rows == 1, "\(name)")
            #expect(result.exclusions?.map(\.reason) == [.testsBelowOne], "\(name)")
            let tile = try #require(try store.readSnapshot().speedTiles().first)
            #expect(tile.quadkey == Self.a && tile.kind == .fixed && tile.tests == 4 && tile.devices == 2, "\(name)")
        }
    }
}
