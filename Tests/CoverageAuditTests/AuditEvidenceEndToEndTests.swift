import CoverageTestSupport
import Foundation
import Testing

/// `covaudit audit` on a generated province with measurements: the evidence-weighted value falls
/// below the declared one where over-declared cells are planted, evidence too thin exits 3, and
/// `--no-evidence` gives the audit of a store without measurements byte for byte.
@Suite struct AuditEvidenceEndToEndTests {
    static let claims = """
        {"claims":[
          {"id":"hh-4g","text":"4G","metric":"households","technologies":["4G"],"threshold":"50%"},
          {"id":"speed","text":"median 2 Mbps","metric":"download","mbps":2,"threshold":"50%"}
        ]}
        """

    /// A store of the generated province (`--over-declared-share share`), copied before and after
    /// the measurements are imported.
    static func stores(_ dir: FixtureDirectory, share: Double) throws -> (plain: String, measured: String) {
        let out = dir.path("generated-\(share)")
        let generated = try CovauditBinary.run([
            "generate", "--scale", "demo", "--out", out, "--measurements", "12000", "--over-declared-share",
            String(share), "--as-of", "2025-12-31", "-q",
        ])
        try #require(generated.status == 0, "\(generated.stderr)")
        let plain = dir.path("plain-\(share).sqlite")
        try #require(try CovauditBinary.run(["init", "--db", plain]).status == 0)
        for (layer, file) in [
            ("communes", "synthetic_communes.geojson"), ("coverage", "synthetic_coverage.geojson"),
            ("households", "synthetic_households.csv"),
        ] {
            let imported = try CovauditBinary.run(["import", layer, "\(out)/\(file)", "--db", plain, "-q"])
            try #require(imported.status == 0, "\(layer): \(imported.stderr)")
        }
        let measured = dir.path("measured-\(share).sqlite")
        try FileManager.default.copyItem(atPath: plain, toPath: measured)
        let imported = try CovauditBinary.run([
            "import", "measurements", "\(out)/measurements.csv", "--db", measured, "-q",
        ])
        try #require(imported.status == 0, "\(imported.stderr)")
        return (plain, measured)
    }

    /// The audit's JSON outcomes by claim id.
    static func outcomes(_ stdout: String) throws -> [String: [String: Any]] {
        let json = try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let list = try #require(json["outcomes"] as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: list.map { (($0["claim"] as? [String: Any])?["id"] as? String ?? "", $0) })
    }

    static func alternative(_ outcome: [String: Any]?, _ key: String) -> [String: Any]? {
        (outcome?["alternatives"] as? [[String: Any]])?.first { $0["key"] as? String == key }
    }

    @Test func plantedOverDeclarationLowersTheEvidenceWeightedValue() throws {
        let dir = try FixtureDirectory("audit-evidence")
        let claims = try dir.write("claims.json", Self.claims)
        let units = try dir.write(
            "units.json", #"{"claims":[{"id":"hh-4g","metric":"households","technologies":["4G"],"threshold":"50%"}]}"#)
        var confirmed: [Double: Double] = [:]
        for share in [0.0, 0.5] {
            let (plain, measured) = try Self.stores(dir, share: share)
            let run = try CovauditBinary.run(["audit", claims, "--db", measured, "-f", "json", "-q"])
            try #require(run.status == 0 || run.status == 3, "\(run.stderr)")
            let by = try Self.outcomes(run.stdout)
            let declared = try #require(by["hh-4g"]?["measured"] as? Double)
            let evidence = try #require(Self.alternative(by["hh-4g"], "evidence:households"))
            let value = try #require(evidence["value"] as? Double)
            let interval = try #require(evidence["interval"] as? [String: Double])
            #expect((interval["lower"] ?? 1) <= value && value <= (interval["upper"] ?? 0))
            #expect(value < declared, "share \(share): confirmed \(value), declared \(declared)")
            confirmed[share] = value
            print("over-declared share \(share): declared \(declared), evidence-weighted \(value), \(interval)")
            #expect(by["speed"]?["verdict"] as? String != "cannot be evaluated")

            // Without the measurements' use the audit is the one of a store without measurements.
            for format in ["table", "json", "markdown"] {
                let skipped = try CovauditBinary.run([
                    "audit", units, "--db", measured, "-f", format, "-q", "--no-evidence",
                ])
                let without = try CovauditBinary.run(["audit", units, "--db", plain, "-f", format, "-q"])
                #expect(skipped.status == without.status)
                #expect(skipped.stdout == without.stdout && !skipped.stdout.isEmpty)
                #expect(!skipped.stdout.contains("confirm service"))
            }
            let speedOnly = try CovauditBinary.run(["audit", claims, "--db", measured, "-q", "--no-evidence"])
            #expect(speedOnly.status == 3 && speedOnly.stdout.contains("measurements were not used (--no-evidence)"))
        }
        // The report's claims section weighs the claims the same way.
        let report = try CovauditBinary.run([
            "report", "--db", dir.path("measured-0.5.sqlite"), "--out", dir.path("report"), "--claims", claims, "-q",
        ])
        try #require(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: dir.path("report/report.html"), encoding: .utf8)
        #expect(html.contains("where measurements confirm service") && html.contains("median download"))
        let (unplanted, planted) = (try #require(confirmed[0]), try #require(confirmed[0.5]))
        #expect(planted < unplanted - 0.05, "planted \(planted), unplanted \(unplanted)")
    }

    @Test func staleOrTooFewTestsGiveEvidenceTooThinAndExitThree() throws {
        let dir = try FixtureDirectory("audit-evidence-thin")
        let claims = try dir.write("claims.json", Self.claims)
        let (_, measured) = try Self.stores(dir, share: 0.1)
        for (options, reason) in [
            (["--as-of", "2028-01-01"], "stale tests"), (["--min-tests", "1000000"], "too few tests"),
        ] {
            let run = try CovauditBinary.run(["audit", claims, "--db", measured, "-f", "json", "-q"] + options)
            #expect(run.status == 3, "\(run.stderr)")
            let speed = try #require(try Self.outcomes(run.stdout)["speed"])
            #expect(speed["verdict"] as? String == "evidence too thin")
            #expect((speed["reasons"] as? [String])?.joined().contains(reason) == true, "\(speed)")
            let table = try CovauditBinary.run(["audit", claims, "--db", measured, "-q"] + options)
            #expect(table.stdout.contains("1 evidence too thin"))
        }
        #expect(try CovauditBinary.run(["audit", claims, "--db", measured, "--as-of", "tomorrow"]).status == 64)
        #expect(try CovauditBinary.run(["audit", claims, "--db", measured, "--min-tests", "0"]).status == 64)
    }
}
