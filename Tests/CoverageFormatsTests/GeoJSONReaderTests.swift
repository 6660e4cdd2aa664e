import CoverageFormats
import CoverageModel
import Foundation
import Testing

@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    @Test("FeatureCollection with Vietnamese names, every geometry type, crs and escapes")
    func collection() throws {
        let json = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3405"}},
             "features":[
              {"type":"Feature","id":7,"properties":{"name":"Phường Phan Đình Phùng","pop":12345.5},
               "geometry":{"type":"Point","coordinates":[105.8,21.6,12.0]}},
              {"type":"Feature","properties":{"name":"Xã Bằng Thành","ok":true,"none":null,
                 "tags":["a", {"b": 1}],"esc":"q\\"\\\\\\/\\n\\t\\u00e9\\ud83d\\ude00"},
               "geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
                 [[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]]]}},
              {"type":"Feature","properties":null,"geometry":{"type":"MultiPoint","coordinates":[[1,1],[2,2]]}},
              {"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}},
              {"type":"Feature","geometry":{"coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]],
                 "type":"MultiPolygon"},"properties":{"code":"01840"}},
              {"type":"Feature","geometry":null,"properties":{"n":-1.5e3}}
             ]}
            """
        let reader = GeoJSONReader(bytes: Array(json.utf8), name: "t.geojson")
        #expect(reader.crsName == "EPSG:3405")
        let fs = try features(json)
        #expect(fs.count == 7)
        #expect(fs.map(\.index) == Array(0..<7))
        #expect(fs[0].properties["name"] == .string("Phường Phan Đình Phùng"))
        #expect(fs[0].properties["pop"] == .number(12345.5))
        #expect(fs[0].id == .integer("7"))
        #expect(fs[0].geometry == .point(Coordinate(105.8, 21.6)))
        #expect(fs[1].properties["name"] == .string("Xã Bằng Thành"))
        #expect(fs[1].properties["ok"] == .bool(true))
        #expect(fs[1].properties["none"] == .null)
        #expect(fs[1].properties["tags"] == .json("[\"a\", {\"b\": 1}]"))
        #expect(fs[1].properties["esc"] == .string("q\"\\/\n\té😀"))
        #expect(fs[1].geometry == .lineString([Coordinate(1, 2), Coordinate(3, 4)]))
        guard case .polygon(let p)? = fs[2].geometry else {
            Issue.record("expected a polygon")
            return
        }
        #expect(p.rings.count == 2)
        #expect(p.holes.first?.count == 4)
        #expect(fs[3].properties.isEmpty)
        #expect(fs[3].geometry == .multiPoint([Coordinate(1, 1), Coordinate(2, 2)]))
        #expect(fs[4].geometry?.kind == .multiLineString)
        #expect(fs[5].geometry?.kind == .multiPolygon)
        #expect(fs[5].geometry?.vertexCount == 8)
        #expect(fs[6].geometry == nil)
        #expect(fs[6].properties["n"] == .number(-1500))
    }

    @Test("crs after features is still found")
    func crsAfterFeatures() throws {
        let json =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"s":"}]"},"geometry":null}],"crs":{"properties":{"name":"urn:ogc:def:crs:EPSG::3405"}}}"#
        #expect(GeoJSONReader(bytes: Array(json.utf8), name: "x").crsName == "urn:ogc:def:crs:EPSG::3405")
        #expect(try features(json).count == 1)
    }

    @Test("no crs, empty features, BOM")
    func emptyCollection() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"  {"features":[],"type":"FeatureCollection"} "#.utf8)
        let reader = GeoJSONReader(bytes: bytes, name: "x")
        #expect(reader.crsName == nil)
        var n = 0
        try reader.forEachFeature { _ in n += 1 }
        #expect(n == 0)
    }

    @Test("single Feature and bare geometry")
    func singleObjects() throws {
        let f = try features(
            #"{"geometry":{"type":"Point","coordinates":[1,2]},"type":"Feature","properties":{"a":"b"}}"#)
        #expect(f.count == 1)
        #expect(f[0].properties["a"] == .string("b"))
        let g = try features(#"{"coordinates":[[1,2],[3,4.5]],"type":"LineString"}"#)
        #expect(g.count == 1)
        #expect(g[0].geometry == .lineString([Coordinate(1, 2), Coordinate(3, 4.5)]))
    }

    @Test("newline-delimited features")
    func ndjson() throws {
        let text = """
            {"type":"Feature","properties":{"i":0},"geometry":{"type":"Point","coordinates":[0,0]}}
            {"type":"Feature","properties":{"i":1},"geometry":{"type":"Point","coordinates":[1,1]}}
            {"type":"Feature","properties":{"i":2},"geometry":null}

            """
        let fs = try features(text)
        #expect(fs.map(\.index) == [0, 1, 2])
        #expect(fs[2].properties["i"] == .integer("2"))
    }

    @Test("numbers parse exactly")
    func numbers() throws {
        let fs = try features(
            #"{"type":"Point","coordinates":[0.1, -0.000123456789012345678, 1e-5]}"#)
        #expect(fs[0].geometry == .point(Coordinate(0.1, -0.000123456789012345678)))
        let big = try features(#"{"type":"Point","coordinates":[12345678901234567890123, 1.7976931348623157e308]}"#)
        #expect(big[0].geometry == .point(Coordinate(12345678901234567741440, 1.7976931348623157e308)))
    }

    /// Number texts of every shape the coordinate reader meets: integer and fraction runs of 1 to 25
    /// digits (past the 8-digit steps and the 19 significant digits), leading zeros, signs, exponents.
    static func numberTexts(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed)
        func digits(_ n: Int, leadingZeros: Int = 0) -> String {
            String(repeating: "0", count: leadingZeros)
                + String((0..<n).map { _ in Character(String(random.next() % 10)) })
        }
        return (0..<count).map { k in
            let sign = k % 3 == 0 ? "-" : ""
            let intLength = Int(random.next() % 13)
            var whole = intLength == 0 ? "0" : digits(intLength)
            if whole.count > 1, whole.first == "0" { whole = "1" + whole.dropFirst() }
            var text = sign + whole
            if k % 7 != 0 {
                text += "." + digits(1 + Int(random.next() % 24), leadingZeros: k % 5 == 0 ? Int(random.next() % 9) : 0)
            }
            if k % 11 == 0 { text += (k % 2 == 0 ? "e-" : "E+") + String(random.next() % 30) }
            return text
        }
    }

    @Test("numbers read in runs of digits equal Swift's correctly rounded reading")
    func numberRuns() throws {
        let texts = Self.numberTexts(count: 4000, seed: 18)
        // Each text as an x ordinate, and as the last one of the file (fewer than 8 bytes after it).
        let positions = texts.map { "[\($0),0]" }.joined(separator: ",")
        let fs = try features(#"{"type":"MultiPoint","coordinates":["# + positions + "]}")
        guard case .multiPoint(let points)? = fs.first?.geometry else {
            Issue.record("not read as a MultiPoint")
            return
        }
        #expect(points.count == texts.count)
        for (text, point) in zip(texts, points) {
            #expect(point.x.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        for text in texts.prefix(200) {
            let tail = try features(#"{"type":"Point","coordinates":[0,"# + text + "]}")
            #expect(tail.first?.geometry == .point(Coordinate(0, Double(text)!)), "\(text)")
        }
    }

    @Test("both ordinates of a ring, with or without spaces, equal Swift's correctly rounded reading")
    func ringOrdinates() throws {
        let texts = Self.numberTexts(count: 2000, seed: 27)
        let spacings = ["", " ", "\n\t ", "\r\n"]
        var ring: [String] = []
        for (k, pair) in zip(texts, texts.dropFirst()).enumerated() {
            let s = spacings[k % spacings.count]
            // Every fifth position carries a third ordinate, which the general path reads.
            let z = k % 5 == 0 ? ",\(s)7.5" : ""
            ring.append("[\(s)\(pair.0)\(s),\(s)\(pair.1)\(z)\(s)]")
        }
        let fs = try features(#"{"type":"LineString","coordinates":["# + ring.joined(separator: ",") + "]}")
        guard case .lineString(let points)? = fs.first?.geometry else {
            Issue.record("not read as a LineString")
            return
        }
        #expect(points.count == texts.count - 1)
        for ((x, y), point) in zip(zip(texts, texts.dropFirst()), points) {
            #expect(point.x.bitPattern == Double(x)!.bitPattern, "\(x)")
            #expect(point.y.bitPattern == Double(y)!.bitPattern, "\(y)")
        }
    }

    @Test(
        "positions the plain reader leaves to the general one are still rejected",
        arguments: ["[01,2]", "[1.,2]", "[-,2]", "[1,2,]", "[1 2]", "[1,02]", "[1,]", "[1e,2]", "[1,2", "[]", "[1]"])
    func badPositions(_ position: String) {
        let text = #"{"type":"LineString","coordinates":[[0,0],"# + position + "]}"
        #expect(geoJSONError(Array(text.utf8)) != nil, "\(position)")
    }
}
