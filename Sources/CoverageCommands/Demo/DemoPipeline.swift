import CoverageFormats
import CoverageReport
import CoverageStore
import Foundation

/// Builds a store from the bundled synthetic demo territory in `GeoData/`.
struct DemoPipeline {
    /// The GeoData folder with the generated demo files.
    let dataDirectory: URL
    /// Where the store (and the report) is written.
    let outputDirectory: URL
    let quiet: Bool

    /// The store path inside the output folder.
    var storePath: String { outputDirectory.appendingPathComponent("demo.sqlite").path }

    /// Creates a fresh store and imports every bundled layer; returns the store.
    func buildStore() throws -> Store {
        let missing = SyntheticBundle.missingFiles(in: dataDirectory)
        guard missing.isEmpty else {
            throw CommandFailure(
                message: "\(dataDirectory.path) lacks \(missing.joined(separator: ", ")); run covaudit demo from the "
                    + "repository root or pass --data (regenerate with: covaudit generate --scale demo --out GeoData --overwrite)"
            )
        }
        try OutputFolder.prepare(outputDirectory.path)
        // The previous demo store is removed only when it is a regular file (never a folder or a link's target).
        for suffix in ["", "-wal", "-shm"] where OutputFile.exists(storePath + suffix) {
            try OutputFile.checkTarget(storePath + suffix)
            try FileManager.default.removeItem(atPath: storePath + suffix)
        }
        let store = try Store.create(at: storePath)
        try SyntheticBundle.importAll(into: store, from: dataDirectory, asOf: "2025-12-31") { result in
            Diagnostics.note(
                "demo: imported \(Formatting.grouped(result.rows)) \(result.layer) from "
                    + (result.file as NSString).lastPathComponent, quiet: quiet)
        }
        return store
    }
}
