import CoverageTestSupport
import Testing

/// Exit codes of the command line itself: help and version succeed, bad usage is 64.
@Suite("CLI exit codes")
struct CLIBasicsTests {
    @Test func versionAndHelpExitZero() throws {
        let version = try CovauditBinary.run(["--version"])
        let help = try CovauditBinary.run(["import", "--help"])
        #expect(version.status == 0 && !version.stdout.isEmpty && version.stderr.isEmpty, "\(version.stderr)")
        #expect(help.status == 0 && help.stdout.contains("--make-valid"), "\(help.stderr)")
    }

    @Test func badUsageExits64() throws {
        let missing = try CovauditBinary.run(["import", "households"])
        let unknownLayer = try CovauditBinary.run(["import", "people", "x.csv", "--db", "s.sqlite"])
        #expect(missing.status == 64 && unknownLayer.status == 64, "\(missing.stderr)\n\(unknownLayer.stderr)")
    }
}
