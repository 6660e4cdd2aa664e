import CoverageTestSupport
import Foundation
import Testing

/// Bad input files: every case exits 1, names the file, the line or feature and the reason on
/// stderr, and leaves the store exactly as it was (row counts and content hashes).
@Suite("Hostile input files")
struct HostileInputTests {
    private let head = "{\"type\":\"FeatureCollection\",\"features\":[\n"
    private let tail = "\n]}"

    /// A FeatureCollection text with one feature per line.
    private func collection(_ features: [String]) -> String { head + features.joined(separator: ",\n") + tail }

    private func feature(_ geometry: String, _ properties: String = #"{"id":"A1","code":"C1"}"#) -> String {
        GeoJSONText.feature(geometry, properties)
    }

    private let goodPoint = #"{"type":"Point","coordinates":[105.85,21.55]}"#

    // MARK: Syntax

    @Test func malformedJSON() throws {
        let f = try E2EFixture()
        let file = try f.write("malformed.geojson", head + #"{"type":"Feature",,"geometry":null}"# + tail)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["malformed.geojson", "line 2", "unexpected character ','"])
    }

    @Test func truncatedGeoJSON() throws {
        let f = try E2EFixture()
        let whole = collection([feature(goodPoint), feature(goodPoint, #"{"id":"A2"}"#)])
        let file = try f.write("truncated.geojson", String(whole.prefix(whole.count - 30)))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["truncated.geojson", "line 3", "unexpected end of file (truncated?)"])
    }

    @Test func truncatedCSVInsideAQuotedField() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "truncated.csv", "id,kind,name,lon,lat\nI7,school,Trường A,105.8,21.5\nI8,school,\"Trường B, cơ")
        try assertFailsCleanly(
            args: f.importArgs("institutions", file), store: f.store,
            messageContains: ["truncated.csv", "line 3", "unterminated quoted field"])
    }

    @Test func emptyFile() throws {
        let f = try E2EFixture()
        let file = try f.write("empty.geojson", "")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["empty.geojson", "line 1", "the file is empty"])
    }

    @Test func nestingTooDeep() throws {
        let f = try E2EFixture()
        let deep = String(repeating: "[", count: 100_000)
        let file = try f.write("deep.geojson", head + #"{"type":"Feature","properties":{"x":"# + deep)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["deep.geojson", "line 2", "nesting is deeper than 64 levels"])
    }

    // MARK: Geometry

    @Test func wrongGeometryTypeForTheLayer() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "points-as-communes.geojson",
            collection([feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"9"}"#), feature(goodPoint)]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: [
                "points-as-communes.geojson", "feature 1",
                "geometry is a Point; layer communes takes Polygon or MultiPolygon",
            ])
    }

    @Test func lineStringAsHouseholds() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "line.geojson", collection([feature(#"{"type":"LineString","coordinates":[[105.8,21.5],[105.9,21.6]]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["line.geojson", "feature 0", "geometry is a LineString; layer households takes Point"])
    }

    @Test func nullGeometry() throws {
        let f = try E2EFixture()
        let file = try f.write("null.geojson", collection([feature(goodPoint), feature("null", #"{"id":"A2"}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["null.geojson", "feature 1", "geometry is null"])
    }

    @Test func emptyPolygon() throws {
        let f = try E2EFixture()
        let file = try f.write("empty-polygon.geojson", collection([feature(#"{"type":"Polygon","coordinates":[]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: ["empty-polygon.geojson", "feature 0", "empty geometry"])
    }

    @Test func emptyMultiPoint() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "empty-points.geojson", collection([feature(#"{"type":"MultiPoint","coordinates":[]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["empty-points.geojson", "feature 0", "empty geometry"])
    }

    @Test func nanCoordinateInGeoJSON() throws {
        let f = try E2EFixture()
        let file = try f.write("nan.geojson", collection([feature(#"{"type":"Point","coordinates":[NaN,21.5]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["nan.geojson", "line 2", "NaN literal not allowed in JSON"])
    }

    @Test func infiniteCoordinateInGeoJSON() throws {
        let f = try E2EFixture()
        let file = try f.write("inf.geojson", collection([feature(#"{"type":"Point","coordinates":[105.8,1e999]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["inf.geojson", "line 2", "coordinate is not finite"])
    }

    @Test func nanAndInfInCSV() throws {
        let f = try E2EFixture()
        let file = try f.write("nan.csv", "id,lon,lat\nA1,105.8,21.5\nA2,nan,21.5\nA3,105.8,inf\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["nan.csv", "line 3", "lon 'nan' is not a finite number"])
    }

    @Test func infinityInCSV() throws {
        let f = try E2EFixture()
        let file = try f.write("inf.csv", "id,lon,lat\nA1,105.8,-Infinity\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["inf.csv", "line 2", "lat '-Infinity' is not a finite number"])
    }

    @Test func hugeCoordinates() throws {
        let f = try E2EFixture()
        let file = try f.write("huge.geojson", collection([feature(#"{"type":"Point","coordinates":[1e300,-1e300]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["huge.geojson", "feature 0", "is not longitude/latitude"])
    }

    @Test func hugeCoordinatesInCSV() throws {
        let f = try E2EFixture()
        let file = try f.write("huge.csv", "id,lon,lat\nA1,1.7976931348623157e308,21.5\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["huge.csv", "line 2", "is not longitude/latitude"])
    }

    @Test func swappedLatitudeAndLongitude() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "swapped.geojson", collection([feature(#"{"type":"Point","coordinates":[21.55,105.85]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["swapped.geojson", "feature 0", "latitude and longitude look swapped"])
    }

    @Test func swappedLatitudeAndLongitudeInCSV() throws {
        let f = try E2EFixture()
        let file = try f.write("swapped.csv", "id,lat,lon\nA1,105.85,21.55\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["swapped.csv", "line 2", "latitude and longitude look swapped"])
    }

    @Test func swappedIntoTheExtentOfAnotherCountry() throws {
        let f = try E2EFixture()
        // lon 21.55, lat 85.85 is a valid point (in the Arctic), but swapped it lies in Vietnam.
        let file = try f.write(
            "arctic.geojson", collection([feature(#"{"type":"Point","coordinates":[21.55,85.85]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["arctic.geojson", "feature 0", "outside the plausible extent"])
    }

    @Test func selfIntersectingBowTie() throws {
        let f = try E2EFixture()
        let bowTie = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}"#
        let file = try f.write("bowtie.geojson", collection([feature(bowTie, #"{"code":"B1"}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: ["bowtie.geojson", "feature 0", "invalid geometry: Self-intersection"])
    }

    @Test func unclosedRing() throws {
        let f = try E2EFixture()
        let open = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21],[105.1,21.1],[105,21.1]]]}"#
        let file = try f.write("unclosed.geojson", collection([feature(open, #"{"code":"U1"}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: ["unclosed.geojson", "feature 0", "exterior ring of Polygon is not closed"])
    }

    @Test func ringWithTooFewPoints() throws {
        let f = try E2EFixture()
        let ring = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21],[105,21]]]}"#
        let file = try f.write("few.geojson", collection([feature(ring, #"{"code":"F1"}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: ["few.geojson", "feature 0", "has 3 points; a closed ring needs at least 4"])
    }

    @Test func lineWithOnePoint() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "stub.geojson", collection([feature(#"{"type":"LineString","coordinates":[[105,21]]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("routes", file), store: f.store,
            messageContains: ["stub.geojson", "feature 0", "LineString has 1 point; a line needs at least 2"])
    }

    @Test func positionWithOneNumber() throws {
        let f = try E2EFixture()
        let file = try f.write("short.geojson", collection([feature(#"{"type":"Point","coordinates":[105]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["short.geojson", "feature 0", "position has fewer than 2 numbers"])
    }

    // MARK: Ids and columns

    @Test func duplicateIDsInCSV() throws {
        let f = try E2EFixture()
        let file = try f.write("dup.csv", "id,lon,lat\nA1,105.85,21.55\nA1,105.86,21.56\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["dup.csv", "line 3", "duplicate id 'A1' in this file"])
    }

    @Test func duplicateCodesInGeoJSON() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "dup.geojson",
            collection([
                feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"D1"}"#),
                feature(GeoJSONText.square(105.1, 21.0, 0.1), #"{"code":"D1"}"#),
            ]))
        try assertFailsCleanly(
            args: f.importArgs("communes", file), store: f.store,
            messageContains: ["dup.geojson", "feature 1", "duplicate id 'D1' in this file"])
    }

    @Test func idAlreadyInTheStore() throws {
        let f = try E2EFixture()
        let file = try f.write("again.csv", "id,lon,lat\nN1,105.85,21.55\nS2,105.86,21.56\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["again.csv", "id 'S2' already exists in households from an earlier dataset"])
    }

    @Test func missingColumn() throws {
        let f = try E2EFixture()
        let file = try f.write("nolat.csv", "id,lon,households\nA1,105.85,2\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["nolat.csv", "line 1", "missing column 'lat'"])
    }

    @Test func rowWithMissingFields() throws {
        let f = try E2EFixture()
        let file = try f.write("short.csv", "id,lon,lat\nA1,105.85,21.55\nA2,105.86\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["short.csv", "line 3", "has 2 fields, the header has 3"])
    }

    @Test func nonNumericCoordinate() throws {
        let f = try E2EFixture()
        let file = try f.write("east.csv", "id,lon,lat\nA1,105.85,21.55\nA2,east,21.56\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["east.csv", "line 3", "lon 'east' is not a finite number"])
    }

    @Test func commaDecimalCoordinate() throws {
        let f = try E2EFixture()
        let file = try f.write("comma.csv", "id;lon;lat\nA1;105,85;21,55\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["comma.csv", "line 2", "lon '105,85' is not a finite number"])
    }

    @Test func nonNumericCoordinateInGeoJSON() throws {
        let f = try E2EFixture()
        let file = try f.write(
            "text.geojson", collection([feature(#"{"type":"Point","coordinates":["105.8","21.5"]}"#)]))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["text.geojson", "feature 0", "position must contain only numbers"])
    }

    // MARK: Encodings and sizes

    @Test func nonUTF8CSV() throws {
        let f = try E2EFixture()
        // "Trường" in Windows-1258-ish single bytes: not UTF-8.
        let bytes =
            Array("id,kind,name,lon,lat\nI1,school,OK,105.8,21.5\nI2,school,Tr".utf8) + [0xF0, 0xEC, 0xF2]
            + Array("ng,105.8,21.5\n".utf8)
        let file = try f.write("latin.csv", bytes: bytes)
        try assertFailsCleanly(
            args: f.importArgs("institutions", file), store: f.store,
            messageContains: ["latin.csv", "line 3", "text is not valid UTF-8"])
    }

    @Test func nonUTF8GeoJSON() throws {
        let f = try E2EFixture()
        let bytes =
            Array((head + #"{"type":"Feature","properties":{"name":"Tr"#).utf8) + [0xFF, 0xFE]
            + Array((#"ng"},"geometry":"# + goodPoint + "}" + tail).utf8)
        let file = try f.write("latin.geojson", bytes: bytes)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["latin.geojson", "line 2", "invalid UTF-8"])
    }

    @Test func extremelyLongLine() throws {
        let f = try E2EFixture()
        let long = String(repeating: "x", count: 3 << 20)
        let file = try f.write("long.csv", "id,lon,lat,kind\nA1,105.8,21.5,residential\nA2,105.8,21.5,\(long)\n")
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["long.csv", "line 3", "record is longer than 1 MiB"])
    }

    @Test func binaryJunk() throws {
        let f = try E2EFixture()
        var generator = SystemRandomNumberGenerator()
        let junk = [UInt8(0)] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let file = try f.write("junk.bin", bytes: junk)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["junk.bin", "cannot tell the format"])
    }

    // MARK: Not a readable file

    @Test func gzipFile() throws {
        let f = try E2EFixture()
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let file = try f.write("households.csv.gz", bytes: gzip)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["households.csv.gz", "is gzip-compressed; decompress it first"])
    }

    @Test func gzipFileWithACSVName() throws {
        let f = try E2EFixture()
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let file = try f.write("households.csv", bytes: gzip)
        try assertFailsCleanly(
            args: f.importArgs("households", file, ["--input-format", "csv"]), store: f.store,
            messageContains: ["households.csv", "is gzip-compressed"])
    }

    @Test func directoryInsteadOfAFile() throws {
        let f = try E2EFixture()
        let folder = f.dir.path("shapes")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try assertFailsCleanly(
            args: f.importArgs("communes", folder), store: f.store,
            messageContains: ["shapes", "is a directory, not a file"])
    }

    @Test func fileThatIsNotThere() throws {
        let f = try E2EFixture()
        try assertFailsCleanly(
            args: f.importArgs("households", f.dir.path("absent.csv")), store: f.store,
            messageContains: ["absent.csv", "no such file"])
    }

    @Test func namedPipe() throws {
        // Opening a FIFO with no writer would block for ever; it must be refused unopened.
        let f = try E2EFixture()
        let fifo = f.dir.path("pipe.csv")
        #expect(mkfifo(fifo, 0o644) == 0)
        try assertFailsCleanly(
            args: f.importArgs("households", fifo), store: f.store,
            messageContains: ["pipe.csv", "is not a regular file"])
    }

    @Test func endlessDevice() throws {
        // /dev/zero never ends: hashing or parsing it would never finish.
        let f = try E2EFixture()
        try assertFailsCleanly(
            args: f.importArgs("households", "/dev/zero", ["--input-format", "csv"]), store: f.store,
            messageContains: ["/dev/zero", "is not a regular file"])
    }

    @Test func danglingSymlink() throws {
        // The name is there, the file behind it is not.
        let f = try E2EFixture()
        let link = f.dir.path("dangling.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: f.dir.path("gone.csv"))
        try assertFailsCleanly(
            args: f.importArgs("households", link), store: f.store,
            messageContains: ["dangling.csv", "no such file"])
    }
}
