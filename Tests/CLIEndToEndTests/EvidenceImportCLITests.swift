import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// `covaudit import measurements|speed-tiles` through the binary: the exclusions on stderr and in
/// `-f json`, exit 1 with the store unchanged when every row is excluded, and `info` listing the layers.
@Suite("Evidence import through the CLI")
struct EvidenceImportCLITests {
    static let csv = """
        Timestamp,Latitude,Longitude,Download (Mbps),RSRP
        2025-11-03 14:05:00,21.6,105.8,30,-100
        2025-11-03 14:06:00,21.6,105.8,-4,-100
        2099-11-03 14:06:00,21.6,105.8,30,-100

        """

    /// covaudit's JSON output as a dictionary.
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func exclusionsAreReportedOnStderrAndInJSON() throws {
        let f = try E2EFixture()
        let file = try f.write("drive.csv", Self.csv)
        let table = try CovauditBinary.run([
            "import", "measurements", file, "--db", f.store, "--measurement-source", "drive-test",
        ])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stderr.contains("excluded 1 negative-speed"), "\(table.stderr)")
        #expect(table.stderr.contains("e.g. line 3: speed -4.0 Mbps"), "\(table.stderr)")
        #expect(table.stderr.contains("excluded 1 time-in-future"), "\(table.stderr)")
        let json = try CovauditBinary.run(
            f.importArgs("measurements", file, ["--measurement-source", "drive-test", "--replace", "-f", "json"]))
        #expect(json.status == 0, "\(json.stderr)")
        let decoded = try Self.object(json.stdout)
        #expect(decoded["rows"] as? Int == 1)
        let exclusions = try #require(decoded["exclusions"] as? [[String: Any]])
        #expect(exclusions.map { $0["reason"] as? String } == ["negative-speed", "time-in-future"])
        #expect(exclusions.map { $0["count"] as? Int } == [1, 1])
        let example = try #require((exclusions.first?["examples"] as? [[String: Any]])?.first)
        #expect(example["location"] as? String == "line 3")
        let info = try CovauditBinary.run(["info", "--db", f.store])
        #expect(info.stdout.contains("measurements"), "\(info.stdout)")
        #expect(info.stdout.contains("rows left out by imports"), "\(info.stdout)")
        let infoJSON = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        let inventory = try Self.object(infoJSON.stdout)
        #expect((inventory["counts"] as? [String: Any])?["measurements"] as? Int == 1)
        #expect((inventory["exclusions"] as? [[String: Any]])?.map { $0["count"] as? Int } == [1, 1])
    }

    @Test func aFileWhoseEveryRowIsExcludedExitsOneAndChangesNothing() throws {
        let f = try E2EFixture()
        let file = try f.write("drive.csv", "lat,lon,rsrp\n21.6,105.8,3\n21.6,105.8,-200\n")
        let before = try StoreState.capture(f.store)
        let result = try CovauditBinary.run(f.importArgs("measurements", file, ["--measurement-source", "drive-test"]))
        #expect(result.status == 1)
        #expect(result.stderr.contains("every row was excluded (2 rsrp-out-of-range)"), "\(result.stderr)")
        #expect(try StoreState.capture(f.store) == before)
    }

    @Test func tilesNeedAKindAndTheOptionsBelongToTheirLayers() throws {
        let f = try E2EFixture()
        let q = Quadkey(containing: Coordinate(105.8, 21.6), zoom: 16)!
        let file = try f.write("tiles.csv", "quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n\(q),1,1,1,1,1\n")
        let refused = try CovauditBinary.run(f.importArgs("speed-tiles", file))
        #expect(refused.status == 1 && refused.stderr.contains("--tile-kind"), "\(refused.stderr)")
        let imported = try CovauditBinary.run(f.importArgs("speed-tiles", file, ["--tile-kind", "mobile"]))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try f.open().readSnapshot().speedTiles(kind: .mobile).map(\.quadkey) == [q])
        let misplaced = try CovauditBinary.run(f.importArgs("households", file, ["--tile-kind", "mobile"]))
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--tile-kind applies to the speed-tiles layer only"))
    }
}
