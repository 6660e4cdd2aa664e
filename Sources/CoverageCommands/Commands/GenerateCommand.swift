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
            With --territory DIR the layers that have no public source (hamlets, households, institution \
            connections, routes, nodes, sites, coverage) are generated on the real communes in DIR instead \
            (e.g. GeoData/thai-nguyen: 2025 communes, the 2019 census rolled up through the crosswalk for \
            each commune's households, roads for hamlets and backbone routes, OpenStreetMap schools and \
            clinics); --scale is then ignored.
            All output is synthetic and labelled so (file names start with synthetic_).
            """)

    @Option(help: "demo, province or national.") var scale: Scale = .demo
    @Option(help: "Random seed.") var seed: UInt64 = 20_250_701
    @Option(help: "Folder of a real territory to generate on (see GeoData/thai-nguyen/SOURCE.md).")
    var territory: String?
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
        let say: ((String) -> Void)? = quiet ? nil : { Diagnostics.note("generate: \($0)") }
        let summary: GenerationSummary
        let what: String
        if let territory {
            let real = try RealTerritory.load(from: URL(fileURLWithPath: territory))
            summary = try generateOnTerritory(
                real, .onTerritory(real, seed: seed), outputDirectory: url, progress: say)
            what = "on \(real.name)"
        } else {
            summary = try generateTerritory(
                GeneratorParameters.defaults(for: scale, seed: seed), outputDirectory: url, progress: say)
            what = scale.rawValue
        }
        print(
            "generated \(what) (seed \(seed)) in \(out): \(Formatting.grouped(summary.communes)) communes, "
                + "\(Formatting.grouped(summary.households)) households at \(Formatting.grouped(summary.householdPoints)) points, "
                + "\(Formatting.grouped(summary.routes)) routes, \(Formatting.grouped(summary.sites)) sites")
    }
}
