import Foundation
import Testing

@testable import CoverageCommands

/// What keeps report folders the same wherever and whenever they are written.
@Suite struct ReproducibilityTests {
    @Test(
        "paths are written relative to the output folder",
        arguments: [
            ("/w/repo/Reports/demo/demo.sqlite", "/w/repo/Reports/demo", "demo.sqlite"),
            (
                "/w/repo/GeoData/thai-nguyen/claims.json", "/w/repo/Reports/demo",
                "../../GeoData/thai-nguyen/claims.json"
            ),
            ("/w/repo/Reports/demo", "/w/repo/Reports/demo", "."),
            ("/w/repo/Reports/demo/", "/w/repo/Reports/./demo", "."),
            ("/elsewhere/s.sqlite", "/w/out", "../../elsewhere/s.sqlite"),
        ])
    func relativePaths(path: String, folder: String, expected: String) {
        #expect(Reproducibility.relativePath(path, from: folder) == expected)
    }

    @Test func relativePathsResolveFromTheCurrentDirectory() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(Reproducibility.relativePath("out/s.sqlite", from: "out") == "s.sqlite")
        #expect(Reproducibility.relativePath(cwd + "/a/b.json", from: "out") == "../a/b.json")
    }

    @Test func theCommandKeepsItsOptionsAndRewritesOnlyPathValues() {
        let command = Reproducibility.command(
            [
                "covaudit", "report", "--db", "/data/s.sqlite", "--out=/data/out", "--claims", "/data/c.json", "--lang",
                "vi",
            ],
            outputFolder: "/data/out", pathOptions: Reproducibility.reportPathOptions)
        #expect(
            command == [
                "covaudit", "report", "--db", "../s.sqlite", "--out=.", "--claims", "../c.json", "--lang", "vi",
            ])
    }

    @Test func theTimeComesFromSourceDateEpochWhenSet() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try Reproducibility.timestamp(environment: [:], now: now) == "2027-01-15T08:00:00Z")
        #expect(
            try Reproducibility.timestamp(environment: ["SOURCE_DATE_EPOCH": "1767139200"], now: now)
                == "2025-12-31T00:00:00Z")
    }

    @Test("a malformed SOURCE_DATE_EPOCH is refused", arguments: ["", "yesterday", "-5", "1.5"])
    func malformedEpoch(value: String) {
        #expect(throws: CommandFailure.self) {
            try Reproducibility.timestamp(environment: ["SOURCE_DATE_EPOCH": value])
        }
    }
}
