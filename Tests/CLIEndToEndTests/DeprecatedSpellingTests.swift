import CoverageTestSupport
import Foundation
import Testing

/// The option spellings replaced in issue 15 still work for one release, with a note on stderr
/// (unless -q, like every warning).
@Suite("Deprecated option spellings")
struct DeprecatedSpellingTests {
    /// `import --format csv` (input) and `import -o json` (summary) run as `--input-format csv -f json`.
    @Test func importKeepsFormatAsInputAndOAsOutput() throws {
        let f = try E2EFixture()
        let file = try f.write("h.txt", "id,lon,lat\nH1,105.05,21.05\n")
        let result = try CovauditBinary.run(
            ["import", "households", file, "--db", f.store, "--format", "csv", "-o", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{"), "\(result.stdout)")
        #expect(result.stderr.contains("--format csv is deprecated"), "\(result.stderr)")
        #expect(result.stderr.contains("use --input-format csv"), "\(result.stderr)")
        #expect(result.stderr.contains("-o/--output-format is deprecated"), "\(result.stderr)")
        let long = try CovauditBinary.run(
            f.importArgs("households", file, ["--input-format", "csv", "--output-format", "json", "--replace"]))
        try #require(long.status == 0, "\(long.stderr)")
        #expect(long.stdout.hasPrefix("{"), "\(long.stdout)")
    }

    /// `export -o FILE` and `export --output FILE` write the file `--out FILE` writes.
    @Test(arguments: ["-o", "--output"])
    func exportKeepsOAsOut(_ spelling: String) throws {
        let f = try E2EFixture()
        let newPath = f.dir.path("new.geojson")
        let oldPath = f.dir.path("old.geojson")
        let new = try CovauditBinary.run(["export", "communes", "--db", f.store, "--out", newPath, "-q"])
        try #require(new.status == 0, "\(new.stderr)")
        let old = try CovauditBinary.run(["export", "communes", "--db", f.store, spelling, oldPath])
        try #require(old.status == 0, "\(old.stderr)")
        #expect(old.stderr.contains("-o/--output is deprecated"), "\(old.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: oldPath)) == Data(contentsOf: URL(fileURLWithPath: newPath)))
    }
}
