import ArgumentParser
import CoverageModel
import CoverageStore
import Testing

@testable import CoverageCommands

/// How every command parses its arguments, in process: values, hidden aliases and usage errors.
@Suite struct CommandParsingTests {
    /// A command line and what parsing it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var args: [String]
        var check: @Sendable (any ParsableCommand) -> Bool
        var testDescription: String { args.joined(separator: " ") }

        init(_ args: [String], _ check: @escaping @Sendable (any ParsableCommand) -> Bool) {
            self.args = args
            self.check = check
        }
    }

    static let parsed: [Case] = [
        Case(["init", "--db", "s.sqlite"]) { ($0 as? InitCommand)?.store.storePath == "s.sqlite" },
        Case(["info", "--db", "s.sqlite", "-f", "json"]) {
            guard let c = $0 as? InfoCommand else { return false }
            return c.store.storePath == "s.sqlite" && c.format == .json
        },
        Case(["check", "--db", "s.sqlite", "--vintage", "2025", "--strict"]) {
            guard let c = $0 as? CheckCommand else { return false }
            return c.vintage == "2025" && c.strict && c.format == .table
        },
        Case(["import", "households", "h.csv", "--db", "s.sqlite"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.layer == .households && c.file == "h.csv" && c.store.storePath == "s.sqlite"
                && c.inputFormat == nil && c.outputFormat == .table && c.deprecationNotes.isEmpty
        },
        Case(["import", "sites", "c.csv", "--db", "s", "--input-format", "opencellid", "-f", "json"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.inputFormat == .opencellid && c.outputFormat == .json && c.deprecationNotes.isEmpty
        },
        Case(["import", "communes", "c.gpkg", "--db", "s", "--format", "table", "--layer", "xa", "--srid", "9213"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.outputFormat == .table && c.sourceLayer == "xa" && c.srid == 9213 && c.inputFormat == nil
        },
        Case(["coverage", "--db", "s", "-f", "csv", "--by", "hamlet", "--fibre-distance", "250", "--no-areas"]) {
            guard let c = $0 as? CoverageCommand else { return false }
            return c.format == .csv && c.by == .hamlet && c.coverage.fibreDistance == 250 && c.coverage.noAreas
        },
        Case(["audit", "claims.json", "--db", "s", "-f", "markdown", "--lang", "vi"]) {
            guard let c = $0 as? AuditCommand else { return false }
            return c.claims == "claims.json" && c.format == .markdown && c.lang == .vi
        },
        Case(["audit", "c.json", "--db", "s", "--as-of", "2025-12-31", "--min-tests", "20", "--no-evidence"]) {
            guard let c = $0 as? AuditCommand else { return false }
            return c.asOf == "2025-12-31" && c.minTests == 20 && c.noEvidence
        },
        Case(["report", "--db", "s", "--out", "r", "--claims", "c.json", "--overwrite"]) {
            guard let c = $0 as? ReportCommand else { return false }
            return c.store.storePath == "s" && c.out == "r" && c.claims == "c.json" && c.overwrite
        },
        Case(["export", "routes", "--db", "s", "--out", "r.geojson", "--precision", "6"]) {
            guard let c = $0 as? ExportCommand else { return false }
            return c.layer == .routes && c.out == "r.geojson" && c.precision == 6 && c.format == .geojson
                && c.deprecationNotes.isEmpty
        },
        Case(["export", "-f", "gpkg", "--db", "s", "--out", "r.gpkg"]) {
            guard let c = $0 as? ExportCommand else { return false }
            return c.layer == nil && c.format == .gpkg && c.out == "r.gpkg"
        },
        Case(["generate", "--out", "g", "--scale", "province", "--seed", "7"]) {
            guard let c = $0 as? GenerateCommand else { return false }
            return c.out == "g" && c.scale == .province && c.seed == 7 && !c.overwrite
        },
        Case(["demo", "--out", "d", "--lang", "vi"]) {
            guard let c = $0 as? DemoCommand else { return false }
            return c.out == "d" && c.data == "GeoData/thai-nguyen" && c.lang == .vi
        },
    ]

    @Test("every command parses its options", arguments: parsed)
    func parses(_ c: Case) throws {
        let command = try Covaudit.parseAsRoot(c.args)
        #expect(c.check(command))
    }

    /// The old spellings, kept hidden for one release: each still parses, to the new option's value,
    /// and leaves a deprecation note.
    static let aliases: [Case] = [
        Case(["import", "households", "h.csv", "--db", "s", "--format", "csv"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.inputFormat == .csv && c.outputFormat == .table && c.deprecationNotes.count == 1
        },
        Case(["import", "households", "h.gpkg", "--db", "s", "-f", "gdal"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.inputFormat == .gdal && c.deprecationNotes.count == 1
        },
        Case(["import", "households", "h.csv", "--db", "s", "-o", "json"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.outputFormat == .json && c.inputFormat == nil && c.deprecationNotes.count == 1
        },
        Case(["import", "households", "h.csv", "--db", "s", "--output-format", "json", "--format", "csv"]) {
            guard let c = $0 as? ImportCommand else { return false }
            return c.outputFormat == .json && c.inputFormat == .csv && c.deprecationNotes.count == 2
        },
        Case(["export", "communes", "--db", "s", "-o", "c.geojson"]) {
            guard let c = $0 as? ExportCommand else { return false }
            return c.out == "c.geojson" && c.deprecationNotes.count == 1
        },
        Case(["export", "-f", "gpkg", "--db", "s", "--output", "c.gpkg"]) {
            guard let c = $0 as? ExportCommand else { return false }
            return c.out == "c.gpkg" && c.format == .gpkg && c.deprecationNotes.count == 1
        },
    ]

    @Test("old spellings still parse, with a note", arguments: aliases)
    func aliasesParse(_ c: Case) throws {
        let command = try Covaudit.parseAsRoot(c.args)
        #expect(c.check(command))
    }

    @Test func deprecationNotesNameTheNewSpelling() throws {
        let imported = try #require(
            try Covaudit.parseAsRoot(["import", "households", "h.csv", "--db", "s", "--format", "csv"])
                as? ImportCommand)
        #expect(
            imported.deprecationNotes == [
                "--format csv is deprecated and will be removed in the next release; use --input-format csv"
            ])
        let exported = try #require(
            try Covaudit.parseAsRoot(["export", "communes", "--db", "s", "-o", "x"]) as? ExportCommand)
        #expect(
            exported.deprecationNotes == [
                "-o/--output is deprecated and will be removed in the next release; use --out"
            ])
    }

    @Test("help does not show the hidden aliases", arguments: ["import", "export"])
    func aliasesAreHidden(_ name: String) {
        let help = Covaudit.helpMessage(for: name == "import" ? ImportCommand.self : ExportCommand.self)
        #expect(!help.contains("--output"))
        #expect(!help.contains("-o,"))
        #expect(help.contains(name == "import" ? "--input-format" : "--out"))
    }

    /// Command lines that are usage errors: exit code 64, without running anything.
    static let refused: [[String]] = [
        ["init"],
        ["info", "--db", "s", "-f", "xml"],
        ["import", "hamlet-ish", "h.csv", "--db", "s"],
        ["import", "households", "h.csv", "--db", "s", "--input-format", "xls"],
        ["import", "households", "h.csv", "--db", "s", "--format", "xls"],
        ["import", "households", "h.csv", "--db", "s", "-f", "json", "-o", "table"],
        ["import", "households", "h.csv", "--db", "s", "--format", "csv", "--input-format", "gdal"],
        ["import", "households", "h.csv", "--db", "s", "--input-format", "opencellid"],
        ["import", "households", "h.csv", "--db", "s", "--coverage-from-range"],
        ["import", "households", "h.csv", "--db", "s", "--srid", "4326", "--assume-srid", "4326"],
        ["import", "households", "h.csv", "--db", "s", "--extent", "1,2,3"],
        ["coverage", "--db", "s", "--fibre-distance", "60000"],
        ["coverage", "--db", "s", "--gap-link", "0"],
        ["coverage", "--db", "s", "--hamlet-rule", "share>=2"],
        ["audit", "c.json", "--db", "s", "-f", "pdf"],
        ["report", "--db", "s"],
        ["export", "--db", "s"],
        ["export", "communes", "--db", "s", "--precision", "8"],
        ["export", "-f", "gpkg", "--db", "s"],
        ["export", "-f", "gpkg", "--db", "s", "--out", "-"],
        ["export", "communes", "-f", "gpkg", "--db", "s", "--out", "x.gpkg"],
        ["export", "communes", "--db", "s", "--out", "a", "-o", "b"],
        ["generate", "--scale", "planet", "--out", "g"],
        ["evidence", "--db", "s", "--as-of", "2025-13-40"], ["evidence", "--db", "s", "--min-tests", "0"],
        ["audit", "c.json", "--db", "s", "--as-of", "2025-13-40"],
        ["audit", "c.json", "--db", "s", "--min-tests", "0"],
        ["nonsense"],
    ]

    @Test("bad command lines are usage errors (exit 64)", arguments: refused)
    func refusedWithUsageError(_ args: [String]) {
        do {
            _ = try Covaudit.parseAsRoot(args)
            Issue.record("parsed: \(args)")
        } catch {
            #expect(Covaudit.exitCode(for: error) == .validationFailure)
            #expect(Covaudit.exitCode(for: error).rawValue == 64)
        }
    }
}
