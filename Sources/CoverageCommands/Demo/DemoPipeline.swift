import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

/// Builds a store from the bundled synthetic demo territory in `GeoData/`.
struct DemoPipeline {
    /// The GeoData folder with the generated demo files.
    let dataDirectory: URL
    /// Where the store (and later the report) is written.
    let outputDirectory: URL
    let quiet: Bool

    /// The bundled files, the layer each goes to, and per-file options.
    static let inputs: [(file: String, layer: Layer, configure: @Sendable (inout ImportOptions) -> Void)] = [
        ("synthetic_province.geojson", .communes, { $0.adminLevel = .province }),
        ("synthetic_communes.geojson", .communes, { _ in }),
        ("synthetic_hamlets.geojson", .hamlets, { _ in }),
        ("synthetic_households.csv", .households, { _ in }),
        ("synthetic_institutions.csv", .institutions, { _ in }),
        ("synthetic_routes.geojson", .routes, { _ in }),
        ("synthetic_nodes.geojson", .nodes, { _ in }),
        ("synthetic_sites.geojson", .sites, { _ in }),
        ("synthetic_coverage.geojson", .coverage, { $0.coverageSource = .predicted }),
    ]

    /// The store path inside the output folder.
    var storePath: String { outputDirectory.appendingPathComponent("demo.sqlite").path }

    /// Creates a fresh store and imports every bundled layer; returns the store.
    func buildStore() throws -> Store {
        let fm = FileManager.default
        for name in Self.inputs.map(\.file) where !fm.fileExists(atPath: dataDirectory.appendingPathComponent(name).path) {
            throw CommandFailure(
                message: "\(dataDirectory.path)/\(name) is missing; run covaudit demo from the repository root "
                    + "or pass --data (regenerate with: covaudit generate --scale demo --out GeoData --overwrite)")
        }
        try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: storePath + suffix) }
        let store = try Store.create(at: storePath)
        for input in Self.inputs {
            var options = ImportOptions(layer: input.layer)
            options.asOf = "2025-12-31"
            input.configure(&options)
            let result = try store.importFile(dataDirectory.appendingPathComponent(input.file).path, options: options)
            Diagnostics.note("demo: imported \(Formatting.grouped(result.rows)) \(input.layer.rawValue) from \(input.file)", quiet: quiet)
        }
        return store
    }
}
