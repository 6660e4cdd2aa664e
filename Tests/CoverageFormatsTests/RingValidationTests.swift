import CoverageFormats
import CoverageModel
import Testing

/// The readers build polygons with `Polygon(validating:label:)`: a ring that is not a ring is
/// reported by the reader, at the feature, with the message imports have always given.
@Suite struct RingValidationTests {
    @Test(
        "GeoJSON rings that are not rings",
        arguments: [
            (
                #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
                "exterior ring of Polygon is not closed (first point ≠ last point)"
            ),
            (
                #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
                "exterior ring of Polygon has 3 points; a closed ring needs at least 4"
            ),
            (#"{"type":"Polygon","coordinates":[]}"#, "empty geometry"),
            (
                #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1]]]]}"#,
                "exterior ring of polygon 1 has 3 points; a closed ring needs at least 4"
            ),
        ])
    func geoJSON(geometry: String, message: String) {
        let json =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":"#
            + geometry + "}]}"
        let error = geoJSONError(Array(json.utf8))
        #expect(error == FormatError(file: "bad.geojson", location: .feature(0), reason: message))
    }

    @Test func wkbRingsThatAreNotRingsAreRefusedWithTheSameMessage() throws {
        let open = Geometry.polygon(Polygon(closedRings: [[.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1)]]))
        #expect(throws: PolygonError("exterior ring of Polygon is not closed (first point ≠ last point)")) {
            try WKB.decode(WKB.encode(open))
        }
        let closed = Geometry.polygon(
            Polygon(closedRings: [[.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1), .init(0, 0)]]))
        #expect(try WKB.decode(WKB.encode(closed)) == closed)
    }
}
