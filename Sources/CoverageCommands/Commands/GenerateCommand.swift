import ArgumentParser
import CoverageFormats
import CoverageGenerator
import CoverageReport
import Foundation

extension Scale: ExpressibleByArgument {}

/// `covaudit generate`: writes a deterministic synthetic territory.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic province or country (same seed and version → identical files).",
        discussion: """
            Scales: demo (12 communes, ~4k households), province (~180 communes, ~400k households),
            national (3,321 communes, ~27M households, streamed with bounded memory).
            All output is synthetic and labelled so (file names start with synthetic_).
            """)

    @Option(help: "demo, province or national.") var scale: Scale = .demo
    @Option(help: "Random seed.") var seed: UInt64 = 20_250_701
    @Option(help: "Output folder (created if missing).") var out: String
    @Flag(help: "Replace files in a non-empty output folder.") var overwrite = false
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    func run() throws {
        try OutputFolder.check(out)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if !existing.isEmpty && !overwrite {
            throw CommandFailure(message: "\(out) is not empty; pass --overwrite to replace its files")
        }
        let url = try OutputFolder.prepare(out)
        let params = GeneratorParameters.defaults(for: scale, seed: seed)
        let summary = try generateTerritory(
            params, outputDirectory: url, progress: quiet ? nil : { Diagnostics.note("generate: \($0)") })
        print(
            "generated \(scale.rawValue) (seed \(seed)) in \(out): \(Formatting.grouped(summary.communes)) communes, "
                + "\(Formatting.grouped(summary.households)) households at \(Formatting.grouped(summary.householdPoints)) points, "
                + "\(Formatting.grouped(summary.routes)) routes, \(Formatting.grouped(summary.sites)) sites")
    }
}
