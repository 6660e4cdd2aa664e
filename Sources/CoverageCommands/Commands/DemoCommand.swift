import ArgumentParser
import CoverageAnalysis
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit demo`: the whole pipeline on the real communes of Thái Nguyên with generated layers.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run the whole pipeline on the real communes of Thái Nguyên (GeoData/thai-nguyen) with generated layers.",
        discussion: """
            Generates the layers that have no public source (households from the 2019 census per commune, \
            hamlets, coverage, sites, routes, nodes, institution connections) on the real 2025 communes in \
            <data> into <out>/synthetic, builds <out>/demo.sqlite from the real and the generated files \
            (the generated ones recorded as synthetic), prints its inventory, writes the report folder into \
            <out> (replacing a previous demo report) with the province's published claims in \
            <data>/claims.json, and prints the audit table. The report records SOURCE_DATE_EPOCH as its time \
            (the data's as-of date, 2025-12-31, when it is not set), so reruns are byte-identical. The exit \
            code is 0 even when claims do not hold: the demo demonstrates the audit; covaudit audit returns 3.
            """)

    @Option(help: "Output folder for the store and reports.") var out = "Reports/demo"
    @Option(help: "Folder with the territory's real data and claims.") var data = "GeoData/thai-nguyen"
    @Option(help: "Language of the report's labels: en or vi.") var lang: ReportLanguage = .en
    @OptionGroup var map: MapOptions
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func run() throws {
        let pipeline = DemoPipeline(
            dataDirectory: URL(fileURLWithPath: data), outputDirectory: URL(fileURLWithPath: out), quiet: quiet,
            language: lang)
        let store = try pipeline.buildStore()
        printText(InventoryTable.render(try store.inventory()), terminator: "")
        Diagnostics.progress("demo: store written to \(pipeline.storePath)", lang, quiet: quiet)
        setenv("SOURCE_DATE_EPOCH", String(DemoPipeline.asOfEpoch), 0)  // keeps a value the user set
        let audit = try ReportRun(
            storePath: pipeline.storePath, out: out, claims: pipeline.claimsPath, overwrite: true, language: lang,
            mapTechnology: .broadband, breaks: map.breaks, parameters: CoverageParameters(), quiet: quiet,
            command: [
                "covaudit", "report", "--db", pipeline.storePath, "--out", out, "--claims", pipeline.claimsPath,
                "--overwrite", "--lang", lang.rawValue,
            ]
                + (map.breaks == MapPalette.defaultBreaks
                    ? [] : ["--breaks", map.breaks.map { String(format: "%g", $0) }.joined(separator: ",")])
        ).execute()
        if let audit {
            print("")
            printText(AuditText.render(audit, language: lang), terminator: "")
        }
        Diagnostics.progress(
            "demo: report written to \(out)/report.html (exit code 0 even when claims fail)", lang, quiet: quiet)
    }
}
