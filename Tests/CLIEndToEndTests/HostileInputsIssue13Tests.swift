import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Issue 13 through the built binary: options, OpenCelliD detection, control characters in
/// names and file names, RFC 8142 sequences, and files that fail early without being hashed first.
@Suite("Hostile inputs, issue 13")
struct HostileInputsIssue13Tests {
    private let outsideVietnam = "id,lon,lat\nW1,-70.5,-33.4\n"

    // MARK: Options

    @Test(arguments: [
        ["--extent=-180,-90,180,90"], ["--extent", "-180,-90,180,90"], ["--extent", " -180,-90,180,90"],
    ])
    func extentStartingWithAMinusSign(_ extent: [String]) throws {
        let f = try E2EFixture()
        let file = try f.write("world.csv", outsideVietnam)
        let r = try CovauditBinary.run(f.importArgs("households", file, extent))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.open().inventory().counts["households"] == 4)
    }

    @Test(arguments: [
        "nan,0,1,1", "-inf,0,inf,1", "0,0,0,0", "1,2,3", "1,2,3,4,5", "-200,0,0,1", "0,-91,1,1", "0,0,1,1e999",
        ",0,1,1",
    ])
    func badExtentIsAUsageError(_ extent: String) throws {
        let f = try E2EFixture()
        let file = try f.write("world.csv", outsideVietnam)
        let before = try StoreState.capture(f.store)
        let r = try CovauditBinary.run(f.importArgs("households", file, ["--extent", extent]))
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--extent takes minLon,minLat,maxLon,maxLat"))
        #expect(try StoreState.capture(f.store) == before)
    }

    @Test(arguments: ["coverage", "audit"], ["nan", "inf", "-inf", "-1", "1e999"])
    func nonFiniteOrNegativeMinimumSpeedIsAUsageError(_ command: String, _ speed: String) throws {
        let f = try E2EFixture()
        let claims = try f.write("claims.json", #"{"claims":[]}"#)
        let args = (command == "audit" ? ["audit", claims] : ["coverage"]) + ["--db", f.store, "--min-speed=\(speed)"]
        let r = try CovauditBinary.run(args)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--min-speed must be a finite number"))
        #expect(!r.stderr.contains("EncodingError"))
    }

    // MARK: OpenCelliD

    private static let cells = """
        radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal
        LTE,452,4,10101,2001,0,105.85,21.59,1500,12,1,1500000000,1600000000,0
        GSM,452,1,20202,3001,0,105.70,21.52,3000,3,1,1500000000,1600000000,0

        """

    @Test func openCellIDExportIsDetectedWithoutFormat() throws {
        let f = try E2EFixture()
        let file = try f.write("cells.csv", Self.cells)
        let r = try CovauditBinary.run(f.importArgs("sites", file, ["-f", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""format" : "opencellid""#) || r.stdout.contains(#""format":"opencellid""#))
        let sites = try f.open().sites()
        #expect(sites.map(\.operatorName) == ["Viettel", "MobiFone"])
        #expect(sites.map(\.technology) == [.g4, .g2])
    }

    // MARK: Control characters

    @Test func controlCharactersInNamesAndFileNamesAreShownEscaped() throws {
        let f = try E2EFixture()
        let name = "Xã \u{1B}]0;pwned\u{07}\u{1B}[31mĐỏ\u{9B}2J"
        let properties = try String(
            decoding: JSONSerialization.data(withJSONObject: ["code": "E1", "name": name]), as: UTF8.self)
        let file = try f.write(
            "evil\u{1B}[2J.geojson",
            GeoJSONText.collection([GeoJSONText.feature(GeoJSONText.square(106.0, 21.5, 0.1), properties)]))
        let imported = try CovauditBinary.run(["import", "communes", file, "--db", f.store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let info = try CovauditBinary.run(["info", "--db", f.store])
        #expect(info.status == 0, "\(info.stderr)")
        for output in [imported.stdout, imported.stderr, info.stdout] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
        }
        #expect(info.stdout.contains("evil\\x1B[2J.geojson"))
        #expect(imported.stdout.contains("evil\\x1B[2J.geojson"))
        // Stored exactly as written.
        let units = try f.open().adminUnits()
        #expect(units.contains { $0.name == name })
        #expect(try f.open().datasets().contains { $0.fileName == "evil\u{1B}[2J.geojson" })
        // JSON output keeps the exact value (escaped as JSON).
        let json = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        #expect(json.stdout.contains(#"evil\u001b[2J.geojson"#))
    }

    @Test func errorMessagesShowControlCharactersEscaped() throws {
        let f = try E2EFixture()
        let file = try f.write("dup.csv", "id,lon,lat\nA\u{1B}[8m1,105.85,21.55\nA\u{1B}[8m1,105.86,21.56\n")
        let r = try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["dup.csv", "line 3", "duplicate id 'A\\x1B[8m1'"])
        #expect(!r.stderr.unicodeScalars.contains { $0.value == 0x1B })
    }

    // MARK: RFC 8142 and value sizes

    @Test(arguments: ["points.geojsons", "points"])
    func geoJSONTextSequenceImports(_ name: String) throws {
        let f = try E2EFixture()
        let text = (1...2).map {
            "\u{1E}"
                + #"{"type":"Feature","id":"Q\#($0)","properties":{},"geometry":{"type":"Point","coordinates":[105.8\#($0),21.55]}}"#
                + "\n"
        }.joined()
        let file = try f.write(name, text)
        let r = try CovauditBinary.run(f.importArgs("households", file))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.open().inventory().counts["households"] == 5)
    }

    /// Inputs refused by name, like `HostileInputTests`' tables.
    static let refused: [HostileFile] = [
        HostileFile(
            "openCellIDExportIntoAnotherLayerIsRefusedWithAHint", layer: "households",
            message: ["cells.csv", "looks like an OpenCelliD cell export", "--input-format csv"]
        ) { f in
            try f.write("cells.csv", cells)
        },
        HostileFile(
            "overlongGeoJSONStringFailsNamingTheFeature", layer: "households",
            message: ["long.geojson", "feature 1", "property \"kind\"", "longer than 1 MiB"]
        ) { f in
            let long = String(repeating: "x", count: 3 << 20)
            let text = GeoJSONText.collection([
                #"{"type":"Feature","properties":{"id":"L1"},"geometry":{"type":"Point","coordinates":[105.8,21.5]}}"#,
                #"{"type":"Feature","properties":{"id":"L2","kind":"\#(long)"},"geometry":{"type":"Point","coordinates":[105.8,21.5]}}"#,
            ])
            return try f.write("long.geojson", text)
        },
    ]

    @Test("refused by name, the store unchanged", arguments: refused)
    func refusedInputs(_ input: HostileFile) throws { try input.check() }

    // MARK: Files that fail early are not hashed first

    /// Writes `head`, then extends the file with a hole of NUL bytes to `size` (sparse: no disk used).
    private func sparseFile(_ f: E2EFixture, _ name: String, head: String, size: off_t = 2 << 30) throws -> String {
        let path = try f.write(name, head)
        #expect(truncate(path, size) == 0)
        return path
    }

    @Test(
        arguments: [
            (
                "late.geojson",
                #"{"type":"FeatureCollection","features":[]"# + String(repeating: " ", count: 8192) + "\n x", "line 2"
            ),
            (
                "late.csv", "id,lon,lat\n" + (1...600).map { "A\($0),105.8,21.5\n" }.joined() + "B,east,21.5\n",
                "line 602"
            ),
        ])
    func fileFailingEarlyIsRefusedWithoutReadingItAll(_ name: String, _ head: String, _ line: String) throws {
        let f = try E2EFixture()
        let file = try sparseFile(f, name, head: head)
        let started = Date()
        try assertFailsCleanly(args: f.importArgs("households", file), store: f.store, messageContains: [name, line])
        #expect(Date().timeIntervalSince(started) < 8, "a 2 GiB file failing on its first lines took too long")
    }

    @Test(arguments: ["zeros.geojson", "zeros.csv"])
    func fileOfNULBytesIsRefusedAtOnce(_ name: String) throws {
        let f = try E2EFixture()
        let file = try sparseFile(f, name, head: "")
        let started = Date()
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store, messageContains: [name, "holds NUL bytes"])
        #expect(Date().timeIntervalSince(started) < 8)
    }
}
