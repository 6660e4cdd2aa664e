import CoverageFormats
import CoverageModel
import Foundation
import Testing

/// The parallel read of a FeatureCollection (chunks of the `features` array parsed on worker
/// threads) against the sequential reader: the same features in the same order, the same error.
@Suite("GeoJSON parallel read")
struct GeoJSONParallelReadTests {
    /// What a read delivered: the features before it stopped, and how it stopped.
    struct Transcript: Equatable, CustomStringConvertible {
        struct Seen: Equatable {
            var index: Int
            var geometry: Geometry?
            var properties: [String: PropertyValue]
            var id: PropertyValue?
        }
        var seen: [Seen] = []
        var ending = "end"

        var description: String { "\(seen.count) features, then \(ending)" }
    }

    /// A stop thrown by the callback itself (as an import's own checks do).
    struct CallbackStop: Error {}

    /// One document and where the callback throws, if anywhere.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var json: String
        var throwAt: Int? = nil
        /// True when the prescan must find several chunks (the parallel path really runs).
        var parallel = true
        var description: String { name }
    }

    private static func point(_ i: Int, _ props: String = "{}") -> String {
        #"{"type":"Feature","id":\#(i),"properties":\#(props),"geometry":{"type":"Point","coordinates":[\#(105 + Double(i) / 1000),21.5]}}"#
    }

    private static func polygon(_ i: Int) -> String {
        let x = 105 + Double(i) / 100
        return
            #"{"type":"Feature","properties":{"name":"ô \#(i), [x]","v":\#(i).25},"geometry":{"type":"Polygon","coordinates":[[[\#(x),21],[\#(x + 0.01),21],[\#(x + 0.01),21.01],[\#(x),21]]]}}"#
    }

    /// Sixty features of several shapes, strings with brackets, commas and escaped quotes.
    private static func features(replacing index: Int? = nil, with text: String = "") -> [String] {
        (0..<60).map { i in
            if i == index { return text }
            switch i % 4 {
            case 0: return point(i, #"{"s":"a,b]}{[\"q\" \\ ,","n":null,"t":[1,{"u":[2,3]}]}"#)
            case 1: return polygon(i)
            case 2: return #"{"type":"Feature","geometry":null,"properties":{"k":"\#(i)"}}"#
            default: return point(i)
            }
        }
    }

    private static func collection(_ features: [String], before: String = "", after: String = "") -> String {
        #"{"type":"FeatureCollection",\#(before)"features":[\#n"# + features.joined(separator: ",\n") + "\n]"
            + after + "}"
    }

    static let cases: [Case] = {
        var cases = [
            Case(name: "valid", json: collection(features())),
            Case(
                name: "crs first",
                json: collection(features(), before: #""crs":{"type":"name","properties":{"name":"EPSG:4326"}},"#)),
            Case(
                name: "crs after",
                json: collection(features(), after: #","crs":{"type":"name","properties":{"name":"EPSG:3405"}}"#)),
            Case(name: "second features array", json: collection(features(), after: #","features":[\#(point(99))]"#)),
            Case(name: "callback stops", json: collection(features()), throwAt: 41),
            Case(name: "empty array", json: collection([]), parallel: false),
            Case(
                name: "deep nesting",
                json: collection(
                    features(
                        replacing: 30,
                        with: point(
                            30, #"{"d":"# + String(repeating: "[", count: 61) + String(repeating: "]", count: 61) + "}")
                    )), parallel: true),
            Case(
                name: "too deep",
                json: collection(
                    features(
                        replacing: 30,
                        with: point(
                            30, #"{"d":"# + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + "}")
                    )), parallel: true),
            Case(name: "control byte", json: collection(features(replacing: 33, with: "\u{01}")), parallel: false),
            Case(name: "truncated", json: String(collection(features()).dropLast(300)), parallel: false),
        ]
        let broken: [(String, String)] = [
            ("semantic polygon", #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[1,2],[3,4]]}}"#),
            ("not an object", #""text""#),
            ("missing comma", point(37) + point(38)),
            ("trailing comma", point(37) + ","),
            ("NaN", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,2]}}"#),
            ("stray bracket", #"{"type":"Feature","properties":{"a":]}}"#),
            ("extra brace", point(37) + "}"),
            ("wrong type", #"{"type":"Fixture","properties":{}}"#),
            ("line break in string", "{\"properties\":{\"a\":\"b\nc\"}}"),
            ("geometry collection", #"{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}"#),
        ]
        for (name, text) in broken {
            cases.append(
                Case(
                    name: name, json: collection(features(replacing: 37, with: text)),
                    parallel: name != "stray bracket" && name != "extra brace"))
        }
        return cases
    }()

    /// Reads `c.json` sequentially, or in parallel with chunks of `chunkBytes` (the prescan in two
    /// halves at once when `split`).
    private static func read(_ c: Case, chunkBytes: Int?, split: Bool = false) -> (Transcript, chunks: Int) {
        var transcript = Transcript()
        let bytes = Array(c.json.utf8)
        let deliver = { (f: Feature) throws in
            if f.index == c.throwAt { throw CallbackStop() }
            transcript.seen.append(.init(index: f.index, geometry: f.geometry, properties: f.properties, id: f.id))
        }
        var chunks = 0
        do {
            if let chunkBytes {
                let reader = GeoJSONReader(
                    bytes: bytes, name: "p.geojson", parallelChunkBytes: chunkBytes,
                    splitPrescanBytes: split ? 0 : 1 << 22)
                chunks = reader.parallelChunkCount
                try reader.forEachFeature(prepare: { $0 }, deliver)
            } else {
                try GeoJSONReader(bytes: bytes, name: "p.geojson").forEachFeature(deliver)
            }
        } catch let e as FormatError {
            transcript.ending = e.description
        } catch is CallbackStop {
            transcript.ending = "callback stop"
        } catch {
            transcript.ending = "other error \(error)"
        }
        return (transcript, chunks)
    }

    /// Chunk sizes, each with the prescan in one pass and in two halves at once.
    static let settings: [(chunkBytes: Int, split: Bool)] = [1, 150, 700, 4000].flatMap { [($0, false), ($0, true)] }

    @Test("same features and same error as the sequential read", arguments: cases, settings)
    func sameAsSequential(_ c: Case, setting: (chunkBytes: Int, split: Bool)) {
        let (sequential, _) = Self.read(c, chunkBytes: nil)
        let (parallel, chunks) = Self.read(c, chunkBytes: setting.chunkBytes, split: setting.split)
        #expect(parallel == sequential)
        if c.parallel { #expect(chunks > 1, "the prescan cut no chunks") }
    }

    /// The prescan in two halves cuts at the middle only between features.
    ///
    /// The second half starts at a comma followed by `{` near the middle: taken only when
    /// the first half arrives there between features. Chunks larger than the file leave that comma
    /// as the only cut.
    @Test("a prescan in two halves cuts at the middle only between features")
    func splitPrescan() {
        let valid = Self.cases[0]
        let inString = Case(
            name: "middle inside a string",
            json: Self.collection(
                Self.features(
                    replacing: 30, with: Self.point(30, #"{"s":""# + String(repeating: ",{", count: 10_000) + #""}"#))))
        #expect(Self.read(valid, chunkBytes: 1 << 30, split: true).chunks == 2)
        #expect(Self.read(inString, chunkBytes: 1 << 30, split: true).chunks == 1)
        #expect(Self.read(valid, chunkBytes: 1 << 30, split: false).chunks == 1)
        for c in [valid, inString] {
            #expect(Self.read(c, chunkBytes: 1 << 30, split: true).0 == Self.read(c, chunkBytes: nil).0)
            #expect(Self.read(c, chunkBytes: 100, split: true).0 == Self.read(c, chunkBytes: nil).0)
        }
    }

    @Test("the sequential reads of the cases end as written")
    func casesEndAsWritten() {
        #expect(Self.read(Self.cases[0], chunkBytes: nil).0.seen.count == 60)
        #expect(Self.read(Self.cases[3], chunkBytes: nil).0.seen.count == 61)
        #expect(Self.read(Self.cases[4], chunkBytes: nil).0.ending == "callback stop")
        for c in Self.cases.dropFirst(10) {
            let (t, _) = Self.read(c, chunkBytes: nil)
            #expect((37...38).contains(t.seen.count) && t.ending.contains("p.geojson: "), "\(c.name): \(t)")
        }
    }
}
