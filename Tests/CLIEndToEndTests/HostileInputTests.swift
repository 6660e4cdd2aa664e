import CoverageTestSupport
import Foundation
import Testing

private let head = "{\"type\":\"FeatureCollection\",\"features\":[\n"
private let tail = "\n]}"
private let goodPoint = #"{"type":"Point","coordinates":[105.85,21.55]}"#

/// A FeatureCollection text with one feature per line.
private func collection(_ features: [String]) -> String { head + features.joined(separator: ",\n") + tail }

/// A feature with the default properties of these tests.
private func feature(_ geometry: String, _ properties: String = #"{"id":"A1","code":"C1"}"#) -> String {
    GeoJSONText.feature(geometry, properties)
}

/// One hostile input: how to make it in a fixture, the layer it is imported into, and what stderr must name.
struct HostileFile: Sendable, CustomTestStringConvertible {
    var name: String
    var layer: String
    var extra: [String]
    var message: [String]
    /// Writes (or points to) the input in the fixture; returns its path.
    var make: @Sendable (E2EFixture) throws -> String

    init(
        _ name: String, layer: String, extra: [String] = [], message: [String],
        _ make: @escaping @Sendable (E2EFixture) throws -> String
    ) {
        self.name = name
        self.layer = layer
        self.extra = extra
        self.message = message
        self.make = make
    }

    var testDescription: String { name }

    /// Imports the input into a fresh fixture store and checks that it fails cleanly.
    func check() throws {
        let f = try E2EFixture()
        let path = try make(f)
        try assertFailsCleanly(
            args: f.importArgs(layer, path, extra), store: f.store, messageContains: message)
    }
}

/// Bad input files: every case exits 1, names the file, the line or feature and the reason on
/// stderr, and leaves the store exactly as it was (row counts and content hashes).
@Suite("Hostile input files")
struct HostileInputTests {
    // MARK: Syntax

    static let syntax: [HostileFile] = [
        HostileFile(
            "malformedJSON", layer: "households", message: ["malformed.geojson", "line 2", "unexpected character ','"]
        ) { f in
            return try f.write("malformed.geojson", head + #"{"type":"Feature",,"geometry":null}"# + tail)
        },
        HostileFile(
            "truncatedGeoJSON", layer: "households",
            message: ["truncated.geojson", "line 3", "unexpected end of file (truncated?)"]
        ) { f in
            let whole = collection([feature(goodPoint), feature(goodPoint, #"{"id":"A2"}"#)])
            return try f.write("truncated.geojson", String(whole.prefix(whole.count - 30)))
        },
        HostileFile(
            "truncatedCSVInsideAQuotedField", layer: "institutions",
            message: ["truncated.csv", "line 3", "unterminated quoted field"]
        ) { f in
            return try f.write(
                "truncated.csv", "id,kind,name,lon,lat\nI7,school,Trường A,105.8,21.5\nI8,school,\"Trường B, cơ")
        },
        HostileFile("emptyFile", layer: "households", message: ["empty.geojson", "line 1", "the file is empty"]) { f in
            return try f.write("empty.geojson", "")
        },
        HostileFile(
            "nestingTooDeep", layer: "households",
            message: ["deep.geojson", "line 2", "nesting is deeper than 64 levels"]
        ) { f in
            let deep = String(repeating: "[", count: 100_000)
            return try f.write("deep.geojson", head + #"{"type":"Feature","properties":{"x":"# + deep)
        },
    ]

    @Test("Syntax: the line of the error", arguments: syntax)
    func syntaxErrors(_ input: HostileFile) throws { try input.check() }

    // MARK: Geometry

    static let geometry: [HostileFile] = [
        HostileFile(
            "wrongGeometryTypeForTheLayer", layer: "communes",
            message: [
                "points-as-communes.geojson", "feature 1",
                "geometry is a Point; layer communes takes Polygon or MultiPolygon",
            ]
        ) { f in
            return try f.write(
                "points-as-communes.geojson",
                collection([feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"9"}"#), feature(goodPoint)]))
        },
        HostileFile(
            "lineStringAsHouseholds", layer: "households",
            message: ["line.geojson", "feature 0", "geometry is a LineString; layer households takes Point"]
        ) { f in
            return try f.write(
                "line.geojson",
                collection([feature(#"{"type":"LineString","coordinates":[[105.8,21.5],[105.9,21.6]]}"#)]))
        },
        HostileFile("nullGeometry", layer: "households", message: ["null.geojson", "feature 1", "geometry is null"]) {
            f in
            return try f.write("null.geojson", collection([feature(goodPoint), feature("null", #"{"id":"A2"}"#)]))
        },
        HostileFile(
            "emptyPolygon", layer: "communes", message: ["empty-polygon.geojson", "feature 0", "empty geometry"]
        ) { f in
            return try f.write("empty-polygon.geojson", collection([feature(#"{"type":"Polygon","coordinates":[]}"#)]))
        },
        HostileFile(
            "emptyMultiPoint", layer: "households", message: ["empty-points.geojson", "feature 0", "empty geometry"]
        ) { f in
            return try f.write(
                "empty-points.geojson", collection([feature(#"{"type":"MultiPoint","coordinates":[]}"#)]))
        },
        HostileFile(
            "nanCoordinateInGeoJSON", layer: "households",
            message: ["nan.geojson", "line 2", "NaN literal not allowed in JSON"]
        ) { f in
            return try f.write("nan.geojson", collection([feature(#"{"type":"Point","coordinates":[NaN,21.5]}"#)]))
        },
        HostileFile(
            "infiniteCoordinateInGeoJSON", layer: "households",
            message: ["inf.geojson", "line 2", "coordinate is not finite"]
        ) { f in
            return try f.write("inf.geojson", collection([feature(#"{"type":"Point","coordinates":[105.8,1e999]}"#)]))
        },
        HostileFile(
            "nanAndInfInCSV", layer: "households", message: ["nan.csv", "line 3", "lon 'nan' is not a finite number"]
        ) { f in
            return try f.write("nan.csv", "id,lon,lat\nA1,105.8,21.5\nA2,nan,21.5\nA3,105.8,inf\n")
        },
        HostileFile(
            "infinityInCSV", layer: "households",
            message: ["inf.csv", "line 2", "lat '-Infinity' is not a finite number"]
        ) { f in
            return try f.write("inf.csv", "id,lon,lat\nA1,105.8,-Infinity\n")
        },
        HostileFile(
            "hugeCoordinates", layer: "households", message: ["huge.geojson", "feature 0", "is not longitude/latitude"]
        ) { f in
            return try f.write("huge.geojson", collection([feature(#"{"type":"Point","coordinates":[1e300,-1e300]}"#)]))
        },
        HostileFile(
            "hugeCoordinatesInCSV", layer: "households", message: ["huge.csv", "line 2", "is not longitude/latitude"]
        ) { f in
            return try f.write("huge.csv", "id,lon,lat\nA1,1.7976931348623157e308,21.5\n")
        },
        HostileFile(
            "swappedLatitudeAndLongitude", layer: "households",
            message: ["swapped.geojson", "feature 0", "latitude and longitude look swapped"]
        ) { f in
            return try f.write(
                "swapped.geojson", collection([feature(#"{"type":"Point","coordinates":[21.55,105.85]}"#)]))
        },
        HostileFile(
            "swappedLatitudeAndLongitudeInCSV", layer: "households",
            message: ["swapped.csv", "line 2", "latitude and longitude look swapped"]
        ) { f in
            return try f.write("swapped.csv", "id,lat,lon\nA1,105.85,21.55\n")
        },
        HostileFile(
            "swappedIntoTheExtentOfAnotherCountry", layer: "households",
            message: ["arctic.geojson", "feature 0", "outside the plausible extent"]
        ) { f in
            // lon 21.55, lat 85.85 is a valid point (in the Arctic), but swapped it lies in Vietnam.
            return try f.write(
                "arctic.geojson", collection([feature(#"{"type":"Point","coordinates":[21.55,85.85]}"#)]))
        },
        HostileFile(
            "selfIntersectingBowTie", layer: "communes",
            message: ["bowtie.geojson", "feature 0", "invalid geometry: Self-intersection"]
        ) { f in
            let bowTie = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}"#
            return try f.write("bowtie.geojson", collection([feature(bowTie, #"{"code":"B1"}"#)]))
        },
        HostileFile(
            "unclosedRing", layer: "communes",
            message: ["unclosed.geojson", "feature 0", "exterior ring of Polygon is not closed"]
        ) { f in
            let open = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21],[105.1,21.1],[105,21.1]]]}"#
            return try f.write("unclosed.geojson", collection([feature(open, #"{"code":"U1"}"#)]))
        },
        HostileFile(
            "ringWithTooFewPoints", layer: "communes",
            message: ["few.geojson", "feature 0", "has 3 points; a closed ring needs at least 4"]
        ) { f in
            let ring = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21],[105,21]]]}"#
            return try f.write("few.geojson", collection([feature(ring, #"{"code":"F1"}"#)]))
        },
        HostileFile(
            "lineWithOnePoint", layer: "routes",
            message: ["stub.geojson", "feature 0", "LineString has 1 point; a line needs at least 2"]
        ) { f in
            return try f.write(
                "stub.geojson", collection([feature(#"{"type":"LineString","coordinates":[[105,21]]}"#)]))
        },
        HostileFile(
            "positionWithOneNumber", layer: "households",
            message: ["short.geojson", "feature 0", "position has fewer than 2 numbers"]
        ) { f in
            return try f.write("short.geojson", collection([feature(#"{"type":"Point","coordinates":[105]}"#)]))
        },
    ]

    @Test("Geometry: the feature or line and the reason", arguments: geometry)
    func geometryErrors(_ input: HostileFile) throws { try input.check() }

    // MARK: Ids and columns

    static let idsAndColumns: [HostileFile] = [
        HostileFile(
            "duplicateIDsInCSV", layer: "households", message: ["dup.csv", "line 3", "duplicate id 'A1' in this file"]
        ) { f in
            return try f.write("dup.csv", "id,lon,lat\nA1,105.85,21.55\nA1,105.86,21.56\n")
        },
        HostileFile(
            "duplicateCodesInGeoJSON", layer: "communes",
            message: ["dup.geojson", "feature 1", "duplicate id 'D1' in this file"]
        ) { f in
            return try f.write(
                "dup.geojson",
                collection([
                    feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"D1"}"#),
                    feature(GeoJSONText.square(105.1, 21.0, 0.1), #"{"code":"D1"}"#),
                ]))
        },
        HostileFile(
            "idAlreadyInTheStore", layer: "households",
            message: ["again.csv", "id 'S2' already exists in households from an earlier dataset"]
        ) { f in
            return try f.write("again.csv", "id,lon,lat\nN1,105.85,21.55\nS2,105.86,21.56\n")
        },
        HostileFile("missingColumn", layer: "households", message: ["nolat.csv", "line 1", "missing column 'lat'"]) {
            f in
            return try f.write("nolat.csv", "id,lon,households\nA1,105.85,2\n")
        },
        HostileFile(
            "rowWithMissingFields", layer: "households",
            message: ["short.csv", "line 3", "has 2 fields, the header has 3"]
        ) { f in
            return try f.write("short.csv", "id,lon,lat\nA1,105.85,21.55\nA2,105.86\n")
        },
        HostileFile(
            "nonNumericCoordinate", layer: "households",
            message: ["east.csv", "line 3", "lon 'east' is not a finite number"]
        ) { f in
            return try f.write("east.csv", "id,lon,lat\nA1,105.85,21.55\nA2,east,21.56\n")
        },
        HostileFile(
            "commaDecimalCoordinate", layer: "households",
            message: ["comma.csv", "line 2", "lon '105,85' is not a finite number"]
        ) { f in
            return try f.write("comma.csv", "id;lon;lat\nA1;105,85;21,55\n")
        },
        HostileFile(
            "nonNumericCoordinateInGeoJSON", layer: "households",
            message: ["text.geojson", "feature 0", "position must contain only numbers"]
        ) { f in
            return try f.write(
                "text.geojson", collection([feature(#"{"type":"Point","coordinates":["105.8","21.5"]}"#)]))
        },
    ]

    @Test("Ids and columns", arguments: idsAndColumns)
    func idAndColumnErrors(_ input: HostileFile) throws { try input.check() }

    // MARK: Encodings and sizes

    static let encodingsAndSizes: [HostileFile] = [
        HostileFile("nonUTF8CSV", layer: "institutions", message: ["latin.csv", "line 3", "text is not valid UTF-8"]) {
            f in
            // "Trường" in Windows-1258-ish single bytes: not UTF-8.
            let bytes =
                Array("id,kind,name,lon,lat\nI1,school,OK,105.8,21.5\nI2,school,Tr".utf8) + [0xF0, 0xEC, 0xF2]
                + Array("ng,105.8,21.5\n".utf8)
            return try f.write("latin.csv", bytes: bytes)
        },
        HostileFile("nonUTF8GeoJSON", layer: "households", message: ["latin.geojson", "line 2", "invalid UTF-8"]) { f in
            let bytes =
                Array((head + #"{"type":"Feature","properties":{"name":"Tr"#).utf8) + [0xFF, 0xFE]
                + Array((#"ng"},"geometry":"# + goodPoint + "}" + tail).utf8)
            return try f.write("latin.geojson", bytes: bytes)
        },
        HostileFile(
            "extremelyLongLine", layer: "households", message: ["long.csv", "line 3", "record is longer than 1 MiB"]
        ) { f in
            let long = String(repeating: "x", count: 3 << 20)
            return try f.write("long.csv", "id,lon,lat,kind\nA1,105.8,21.5,residential\nA2,105.8,21.5,\(long)\n")
        },
        HostileFile("binaryJunk", layer: "households", message: ["junk.bin", "cannot tell the format"]) { f in
            var generator = SystemRandomNumberGenerator()
            let junk = [UInt8(0)] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return try f.write("junk.bin", bytes: junk)
        },
    ]

    @Test("Encodings and sizes", arguments: encodingsAndSizes)
    func encodingAndSizeErrors(_ input: HostileFile) throws { try input.check() }

    // MARK: Not a readable file

    static let notReadable: [HostileFile] = [
        HostileFile(
            "gzipFile", layer: "households", message: ["households.csv.gz", "is gzip-compressed; decompress it first"]
        ) { f in
            let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            return try f.write("households.csv.gz", bytes: gzip)
        },
        HostileFile(
            "gzipFileWithACSVName", layer: "households", extra: ["--input-format", "csv"],
            message: ["households.csv", "is gzip-compressed"]
        ) { f in
            let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
            return try f.write("households.csv", bytes: gzip)
        },
        HostileFile("directoryInsteadOfAFile", layer: "communes", message: ["shapes", "is a directory, not a file"]) {
            f in
            let folder = f.dir.path("shapes")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return folder
        },
        HostileFile("fileThatIsNotThere", layer: "households", message: ["absent.csv", "no such file"]) { f in
            return f.dir.path("absent.csv")
        },
        HostileFile("namedPipe", layer: "households", message: ["pipe.csv", "is not a regular file"]) { f in
            // Opening a FIFO with no writer would block for ever; it must be refused unopened.
            let fifo = f.dir.path("pipe.csv")
            #expect(mkfifo(fifo, 0o644) == 0)
            return fifo
        },
        HostileFile(
            "endlessDevice", layer: "households", extra: ["--input-format", "csv"],
            message: ["/dev/zero", "is not a regular file"]
        ) { f in
            // /dev/zero never ends: hashing or parsing it would never finish.
            return "/dev/zero"
        },
        HostileFile("danglingSymlink", layer: "households", message: ["dangling.csv", "no such file"]) { f in
            // The name is there, the file behind it is not.
            let link = f.dir.path("dangling.csv")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: f.dir.path("gone.csv"))
            return link
        },
    ]

    @Test("Not a readable file: refused by name before anything is read", arguments: notReadable)
    func notAReadableFile(_ input: HostileFile) throws { try input.check() }
}
