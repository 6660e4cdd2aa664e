import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// RFC 7946 rings as written (issue 13): orientation measured on the written coordinates, slivers dropped.
@Suite("GeoJSON writer rings")
struct GeoJSONWriterRingTests {
    /// A counter-clockwise triangle of 2.4e-15 deg² whose vertices, snapped to 7 decimals, turn clockwise.
    static let flippingSliver: Ring = [
        Coordinate(105.50000022, 21.50000029), Coordinate(105.50000017, 21.50000035),
        Coordinate(105.50000038, 21.5), Coordinate(105.50000022, 21.50000029),
    ]
    /// A thin strip of 1e-12 deg² (about 0.01 m²), as left between two clipped coverage areas.
    static let strip: Ring = [
        Coordinate(105.6, 21.6), Coordinate(105.61, 21.6), Coordinate(105.61, 21.6000000002), Coordinate(105.6, 21.6),
    ]

    private static func square(_ x: Double, _ y: Double, _ size: Double) -> Ring {
        [
            Coordinate(x, y), Coordinate(x + size, y), Coordinate(x + size, y + size), Coordinate(x, y + size),
            Coordinate(x, y),
        ]
    }

    /// Writes one feature per geometry to a file and returns its path and parsed features.
    private func write(_ geometries: [Geometry]) throws -> (String, [[String: Any]]) {
        let dir = try FixtureDirectory("rings")
        let path = dir.path("rings.geojson")
        let writer = try GeoJSONWriter(path: path)
        for g in geometries { try writer.writeFeature(geometry: g, properties: []) }
        try writer.finish()
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return (path, try #require((doc as? [String: Any])?["features"] as? [[String: Any]]))
    }

    @Test(
        "slivers are dropped and every written ring has the RFC 7946 orientation",
        arguments: [flippingSliver, strip, Array(flippingSliver.reversed()), Array(strip.reversed())])
    func sliversDropped(_ sliver: Ring) throws {
        let big = Self.square(105.0, 21.0, 0.1)
        let (path, features) = try write([
            .polygon(Polygon(closedRings: [sliver])),
            .polygon(Polygon(closedRings: [big, sliver])),
            .multiPolygon([Polygon(closedRings: [Self.square(106, 21, 0.01)]), Polygon(closedRings: [sliver])]),
        ])
        #expect(try GeoJSONCheck.violations(ofFile: path) == [])
        #expect(features[0]["geometry"] is NSNull)
        let polygon = try #require((features[1]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
        #expect(polygon.count == 1)
        let multi = try #require((features[2]["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])
        #expect(multi.count == 1)
    }

    @Test("a small real hole above the limit is kept, clockwise")
    func smallHoleKept() throws {
        // 3e-5 degrees on a side: 9e-10 deg², about 11 m².
        let hole = Self.square(105.05, 21.05, 3e-5)
        let (path, features) = try write([.polygon(Polygon(closedRings: [Self.square(105, 21, 0.1), hole]))])
        #expect(try GeoJSONCheck.violations(ofFile: path) == [])
        let rings = try #require((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
        #expect(rings.count == 2)
        #expect(RingOrientation.signedDoubleArea(rings[1].map { Coordinate($0[0], $0[1]) }) < 0)
    }
}
