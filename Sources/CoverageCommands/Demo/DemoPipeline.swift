import CoverageFormats
import CoverageGenerator
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

/// Builds the demo store: the real communes, census, crosswalk and province outline of a territory
/// folder (GeoData/thai-nguyen), and the layers with no public source generated on them.
struct DemoPipeline {
    /// The territory folder with the real data and the claims.
    let dataDirectory: URL
    /// Where the store, the generated layers and the report are written.
    let outputDirectory: URL
    let quiet: Bool
    /// The language of the progress lines.
    var language: ReportLanguage = .en

    /// The seed of the generated layers.
    static let seed: UInt64 = 20_250_701
    /// The date the demo data describes: the as-of of every import and the report's recorded time.
    static let asOf = "2025-12-31"
    /// `asOf` as seconds since 1970 (SOURCE_DATE_EPOCH).
    static let asOfEpoch = 1_767_139_200
    /// The real files besides those the generator reads.
    static let provinceFile = "tn_province_2025_dissolved.geojson"
    static let claimsFile = "claims.json"

    /// The store path inside the output folder.
    var storePath: String { outputDirectory.appendingPathComponent("demo.sqlite").path }
    /// The folder of the generated layers (not under version control).
    var syntheticDirectory: URL { outputDirectory.appendingPathComponent("synthetic") }
    var claimsPath: String { dataDirectory.appendingPathComponent(Self.claimsFile).path }

    /// Generates the synthetic layers, creates a fresh store and imports everything; returns the store.
    func buildStore() throws -> Store {
        let fm = FileManager.default
        let missing = (RealTerritory.Files.all + [Self.provinceFile, Self.claimsFile]).filter {
            !fm.fileExists(atPath: dataDirectory.appendingPathComponent($0).path)
        }
        guard missing.isEmpty else {
            throw CommandFailure(
                message: "\(dataDirectory.path) lacks \(missing.joined(separator: ", ")); run covaudit demo from the "
                    + "repository root or pass --data (the folder holding the real data, e.g. GeoData/thai-nguyen)")
        }
        try OutputFolder.prepare(outputDirectory.path)
        let territory = try RealTerritory.load(from: dataDirectory)
        let (summary, _) = try generateOnTerritory(
            territory, .onTerritory(territory, seed: Self.seed), outputDirectory: syntheticDirectory,
            measurements: Self.measurements,
            progress: quiet ? nil : { [language] in Diagnostics.progress("demo: generate: \($0)", language) })
        Diagnostics.progress(
            "demo: generated \(Formatting.grouped(summary.householdPoints)) household points, "
                + "\(Formatting.grouped(summary.routes)) routes, \(Formatting.grouped(summary.sites)) sites on "
                + "\(territory.name)'s \(territory.communes.count) real communes", language, quiet: quiet)
        // The previous demo store is removed only when it is a regular file (never a folder or a link's target).
        for suffix in ["", "-wal", "-shm"] where OutputFile.exists(storePath + suffix) {
            try OutputFile.checkTarget(storePath + suffix)
            try FileManager.default.removeItem(atPath: storePath + suffix)
        }
        let store = try Store.create(at: storePath)
        for (file, configure) in realImports {
            var options = ImportOptions(layer: .communes)
            options.asOf = Self.asOf
            configure(&options)
            let result = try store.importFile(dataDirectory.appendingPathComponent(file).path, options: options)
            note(result)
        }
        let generated = Set(realTerritorySyntheticFiles)
        try SyntheticBundle.importAll(
            into: store, from: syntheticDirectory, asOf: Self.asOf, only: generated, each: note)
        // Probes after the institutions they attach to (a probe without coordinates takes its institution's).
        let evidenceFiles = [
            ("measurements.csv", Layer.measurements), ("probes.csv", .measurements), ("speed-tiles.csv", .speedTiles),
        ]
        for (file, layer) in evidenceFiles {
            var options = ImportOptions(layer: layer)
            options.asOf = Self.asOf
            options.synthetic = true
            if layer == .speedTiles { options.tileKind = .mobile }
            note(try store.importFile(syntheticDirectory.appendingPathComponent(file).path, options: options))
        }
        return store
    }

    /// The demo's measurements: a modest count (the demo runs in CI) consistent with the generated
    /// coverage, with over-declared and served-but-undeclared cells planted, and Ookla-style tiles.
    static let measurements = MeasurementParameters(
        count: 6_000, overDeclaredShare: 0.01, undeclaredShare: 0.01, testsPerPlantedCell: 12, speedTiles: true,
        asOf: asOf)

    /// The real files in import order, each with its layer and options.
    private var realImports: [(String, (inout ImportOptions) -> Void)] {
        [
            (Self.provinceFile, { $0.adminLevel = .province }),
            (
                RealTerritory.Files.communes,
                {
                    $0.nameField = "full_name"
                    $0.parentField = "province_code"
                }
            ),
            (
                RealTerritory.Files.census,
                {
                    $0.layer = .statistics
                    $0.vintage = "pre2025"
                }
            ),
            (RealTerritory.Files.crosswalk, { $0.layer = .crosswalk }),
        ]
    }

    private func note(_ result: ImportResult) {
        Diagnostics.progress(
            "demo: imported \(Formatting.grouped(result.rows)) \(result.layer) from "
                + (result.file as NSString).lastPathComponent, language, quiet: quiet)
    }
}
