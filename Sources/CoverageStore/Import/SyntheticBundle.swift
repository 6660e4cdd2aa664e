import CoverageModel
import Foundation

/// The files `covaudit generate` writes, the layer each goes to, and how to import them.
public enum SyntheticBundle {
    /// A bundled file and its import options.
    public struct Entry: Sendable {
        public let file: String
        public let layer: Layer
        let configure: @Sendable (inout ImportOptions) -> Void
    }

    /// The files in import order (province before communes, sites before coverage).
    public static let entries: [Entry] = [
        Entry(file: "synthetic_province.geojson", layer: .communes, configure: { $0.adminLevel = .province }),
        Entry(file: "synthetic_communes.geojson", layer: .communes, configure: { _ in }),
        Entry(file: "synthetic_hamlets.geojson", layer: .hamlets, configure: { _ in }),
        Entry(file: "synthetic_households.csv", layer: .households, configure: { _ in }),
        Entry(file: "synthetic_institutions.csv", layer: .institutions, configure: { _ in }),
        Entry(file: "synthetic_routes.geojson", layer: .routes, configure: { _ in }),
        Entry(file: "synthetic_nodes.geojson", layer: .nodes, configure: { _ in }),
        Entry(file: "synthetic_sites.geojson", layer: .sites, configure: { _ in }),
        Entry(file: "synthetic_coverage.geojson", layer: .coverage, configure: { $0.coverageSource = .predicted }),
    ]

    /// The bundled files missing from `directory`.
    public static func missingFiles(in directory: URL) -> [String] {
        entries.map(\.file).filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// Imports every bundled file (or only those named in `only`) from `directory` into `store`,
    /// one transaction per file.
    @discardableResult
    public static func importAll(
        into store: Store, from directory: URL, asOf: String?, only: Set<String>? = nil,
        progress: (any ProgressSink)? = nil, each: ((ImportResult) -> Void)? = nil
    ) throws -> [ImportResult] {
        try entries.filter { only?.contains($0.file) ?? true }.map { entry in
            var options = ImportOptions(layer: entry.layer)
            options.asOf = asOf
            options.synthetic = true
            entry.configure(&options)
            let result = try store.importFile(
                directory.appendingPathComponent(entry.file).path, options: options, progress: progress)
            each?(result)
            return result
        }
    }
}
