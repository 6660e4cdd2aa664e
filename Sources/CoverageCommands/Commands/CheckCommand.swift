import ArgumentParser
import CoverageAnalysis
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit check`: data-quality report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Data-quality report: overlapping or gapped communes, invalid geometries, orphans, duplicates, dangling routes.",
        discussion:
            "Exit 0 when the report was produced; with --strict, exit 3 when a check of severity error found problems.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Admin vintage to check (default: the newest).") var vintage: String?
    @Option(name: [.short, .customLong("format")], help: "table or json.") var format: OutputFormat = .table
    @Flag(help: "Exit 3 when an error-level check finds problems.") var strict = false

    func run() throws {
        var quality = DataQuality(store: try Store.open(at: store.storePath, readOnly: true))
        quality.vintage = vintage
        let report = try quality.run()
        switch format {
        case .json: print(try ReportJSON.encode(report))
        case .table:
            var t = TextTable(["check", "severity", "problems"], numeric: [2])
            for c in report.checks { t.add([c.title, c.severity.rawValue, Formatting.grouped(c.count)]) }
            printText(t.render(), terminator: "")
            for c in report.checks where c.count > 0 {
                printText("\n\(c.title):")
                for e in c.examples { printText("  \(e)") }
                if c.count > c.examples.count { print("  … and \(c.count - c.examples.count) more") }
            }
        }
        if strict && report.errors > 0 { throw ExitCode(3) }
    }
}
