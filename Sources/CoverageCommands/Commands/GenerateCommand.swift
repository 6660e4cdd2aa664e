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
            With --measurements N it also writes measurements.csv: N synthetic 4G/5G tests (crowd-app speed \
            tests around hamlets, drive-test sessions along roads and routes) consistent with the generated \
            coverage, timed in the 365 days ending at --as-of, mostly 06:00-22:00 Vietnam time (3% at night, \
            3% a year older); inside an operator's polygons they pass (about 95% meet 10/1 Mbps and RSRP >= -110 \
            dBm), outside they fail. It plants truth: --over-declared-share of the zoom-16 cells wholly inside a \
            declared polygon get failing tests, --undeclared-share of the hamlet cells without the operator's \
            coverage get passing ones (30 tests each, at most half of N), listed in measurements-truth.json. \
            --speed-tiles adds speed-tiles.csv, Ookla-style mobile tiles averaged from the crowd-app tests. \
            It also writes probes.csv: Giga-style school probes (two tests a day, at any hour, over the 28 days \
            ending at --as-of) at 60% of the schools with a recorded fibre or fixed connection, 15% of them \
            planted "connected on paper" (failing 10/1 Mbps) and listed in measurements-truth.json, 30% of them \
            without coordinates (placed at the school by the import); and fixed probes at 30% of the other \
            institutions with a fixed connection. Import probes.csv after the institutions.
            """)

    @Option(help: "demo, province or national.") var scale: Scale = .demo
    @Option(help: "Random seed.") var seed: UInt64 = 20_250_701
    @Option(help: "Folder of a real territory to generate on (see GeoData/thai-nguyen/SOURCE.md).")
    var territory: String?
    @Option(help: "Output folder (created if missing).") var out: String
    @Option(help: "Synthetic measurements to write (0: none).") var measurements = 0
    @Option(help: "Share of eligible declared zoom-16 cells planted as over-declared (tests fail).")
    var overDeclaredShare = 0.1
    @Option(help: "Share of eligible undeclared hamlet cells planted as served (tests pass).")
    var undeclaredShare = 0.05
    @Flag(help: "Also write speed-tiles.csv (Ookla-style mobile tiles from the crowd-app tests).")
    var speedTiles = false
    @Option(help: "The data's as-of date (YYYY-MM-DD): tests fall in the year ending on it.")
    var asOf = MeasurementParameters.defaultAsOf
    @Flag(help: "Replace files in a non-empty output folder.") var overwrite = false
    @Flag(name: [.short, .long], help: "No progress on stderr.") var quiet = false

    /// The measurement options as generator parameters.
    var measurementParameters: MeasurementParameters {
        MeasurementParameters(
            count: measurements, overDeclaredShare: overDeclaredShare, undeclaredShare: undeclaredShare,
            speedTiles: speedTiles, asOf: asOf)
    }

    /// Refuses measurement options out of range (a usage error, before anything is written).
    func validate() throws {
        do { try measurementParameters.validate() } catch let error as GeneratorError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try OutputFolder.check(out)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if !existing.isEmpty && !overwrite {
            throw CommandFailure(message: "\(out) is not empty; pass --overwrite to replace its files")
        }
        let url = try OutputFolder.prepare(out)
        let say: ((String) -> Void)? = quiet ? nil : { Diagnostics.note("generate: \($0)") }
        let asked = measurementParameters
        let summary: GenerationSummary
        let truth: MeasurementTruth?
        let what: String
        if let territory {
            let real = try RealTerritory.load(from: URL(fileURLWithPath: territory))
            (summary, truth) = try generateOnTerritory(
                real, .onTerritory(real, seed: seed), outputDirectory: url, measurements: asked, progress: say)
            what = "on \(real.name)"
        } else {
            (summary, truth) = try generateTerritory(
                GeneratorParameters.defaults(for: scale, seed: seed), outputDirectory: url, measurements: asked,
                progress: say)
            what = scale.rawValue
        }
        print(
            "generated \(what) (seed \(seed)) in \(out): \(Formatting.grouped(summary.communes)) communes, "
                + "\(Formatting.grouped(summary.households)) households at \(Formatting.grouped(summary.householdPoints)) points, "
                + "\(Formatting.grouped(summary.routes)) routes, \(Formatting.grouped(summary.sites)) sites")
        if let truth {
            print(
                "measurements: \(Formatting.grouped(truth.measurements)) tests; planted "
                    + "\(truth.overDeclared.count) over-declared and \(truth.undeclaredServed.count) undeclared-served "
                    + "cells (measurements-truth.json)" + (speedTiles ? "; \(truth.speedTiles) speed tiles" : ""))
            print(
                "probes: \(Formatting.grouped(truth.probes.tests)) tests at \(truth.probes.schools) schools "
                    + "(\(truth.probes.failingInstitutions.count) planted failing) and \(truth.probes.fixedProbes) "
                    + "other institutions (probes.csv)")
        }
    }
}
