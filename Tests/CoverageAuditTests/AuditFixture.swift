import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Stores for the audit tests, built from the committed fictional province (GeoData/fictional) (deterministic inputs).
enum AuditFixture {
    static var geoData: URL { TestPaths.fictionalProvince }

    /// The full demo store in a new folder.
    static func demoStore() throws -> (FixtureDirectory, Store) {
        let dir = try FixtureDirectory("audit-demo")
        let store = try dir.store("demo.sqlite")
        try SyntheticBundle.importAll(into: store, from: geoData, asOf: "2025-12-31")
        return (dir, store)
    }

    /// Communes and households only: no coverage, routes, hamlets or institutions.
    static func sparseStore() throws -> (FixtureDirectory, Store) {
        let dir = try FixtureDirectory("audit-sparse")
        let store = try dir.store("sparse.sqlite")
        for file in ["synthetic_communes.geojson", "synthetic_households.csv"] {
            let layer: Layer = file.hasSuffix(".csv") ? .households : .communes
            _ = try store.importFile(geoData.appendingPathComponent(file).path, options: ImportOptions(layer: layer))
        }
        return (dir, store)
    }

    static func claims(_ json: String) throws -> ClaimSet { try ClaimSet.parse(Data(json.utf8)) }

    /// The built covaudit executable beside the test bundle, if present.
    /// The built `covaudit` binary (CovauditBinary finds it next to the tests or builds it).
    static var executable: String? { try? CovauditBinary.path() }
}

/// Compares text with a committed snapshot under Tests/CoverageAuditTests/Snapshots.
/// RECORD_SNAPSHOTS=1 rewrites the snapshot and fails on purpose.
enum Snapshot {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record(
                "recorded snapshot \(name); unset RECORD_SNAPSHOTS and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            let exp = line < e.count ? String(e[line]) : "<end>"
            let act = line < a.count ? String(a[line]) : "<end>"
            Issue.record(
                "snapshot \(name) differs at line \(line + 1):\n expected: \(exp)\n actual:   \(act)",
                sourceLocation: sourceLocation)
        }
    }
}
