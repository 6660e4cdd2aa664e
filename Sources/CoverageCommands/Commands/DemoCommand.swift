import ArgumentParser
import CoverageAnalysis
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit demo`: the whole pipeline on the bundled synthetic province.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Build a fresh store from the bundled synthetic demo data (GeoData/), write the report and audit the demo claims.",
        discussion: """
            Builds <out>/demo.sqlite from <data>, prints its inventory, then writes the report folder into \
            <out> (replacing a previous demo report) with the claims in <data>/claims.json and prints the \
            audit table. The exit code is 0 even when demo claims do not hold: the demo demonstrates the \
            audit; covaudit audit returns 3 for failing claims.
            """)

    @Option(help: "Output folder for the store and reports.") var out = "Reports/demo"
    @Option(help: "Folder with the bundled demo data.") var data = "GeoData"
    @Option(help: "Language of the report's labels: en or vi.") var lang: ReportLanguage = .en
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func run() throws {
        let pipeline = DemoPipeline(
            dataDirectory: URL(fileURLWithPath: data), outputDirectory: URL(fileURLWithPath: out), quiet: quiet)
        let store = try pipeline.buildStore()
        printText(InventoryTable.render(try store.inventory()), terminator: "")
        Diagnostics.note("demo: store written to \(pipeline.storePath)", quiet: quiet)
        let claims = URL(fileURLWithPath: data).appendingPathComponent("claims.json").path
        let hasClaims = FileManager.default.fileExists(atPath: claims)
        let audit = try ReportRun(
            db: pipeline.storePath, out: out, claims: hasClaims ? claims : nil, overwrite: true, language: lang,
            mapTechnology: .broadband, parameters: CoverageParameters(), quiet: quiet,
            command: ["covaudit", "report", "--db", pipeline.storePath, "--out", out]
                + (hasClaims ? ["--claims", claims] : [])
                + ["--overwrite", "--lang", lang.rawValue]
        ).execute()
        if let audit {
            print("")
            printText(AuditText.render(audit, language: lang), terminator: "")
        }
        Diagnostics.note("demo: report written to \(out)/report.html (exit code 0 even when claims fail)", quiet: quiet)
    }
}
