import CoverageFormats
import Foundation
import Testing

@Suite("GeoJSON errors")
struct GeoJSONErrorTests {
    private func check(_ json: String, _ location: InputLocation, _ reason: String) {
        let error = geoJSONError(Array(json.utf8))
        #expect(error?.location == location, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.file == "bad.geojson")
    }

    private let head = "{\"type\":\"FeatureCollection\",\"features\":[\n"

    @Test("semantic problems point at the feature")
    func semantic() {
        let ok = #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},"#
        check(
            head + ok + #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[1,2],[3,4]]}}]}"#,
            .feature(1), "coordinates of a Polygon must be an array of rings")
        check(
            head + ok + #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}}]}"#,
            .feature(1), "position has fewer than 2 numbers")
        check(
            head + #"{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]}"#,
            .feature(0), "unknown geometry type 'Circle'")
        check(
            head + ok + ok + #"{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}]}"#,
            .feature(2), "GeometryCollection is not supported")
        check(
            head + #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,"x"]]}}]}"#,
            .feature(0), "position must contain only numbers")
        check(
            head + #"{"type":"Feature","geometry":{"type":"Point"}}]}"#,
            .feature(0), "has no \"coordinates\"")
        check(head + #"{"type":"Feature","properties":[1]}]}"#, .feature(0), "\"properties\" must be an object")
        check(head + #""text"]}"#, .feature(0), "a feature must be a JSON object")
    }

    @Test("syntax errors report the line")
    func syntax() {
        check(
            head + "{\"type\":\"Feature\",\n\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2", .line(3),
            "unexpected end of file")
        check(head + "{\"type\":\"Feature\",\n\n x}]}", .line(4), "unexpected character 'x'")
        check(
            head + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\n\"coordinates\":[NaN,2]}}]}", .line(3),
            "NaN literal not allowed in JSON")
        check(
            head + "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[-Infinity,2]}}]}", .line(2),
            "Infinity literal not allowed in JSON")
        check(
            head + "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1e999,2]}}]}", .line(2),
            "coordinate is not finite")
        check(head + "{\"properties\":{\"a\":\"b\nc\"}}]}", .line(2), "line break inside a string")
        check(head + "{\"properties\":{\"a\":\"\\ud800x\"}}]}", .line(2), "unpaired surrogate")
        check(head + "{\"properties\":{\"a\":1,}}]}", .line(2), "expected a member name")
        check("", .line(1), "file is empty")
        check("[{\"type\":", .line(1), "unexpected end of file")
        check(#"{"type":"FeatureCollection","features":[]} x"#, .line(1), "unexpected character 'x'")
        check(#"{"type":"Thing"}"#, .line(1), "unknown GeoJSON type 'Thing'")
    }

    @Test("invalid UTF-8 is reported by line")
    func invalidUTF8() {
        var bytes = Array((head + "{\"properties\":{\"name\":\"Ph").utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}}]}".utf8)
        let error = geoJSONError(bytes)
        #expect(error?.location == .line(2))
        #expect(error?.reason == "invalid UTF-8")
    }

    @Test("deep nesting is an error, not a crash")
    func nesting() {
        let deep =
            head + "{\"properties\":{\"a\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
            + "}}]}"
        let error = geoJSONError(Array(deep.utf8))
        #expect(error?.reason.contains("nesting is deeper than 64") == true)
    }

    @Test("random truncations and byte flips never crash")
    func fuzz() throws {
        let sample = Array(
            (head + """
                {"type":"Feature","id":"a\\u00e9","properties":{"name":"Xã Bằng Thành","x":[1,{"y":null}],"n":-0.5e-3},
                 "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.1,0.2],[0.1,0.1]]]]}}]}
                """).utf8)
        var generator = SystemRandomNumberGenerator()
        for cut in 0..<sample.count {
            _ = geoJSONError(Array(sample[0..<cut]))
        }
        let alphabet = Array("{}[],:\"\\-0123456789.eEnulltruefalse \n\u{00}".utf8) + [0xC3, 0xFF, 0x80]
        for _ in 0..<3000 {
            var mutated = sample
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let i = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[i] = alphabet.randomElement(using: &generator) ?? 0
            }
            _ = geoJSONError(mutated)
        }
    }
}
