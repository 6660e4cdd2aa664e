import ArgumentParser
import Testing

@testable import CoverageCommands

/// `generate --measurements` and its options: defaults, values, and out-of-range values as usage errors.
@Suite struct GenerateMeasurementOptionsTests {
    @Test("defaults write no measurements; the options reach the generator's parameters")
    func parsesOptions() throws {
        let plain = try #require(try Covaudit.parseAsRoot(["generate", "--out", "g"]) as? GenerateCommand)
        #expect(plain.measurementParameters.count == 0)
        #expect(plain.measurementParameters.overDeclaredShare == 0.1)
        #expect(plain.measurementParameters.asOf == "2025-12-31")
        let asked = try #require(
            try Covaudit.parseAsRoot([
                "generate", "--out", "g", "--measurements", "5000", "--over-declared-share", "0.2",
                "--undeclared-share", "0", "--speed-tiles", "--as-of", "2025-06-30",
            ]) as? GenerateCommand)
        let p = asked.measurementParameters
        #expect(p.count == 5_000 && p.overDeclaredShare == 0.2 && p.undeclaredShare == 0 && p.speedTiles)
        #expect(p.asOf == "2025-06-30" && p.windowEnd == 1_751_328_000)
    }

    @Test(
        "out-of-range measurement options are usage errors (exit 64)",
        arguments: [
            ["--measurements", "-5"], ["--measurements", "10", "--over-declared-share", "1.5"],
            ["--measurements", "10", "--undeclared-share", "-0.1"], ["--measurements", "10", "--as-of", "2025-02-30"],
            ["--measurements", "10", "--as-of", "yesterday"],
        ])
    func refused(_ extra: [String]) {
        do {
            _ = try Covaudit.parseAsRoot(["generate", "--out", "g"] + extra)
            Issue.record("parsed: \(extra)")
        } catch {
            #expect(Covaudit.exitCode(for: error).rawValue == 64)
        }
    }
}
