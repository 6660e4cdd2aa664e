import CoverageFormats
import CoverageModel
import Foundation
import Testing

/// GeoJSON inputs from issue 13: large integers, huge strings, RFC 8142 sequences, linked `crs`.
@Suite("Hostile GeoJSON values")
struct HostileGeoJSONTests {
    private func pointFeature(id: String, properties: String) -> String {
        #"{"type":"Feature","id":\#(id),"properties":\#(properties),"geometry":{"type":"Point","coordinates":[105.8,21.5]}}"#
    }

    @Test(
        "integers keep their literal digits, as ids and as properties",
        arguments: [
            "9007199254740993", "1234567890123456789", "-9007199254740993", "0", "123456789012345678901234567890",
        ])
    func integersStayExact(_ literal: String) throws {
        let fs = try features(pointFeature(id: literal, properties: #"{"code":\#(literal)}"#))
        #expect(fs[0].id?.text == literal)
        #expect(fs[0].properties["code"]?.text == literal)
        #expect(fs[0].properties["code"]?.number == Double(literal))
    }

    @Test("ids beyond 2^53 that differ by one stay distinct")
    func neighbouringBigIDs() throws {
        let fs = try features(
            GeoJSONTextSequence.collection([
                pointFeature(id: "9007199254740992", properties: "{}"),
                pointFeature(id: "9007199254740993", properties: "{}"),
            ]))
        #expect(fs.map { $0.id?.text } == ["9007199254740992", "9007199254740993"])
    }

    @Test("fractions and exponents stay numbers", arguments: [("1.5", 1.5), ("-2e3", -2000), ("1E2", 100), ("0.0", 0)])
    func nonIntegersStayNumbers(_ literal: String, _ value: Double) throws {
        let fs = try features(pointFeature(id: "1", properties: #"{"x":\#(literal)}"#))
        #expect(fs[0].properties["x"] == .number(value))
    }

    /// Where an over-long value sits, and what the error names.
    enum LongValue: String, CaseIterable {
        case property, id, memberName, nestedArray, unknownMember

        func feature(_ long: String) -> String {
            let geometry = #""geometry":{"type":"Point","coordinates":[105.8,21.5]}"#
            switch self {
            case .property: return #"{"type":"Feature","properties":{"name":"\#(long)"},\#(geometry)}"#
            case .id: return #"{"type":"Feature","id":"\#(long)","properties":{},\#(geometry)}"#
            case .memberName: return #"{"type":"Feature","properties":{"\#(long)":1},\#(geometry)}"#
            case .nestedArray:
                return
                    #"{"type":"Feature","properties":{"tags":["\#(long.prefix(1 << 19))","\#(long.prefix(1 << 19))"]},\#(geometry)}"#
            case .unknownMember: return #"{"type":"Feature","note":"\#(long)","properties":{},\#(geometry)}"#
            }
        }
    }

    @Test("a value over 1 MiB fails naming the feature", arguments: LongValue.allCases)
    func longValuesAreRefused(_ place: LongValue) throws {
        let long = String(repeating: "x", count: GeoJSONReader.maxValueBytes + 1)
        let ok = pointFeature(id: "1", properties: "{}")
        let text = GeoJSONTextSequence.collection([ok, place.feature(long)])
        let error = try #require(geoJSONError(Array(text.utf8)))
        #expect(error.location == .feature(1))
        #expect(error.reason.contains("longer than 1 MiB"))
        if place == .property { #expect(error.reason.contains("property \"name\"")) }
    }

    @Test("a string of exactly 1 MiB is accepted")
    func limitItselfIsAccepted() throws {
        let long = String(repeating: "é", count: GeoJSONReader.maxValueBytes / 2)
        let fs = try features(pointFeature(id: "1", properties: #"{"name":"\#(long)"}"#))
        #expect(fs[0].properties["name"]?.text?.utf8.count == GeoJSONReader.maxValueBytes)
    }

    /// Separators written before each feature of a text sequence, named for the test log.
    enum Separator: String, CaseIterable, CustomTestStringConvertible {
        case rs, rsLF, lfRS, twoRS

        var bytes: String {
            switch self {
            case .rs: "\u{1E}"
            case .rsLF: "\u{1E}\n"
            case .lfRS: "\n\u{1E}"
            case .twoRS: "\u{1E}\u{1E}"
            }
        }

        var testDescription: String { rawValue }
    }

    @Test("RFC 8142 text sequences: a record separator before each feature", arguments: Separator.allCases)
    func textSequences(_ separator: Separator) throws {
        let text = (0..<3).map { separator.bytes + pointFeature(id: "\($0)", properties: "{}") + "\n" }.joined()
        let fs = try features(text, name: "seq.geojsons")
        #expect(fs.map { $0.id?.text } == ["0", "1", "2"])
        #expect(fs.map(\.index) == [0, 1, 2])
    }

    @Test("a record separator before a FeatureCollection's second object is still an error")
    func separatorDoesNotMakeCollectionsSequences() {
        let text = "\u{1E}" + GeoJSONTextSequence.collection([]) + "\u{1E}" + GeoJSONTextSequence.collection([])
        #expect(geoJSONError(Array(text.utf8)) != nil)
    }

    @Test(
        "a legacy crs is read whether named or linked",
        arguments: [
            (#"{"type":"name","properties":{"name":"EPSG:3405"}}"#, LegacyCRS(type: "name", name: "EPSG:3405")),
            (
                #"{"type":"link","properties":{"href":"http://spatialreference.org/ref/epsg/3405/proj4/","type":"proj4"}}"#,
                LegacyCRS(type: "link", href: "http://spatialreference.org/ref/epsg/3405/proj4/", linkType: "proj4")
            ),
            (#"{"type":"link","properties":{"href":"data.crs"}}"#, LegacyCRS(type: "link", href: "data.crs")),
        ])
    func legacyCRS(_ crs: String, _ expected: LegacyCRS) {
        let text = #"{"type":"FeatureCollection","crs":\#(crs),"features":[]}"#
        #expect(GeoJSONReader(bytes: Array(text.utf8), name: "x").legacyCRS == expected)
    }

    @Test(
        "a legacy crs after the features is found past nested arrays, strings with brackets and spaces",
        arguments: ["", " ", "\n"])
    func legacyCRSAfterFeatures(_ space: String) {
        let ring = (0..<40).map { "[\($0).25,\(space)-\($0).5]" }.joined(separator: ",")
        let feature =
            #"{"type":"Feature","properties":{"n":"a]}[{\"b","m":[[1],{"k":[]}]},"#
            + #""geometry":{"type":"Polygon","coordinates":[["# + ring + "]]}}"
        let crs = #"{"type":"name","properties":{"name":"EPSG:3405"}}"#
        let text =
            #"{"type":"FeatureCollection","features":["# + feature + "," + feature + "],"
            + space + #""crs":"# + crs + "}"
        #expect(
            GeoJSONReader(bytes: Array(text.utf8), name: "x").legacyCRS == LegacyCRS(type: "name", name: "EPSG:3405"))
        // A crs nested inside a feature is not the top-level one.
        let nested = #"{"type":"FeatureCollection","features":[{"crs":"# + crs + ",\"x\":[[[1,2]]]}]}"
        #expect(GeoJSONReader(bytes: Array(nested.utf8), name: "x").legacyCRS == nil)
    }
}

/// Builders local to these tests.
enum GeoJSONTextSequence {
    /// A FeatureCollection of feature texts.
    static func collection(_ features: [String]) -> String {
        #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}"
    }
}
