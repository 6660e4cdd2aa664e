import CoverageModel
import CoverageStore
import Foundation

/// Stores built from the committed fictional province (GeoData/fictional), for the audit and
/// report tests (deterministic inputs).
public enum FictionalStores {
    /// The fictional province's folder.
    public static var geoData: URL { TestPaths.fictionalProvince }

    /// The full demo store in a new folder.
    public static func demoStore() throws -> (FixtureDirectory, Store) {
        let dir = try FixtureDirectory("audit-demo")
        let store = try dir.store("demo.sqlite")
        try SyntheticBundle.importAll(into: store, from: geoData, asOf: "2025-12-31")
        return (dir, store)
    }

    /// Communes and households only: no coverage, routes, hamlets or institutions.
    public static func sparseStore() throws -> (FixtureDirectory, Store) {
        let dir = try FixtureDirectory("audit-sparse")
        let store = try dir.store("sparse.sqlite")
        for file in ["synthetic_communes.geojson", "synthetic_households.csv"] {
            let layer: Layer = file.hasSuffix(".csv") ? .households : .communes
            _ = try store.importFile(geoData.appendingPathComponent(file).path, options: ImportOptions(layer: layer))
        }
        return (dir, store)
    }
}
