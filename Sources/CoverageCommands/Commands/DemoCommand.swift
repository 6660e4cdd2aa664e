import ArgumentParser
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit demo`: the whole pipeline on the bundled synthetic province.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh store from the bundled synthetic demo data (GeoData/) and summarise it.")

    @Option(help: "Output folder for the store and reports.") var out = "Reports/demo"
    @Option(help: "Folder with the bundled demo data.") var data = "GeoData"
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func run() throws {
        let pipeline = DemoPipeline(
            dataDirectory: URL(fileURLWithPath: data), outputDirectory: URL(fileURLWithPath: out), quiet: quiet)
        let store = try pipeline.buildStore()
        print(InventoryTable.render(try store.inventory()), terminator: "")
        Diagnostics.note("demo: store written to \(pipeline.storePath)", quiet: quiet)
    }
}
