import ArgumentParser
import CoverageAnalysis
import CoverageFormats
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit evidence`: measured tests against declared coverage, per commune and operator, and
/// the zoom-16 cells where they contradict it.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Measured evidence: speed and drive tests against declared coverage, per commune and operator.",
        discussion: """
            Reads the store's measurements (and Ookla speed tiles), keeps the tests in the validity window and \
            hours, judges each by the speed tier or, for signal-only tests, by the signal threshold, and reports per \
            commune and operator the share of tests inside declared coverage that are served (95% Wilson interval), \
            the challenge candidates (zoom-16 cells where the tests contradict the declared coverage, exact \
            binomial test) and served-but-undeclared cells. Fixed and school probes measure a fixed connection, not \
            mobile coverage: commune rows count them as excluded (probe), and each institution their probes name gets \
            its own figures (probe tests, served, median download, newest test, evidence strength). Definitions and \
            defaults: docs/DEFINITIONS.md.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Admin vintage (default: the newest).") var vintage: String?
    @Option(
        help:
            "End of the validity window, YYYY-MM-DD (the window ends at the end of that day; default: the newest test)."
    )
    var asOf: String?
    @Option(help: "Fewest valid tests in a cell before it can be challenged.") var minTests: Int?
    @Option(name: [.short, .customLong("format")], help: "table or json.") var format: OutputFormat = .table
    @Option(
        help: "Also write, per operator, a CSV of the tests behind each challenge candidate into this folder.")
    var challengePackage: String?
    @Option(
        help:
            "Also write the flagged zoom-16 cells (challenges, served but undeclared) to this file: a GeoPackage with the tests behind each challenge when it ends in .gpkg, else GeoJSON."
    )
    var cells: String?
    @Flag(help: "Print each stage's wall seconds on stderr (read, classify, tally, cells, tiles…).")
    var timings = false
    @Flag(name: [.short, .long], help: "No notes on stderr.") var quiet = false

    func validate() throws {
        if let asOf, Self.endOfDay(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
        if let minTests, minTests < 1 { throw ValidationError("--min-tests must be at least 1") }
    }

    func run() throws {
        var parameters = EvidenceParameters()
        if let minTests { parameters.minimumTestsPerCell = minTests }
        var run = EvidenceRun(store: try Store.open(at: store.storePath, readOnly: true), parameters: parameters)
        run.vintage = vintage
        run.asOf = asOf.flatMap(Self.endOfDay)
        run.resolveCandidateTests = challengePackage != nil || cells.map(EvidenceCellsFile.isGeoPackage) == true
        if timings { run.onStage = { Diagnostics.note("evidence: stage \($0) \(String(format: "%.3f", $1)) s") } }
        if let challengePackage { try OutputFolder.check(challengePackage) }
        let outcome = try run.run()
        if let cells {
            let n = try EvidenceCellsFile.write(outcome, to: cells)
            Diagnostics.note("wrote \(n) cells to \(cells)", quiet: quiet)
        }
        if let challengePackage {
            for path in try ChallengePackage.write(outcome, to: challengePackage) {
                Diagnostics.note("wrote \(path)", quiet: quiet)
            }
        }
        let printing = Date()
        switch format {
        case .json: try EvidenceJSONWriter.write(outcome.result, to: ByteSink(path: nil))
        case .table: printTable(outcome)
        }
        run.onStage?("print \(format.rawValue)", Date().timeIntervalSince(printing))
    }

    /// Seconds since 1970 at the end of the UTC day `text` (YYYY-MM-DD), or nil.
    static func endOfDay(_ text: String) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let day = formatter.date(from: text) else { return nil }
        return day.timeIntervalSince1970 + 86_400
    }

    private func printTable(_ outcome: EvidenceRun.Outcome) {
        let r = outcome.result
        var t = TextTable(
            [
                "commune", "operator", "tests", "valid", "inside", "served inside", "95% interval", "median Mbps",
                "evidence",
            ],
            numeric: [2, 3, 4, 5, 7])
        for row in r.rows {
            let interval = row.insideInterval.map {
                "\(Formatting.percent($0.lower))–\(Formatting.percent($0.upper))"
            }
            t.add([
                row.communeCode ?? "—", row.operatorName ?? "all", Formatting.grouped(row.tests),
                Formatting.grouped(row.valid), Formatting.grouped(row.insideDeclared),
                Formatting.percent(row.insideShare), interval ?? "—",
                row.medianDownloadMbps.map { String(format: "%.1f", $0) } ?? "—", row.strength.rawValue,
            ])
        }
        printText(t.render(), terminator: "")
        printText(
            "\n\(outcome.testsRead) tests read; \(r.challengeCandidates.count) challenge candidates, "
                + "\(r.servedUndeclared.count) served-but-undeclared cells (zoom-16 quadkeys).")
        for c in r.challengeCandidates.prefix(20) {
            printText(
                "  challenge \(c.quadkey) \(c.operatorName) \(c.technology.rawValue) in \(c.communeCode ?? "—"): "
                    + "\(c.passing)/\(c.tests) served (p = \(String(format: "%.2g", c.pValue)))")
        }
        if r.challengeCandidates.count > 20 { printText("  … and \(r.challengeCandidates.count - 20) more") }
        let institutions = EvidenceInstitutionsTable.render(r)
        if !institutions.isEmpty { printText(institutions, terminator: "") }
        let excluded = outcome.importExclusions.reduce(0) { $0 + $1.count }
        if excluded > 0 { printText("\(excluded) rows were left out by the imports (covaudit info lists why).") }
    }
}
