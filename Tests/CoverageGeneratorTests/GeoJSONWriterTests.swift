import CoverageFormats
import CoverageModel
import Foundation
import Testing

@Suite("GeoJSON and CSV writers")
struct GeoJSONWriterTests {
    private func document(_ body: (GeoJSONWriter) throws -> Void) throws -> String {
        let sink = ByteSink()
        let writer = GeoJSONWriter(sink: sink, precision: 7, collectionMembers: [("name", "synthetic test")])
        try body(writer)
        try writer.finish()
        return sink.text
    }

    private func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("exterior rings are written counter-clockwise, holes clockwise, rings closed")
    func orientation() throws {
        let clockwiseSquare: Ring = [Coordinate(0, 0), Coordinate(0, 10), Coordinate(10, 10), Coordinate(10, 0)]
        let ccwHole: Ring = [Coordinate(2, 2), Coordinate(4, 2), Coordinate(4, 4), Coordinate(2, 4), Coordinate(2, 2)]
        let text = try document { w in
            try w.writeFeature(geometry: .polygon(Polygon(closedRings: [clockwiseSquare, ccwHole])), properties: [])
        }
        let doc = try parse(text)
        let features = try #require(doc["features"] as? [[String: Any]])
        let geometry = try #require(features.first?["geometry"] as? [String: Any])
        let rings = try #require(geometry["coordinates"] as? [[[Double]]])
        #expect(rings.count == 2)
        func ring(_ r: [[Double]]) -> Ring { r.map { Coordinate($0[0], $0[1]) } }
        #expect(RingOrientation.signedDoubleArea(ring(rings[0])) > 0)
        #expect(RingOrientation.signedDoubleArea(ring(rings[1])) < 0)
        #expect(rings[0].first == rings[0].last)
        #expect(rings[0].count == 5)
        #expect(doc["name"] as? String == "synthetic test")
        #expect(doc["crs"] == nil)
    }

    @Test("coordinates have exactly seven decimals, never negative zero")
    func decimals() throws {
        let text = try document { w in
            try w.writeFeature(
                geometry: .lineString([
                    Coordinate(105.9, 21.65), Coordinate(-0.00000001, -0.0), Coordinate(-1.23456785, 1e-12),
                    Coordinate(-179.99999999, 89.123456749),
                ]), properties: [])
        }
        #expect(
            text.contains(
                "[[105.9000000,21.6500000],[0.0000000,0.0000000],[-1.2345679,0.0000000],[-180.0000000,89.1234567]]"))
        #expect(!text.contains("-0.0000000"))
    }

    @Test("strings are escaped; Vietnamese text is kept as UTF-8; property order is kept")
    func escaping() throws {
        let tricky = "a\"b\\c\nd\te\u{01}f/ Xã Bản Tiến – Phường Hòa Lạc Mới"
        let text = try document { w in
            try w.writeFeature(
                geometry: .point(Coordinate(1, 2)),
                properties: [
                    ("z", .string(tricky)), ("a", .int(-3)), ("m", .number(0.5)), ("b", .bool(true)), ("n", .null),
                    ("f", .fixed(-0.0001, decimals: 2)), ("inf", .number(.infinity)),
                ], id: .string("x1"))
            try w.writeFeature(geometry: nil, properties: [])
        }
        #expect(
            text.contains(
                #""z":"a\"b\\c\nd\te\u0001f/ Xã Bản Tiến – Phường Hòa Lạc Mới","a":-3,"m":0.5,"b":true,"n":null,"f":0.00,"inf":null"#
            ))
        let doc = try parse(text)
        let features = try #require(doc["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let props = try #require(features[0]["properties"] as? [String: Any])
        #expect(props["z"] as? String == tricky)
        #expect(features[0]["id"] as? String == "x1")
        #expect(features[1]["geometry"] is NSNull)
        // One feature per line.
        #expect(text.split(separator: "\n").count == 4)
    }

    @Test("an empty collection is valid JSON")
    func empty() throws {
        let doc = try parse(try document { _ in })
        #expect((doc["features"] as? [Any])?.isEmpty == true)
    }

    @Test("multi geometries and shortest numbers")
    func multi() throws {
        let text = try document { w in
            try w.writeFeature(
                geometry: .multiPolygon([
                    Polygon(closedRings: [[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1)]]),
                    Polygon(closedRings: [[Coordinate(5, 5), Coordinate(5, 6), Coordinate(6, 6)]]),
                ]), properties: [("x", .number(3)), ("y", .number(-0.0))])
        }
        let doc = try parse(text)
        let features = try #require(doc["features"] as? [[String: Any]])
        let geometry = try #require(features.first?["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "MultiPolygon")
        let parts = try #require(geometry["coordinates"] as? [[[[Double]]]])
        for part in parts {
            #expect(RingOrientation.signedDoubleArea(part[0].map { Coordinate($0[0], $0[1]) }) > 0)
            #expect(part[0].count == 4)
        }
        #expect(text.contains(#""x":3,"y":0"#))
    }

    @Test("CSV fields are quoted only when needed")
    func csv() throws {
        let sink = ByteSink()
        let writer = CSVWriter(sink: sink, header: ["id", "name", "lon"])
        try writer.writeRow([.int(1), .string("Trường \"A\", số 1"), .fixed(105.12345678, decimals: 7)])
        try writer.writeRow([.int(2), .string("Xã Bản Tiến"), .null])
        try writer.finish()
        #expect(sink.text == "id,name,lon\n1,\"Trường \"\"A\"\", số 1\",105.1234568\n2,Xã Bản Tiến,\n")
        #expect(writer.rowCount == 2)
    }

    @Test("a writer on a file path produces the same bytes as in memory")
    func fileSink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gjw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.geojson").path
        let w = try GeoJSONWriter(path: path, collectionMembers: [("name", "synthetic x")])
        for i in 0..<5_000 {
            try w.writeFeature(geometry: .point(Coordinate(Double(i) * 1e-3, 1)), properties: [("i", .integer(i))])
        }
        let bytes = try w.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == bytes)
        let doc = try parse(String(decoding: data, as: UTF8.self))
        #expect((doc["features"] as? [Any])?.count == 5_000)
    }
}
