import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// The SpatiaLite BLOBs built in Swift for the polygon and line layers against what SpatiaLite's own
/// `GeomFromWKB` makes of the same geometry's WKB.
@Suite struct SpatiaLiteBlobEncodingTests {
    /// A ring around (x, y): a square of side `size`, closed, counter-clockwise.
    static func square(_ x: Double, _ y: Double, _ size: Double) -> Ring {
        [
            Coordinate(x, y), Coordinate(x + size, y), Coordinate(x + size, y + size), Coordinate(x, y + size),
            Coordinate(x, y),
        ]
    }

    /// Every kind, with holes, several members, one-member collections, negative and unrounded ordinates.
    static let geometries: [Geometry] = [
        .point(Coordinate(105.8, 21.5)),
        .point(Coordinate(-0.0, -33.123456789012345)),
        .lineString([Coordinate(105.8, 21.5), Coordinate(105.8, 21.6), Coordinate(105.7123456, 21.61)]),
        .multiPoint([Coordinate(1, 2), Coordinate(-3, 4.5)]),
        .lineString([Coordinate(0.0, 1), Coordinate(-0.0, -0.0), Coordinate(1, 0.0), Coordinate(-0.0, 2)]),
        .multiLineString([[Coordinate(105.8, 21.5), Coordinate(105.9, 21.5)]]),
        .multiLineString([
            [Coordinate(105.8, 21.5), Coordinate(105.9, 21.5)],
            [Coordinate(-105.1, -21.5), Coordinate(-105.2, -21.4), Coordinate(-105.3, -21.7)],
        ]),
        .polygon(Polygon(closedRings: [square(105.8, 21.5, 0.1)])),
        .polygon(Polygon(closedRings: [square(105.8, 21.5, 0.1), square(105.82, 21.52, 0.02)])),
        .multiPolygon([Polygon(closedRings: [square(105.8, 21.5, 0.1)])]),
        .multiPolygon([
            Polygon(closedRings: [square(105.8, 21.5, 0.1), square(105.82, 21.52, 0.02), square(105.85, 21.55, 0.01)]),
            Polygon(closedRings: [square(106.0000001, 21.4999999, 0.0537)]),
        ]),
    ]

    @Test(arguments: geometries)
    func blobIsWhatGeomFromWKBMakes(_ geometry: Geometry) throws {
        let db = try Connection(path: ":memory:", mode: .create)
        let expected = try db.scalar("SELECT hex(GeomFromWKB(?, 4326))", [SQLValue.blob(WKB.encode(geometry))]).text
        let built = try db.scalar("SELECT hex(?)", [SQLValue.blob(SpatiaLiteBlob.encode(geometry))]).text
        #expect(built != nil && built == expected)
    }
}

/// Polygon and line imports write their BLOBs themselves and fill the R*Tree after the rows: the rows,
/// lengths and index entries are those the SQL constructors and SpatiaLite's triggers made.
@Suite struct PolygonImportFastPathTests {
    static let triggers = """
        SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master
        WHERE type = 'trigger' AND tbl_name IN ('admin_units', 'coverage_areas', 'routes') ORDER BY name)
        """

    /// Mixed Polygon and MultiPolygon features with holes, properties given or not, and a bow-tie.
    static func coverageFile(offset: Double = 0) -> String {
        let bowTie = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}"#
        var features: [String] = []
        for i in 0..<130 {
            let x = 105.2 + Double(i % 13) * 0.07 + offset
            let y = 21.1 + Double(i / 13) * 0.05
            let geometry =
                i % 3 == 0
                ? #"{"type":"MultiPolygon","coordinates":[[[[\#(x),\#(y)],[\#(x + 0.03),\#(y)],[\#(x + 0.03),\#(y + 0.03)],[\#(x),\#(y)]]],[[[\#(x + 0.04),\#(y)],[\#(x + 0.06),\#(y)],[\#(x + 0.06),\#(y + 0.02)],[\#(x + 0.04),\#(y + 0.02)],[\#(x + 0.04),\#(y)]],[[\#(x + 0.045),\#(y + 0.005)],[\#(x + 0.045),\#(y + 0.01)],[\#(x + 0.05),\#(y + 0.01)],[\#(x + 0.045),\#(y + 0.005)]]]]}"#
                : GeoJSONText.square(x, y, 0.0123456789 + Double(i) * 1e-7)
            let properties =
                i % 4 == 0
                ? #"{"id":"c\#(i)","technology":"5G","confidence":0.75,"site_id":"s\#(i)","note":[1,{"a":null}]}"#
                : #"{"technology":"4G"}"#
            features.append(GeoJSONText.feature(geometry, properties))
        }
        features.append(GeoJSONText.feature(bowTie, #"{"technology":"4G","id":"bow"}"#))
        return GeoJSONText.collection(features)
    }

    /// Every row's BLOB equals `GeomFromWKB` of its own WKB; the R*Tree equals the one SpatiaLite
    /// rebuilds row by row, and SpatiaLite's check accepts it.
    static func expectStoredAsSQLWouldStore(_ store: Store, table: String, rows: Int) throws {
        let mismatched = try store.db.scalar(
            "SELECT count(*) FROM \(table) WHERE geom IS NOT GeomFromWKB(AsBinary(geom), 4326)"
        ).int
        #expect(mismatched == 0)
        #expect(try store.db.scalar("SELECT count(*) FROM \(table)").int == Int64(rows))
        #expect(try store.db.scalar("SELECT CheckSpatialIndex('\(table)', 'geom')").int == 1)
        let entries =
            "SELECT group_concat(e, ';') FROM (SELECT pkid || ',' || xmin || ',' || xmax || ',' || ymin "
            + "|| ',' || ymax AS e FROM idx_\(table)_geom ORDER BY pkid)"
        let bulk = try store.db.scalar(entries).text
        #expect(try store.db.scalar("SELECT RecoverSpatialIndex('\(table)', 'geom')").int == 1)
        #expect(try store.db.scalar(entries).text == bulk)
        #expect(try store.db.scalar("SELECT count(*) FROM idx_\(table)_geom").int == Int64(rows))
    }

    @Test func coverageRowsAndIndexAreWhatSQLMakes() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let fresh = try store.db.scalar(Self.triggers).text
        var options = ImportOptions(layer: .coverage)
        options.operatorName = "Viettel"
        options.makeValid = true
        let first = try store.importFile(try dir.write("a.geojson", Self.coverageFile()), options: options)
        #expect(first.rows == 131 && first.repairedGeometries == 1)
        // A second file appends to a filled index (row-by-row insert of the new entries).
        let second = try store.importFile(try dir.write("b.geojson", Self.coverageFile(offset: 0.01)), options: options)
        #expect(second.rows == 131)
        #expect(try store.db.scalar(Self.triggers).text == fresh)
        let props = try store.db.rows(
            "SELECT ext_id, technology, quote(confidence), quote(site_id), GeometryType(geom) FROM coverage_areas WHERE id IN (1, 2, 131)"
        ) { r in (0..<5).map { String(describing: r.value($0)) }.joined(separator: "|") }
        #expect(props.count == 3)
        #expect(props[0].contains("c0") && props[0].contains("5G") && props[0].contains("0.75"))
        #expect(props[1].contains("feature-1") && props[1].contains("4G") && props[1].contains("NULL"))
        #expect(props.allSatisfy { $0.contains("MULTIPOLYGON") })
        try Self.expectStoredAsSQLWouldStore(store, table: "coverage_areas", rows: 262)
    }

    @Test func communesAndRoutesAreWhatSQLMakes() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let communes = GeoJSONText.collection(
            (0..<70).map { i in
                GeoJSONText.feature(
                    GeoJSONText.square(105 + Double(i) * 0.01, 21, 0.01), #"{"code":"\#(i)","name":"Xã \#(i)"}"#)
            })
        _ = try store.importFile(try dir.write("c.geojson", communes), options: ImportOptions(layer: .communes))
        try Self.expectStoredAsSQLWouldStore(store, table: "admin_units", rows: 70)
        let routes = GeoJSONText.collection(
            (0..<70).map { i in
                let x = 105 + Double(i) * 0.013
                return i % 2 == 0
                    ? GeoJSONText.feature(
                        #"{"type":"LineString","coordinates":[[\#(x),21.5],[\#(x + 0.01),21.51],[\#(x + 0.0234567),21.49]]}"#,
                        #"{"id":"r\#(i)"}"#)
                    : GeoJSONText.feature(
                        #"{"type":"MultiLineString","coordinates":[[[\#(x),21.5],[\#(x),21.6]],[[\#(x),21.7],[\#(x + 0.1),21.7]]]}"#,
                        #"{"id":"r\#(i)","medium":"microwave"}"#)
            })
        _ = try store.importFile(try dir.write("r.geojson", routes), options: ImportOptions(layer: .routes))
        try Self.expectStoredAsSQLWouldStore(store, table: "routes", rows: 70)
        // The geodesic length is SpatiaLite's, to the last bit.
        let differing = try store.db.scalar(
            "SELECT count(*) FROM routes WHERE length_m IS NOT ST_Length(GeomFromWKB(AsBinary(geom), 4326), 1)"
        ).int
        #expect(differing == 0)
        #expect(try store.db.scalar(Self.triggers).text?.contains("gii_routes_geom") == true)
    }

    /// An invalid polygon is refused with GEOS's own reason, at its feature, and the failed import
    /// leaves the triggers (and everything else) as they were.
    @Test func invalidPolygonIsRefusedWithGEOSReason() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let before = try StoreSnapshot.take(store.path)
        let fresh = try store.db.scalar(Self.triggers).text
        var options = ImportOptions(layer: .coverage)
        options.operatorName = "Viettel"
        let reason = try store.db.scalar(
            "SELECT ST_IsValidReason(GeomFromText('POLYGON((105 21, 105.1 21.1, 105.1 21, 105 21.1, 105 21))', 4326))"
        ).text
        do {
            _ = try store.importFile(try dir.write("bad.geojson", Self.coverageFile()), options: options)
            Issue.record("imported a bow-tie")
        } catch let error as ImportError {
            #expect(error.location == .feature(130))
            #expect(error.reason == "invalid geometry: \(reason ?? "?") (GEOS); use --make-valid to repair")
        }
        #expect(try store.db.scalar(Self.triggers).text == fresh)
        #expect(try StoreSnapshot.take(store.path) == before)
    }
}

/// The import skips GEOS for rings proved simple in Swift: every ring so proved must be one GEOS
/// accepts, over random rings with many touching, collinear and crossing cases.
@Suite struct ProvedSimpleRingTests {
    /// Random rings: star-shaped around a centre (simple unless vertices collide), random walks
    /// (often crossing), and both snapped to a coarse grid (collinear and touching vertices).
    static func rings(count: Int, seed: UInt64) -> [Ring] {
        var random = SplitMix64(seed)
        var out: [Ring] = []
        for k in 0..<count {
            let n = 3 + Int(random.next() % 40)
            let snap = k % 3 == 0 ? 0.25 : 0
            var points: [Coordinate] = []
            for i in 0..<n {
                let u = Double(random.next() % 1_000_000) / 1_000_000
                let v = Double(random.next() % 1_000_000) / 1_000_000
                var c: Coordinate
                if k % 2 == 0 {
                    let angle = 2 * Double.pi * (Double(i) + 0.9 * u) / Double(n)
                    c = Coordinate(105 + (0.2 + v) * cos(angle), 21 + (0.2 + v) * sin(angle))
                } else {
                    c = Coordinate(105 + 2 * u, 21 + 2 * v)
                }
                if snap > 0 { c = Coordinate((c.x / snap).rounded() * snap, (c.y / snap).rounded() * snap) }
                points.append(c)
            }
            out.append(points + [points[0]])
        }
        return out
    }

    @Test func everyProvedRingIsValidForGEOS() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        let check = try db.prepare("SELECT ST_IsValid(GeomFromWKB(?, 4326))")
        var proved = 0
        var refusedByGEOS = 0
        for ring in Self.rings(count: 3000, seed: 18) where ring.count >= 4 {
            let g = Geometry.polygon(Polygon(closedRings: [ring]))
            try check.bind([SQLValue.blob(WKB.encode(g))])
            _ = try check.step()
            let valid = check.row.int(0) == 1
            check.reset()
            if g.isProvedSimpleShell {
                proved += 1
                #expect(valid, "proved simple but GEOS refuses: \(ring)")
            }
            if !valid { refusedByGEOS += 1 }
        }
        // Both kinds occur in quantity: the proof is exercised and so is the fallback.
        #expect(proved > 500)
        #expect(refusedByGEOS > 500)
    }
}
