import CoverageAnalysis
import CoverageModel
import CoverageStore
import Foundation

/// The two workload layouts the benchmark reads.
enum BenchWorkloadKind: String, CaseIterable {
    /// The peer benchmark's workload (Benchmarks/bench/workload.py): communes, cov4g, cov5g, fibre (GeoJSON),
    /// households.csv.
    case peer
    /// `covaudit generate` output (synthetic_*.geojson/csv).
    case synthetic
}

/// Imports a workload into a fresh store, one timed stage per file.
struct BenchWorkload {
    let directory: URL
    let kind: BenchWorkloadKind

    /// The files and import options of the peers' workload.
    static let peerFiles: [(file: String, layer: Layer, configure: @Sendable (inout ImportOptions) -> Void)] = [
        (
            "communes.geojson", .communes,
            {
                $0.codeField = "id"; $0.nameField = "id"; $0.vintage = "bench"
            }
        ),
        ("households.csv", .households, { _ in }),
        (
            "cov4g.geojson", .coverage,
            {
                $0.technology = .g4; $0.operatorName = "any"; $0.coverageSource = .predicted
            }
        ),
        (
            "cov5g.geojson", .coverage,
            {
                $0.technology = .g5; $0.operatorName = "any"; $0.coverageSource = .predicted
            }
        ),
        (
            "fibre.geojson", .routes,
            {
                $0.medium = .fibre; $0.status = .active; $0.operatorName = "any"
            }
        ),
    ]

    func load(into store: Store, recorder: BenchRecorder) throws {
        switch kind {
        case .peer:
            for entry in Self.peerFiles {
                var options = ImportOptions(layer: entry.layer)
                entry.configure(&options)
                try recorder.measure("import \(entry.file)", items: { (r: ImportResult) in r.rows }) {
                    try store.importFile(directory.appendingPathComponent(entry.file).path, options: options)
                }
            }
        case .synthetic:
            for entry in SyntheticBundle.entries {
                try recorder.measure("import \(entry.file)", items: { (r: [ImportResult]) in r.first?.rows }) {
                    try SyntheticBundle.importAll(
                        into: store, from: directory, asOf: nil, only: [entry.file])
                }
            }
        }
    }

    /// The coverage parameters of the peers' queries Q0–Q4: 4G, 5G, fibre within 500 m.
    static func peerParameters() -> CoverageParameters {
        var p = CoverageParameters()
        p.technologies = [.g4, .g5, .fibre]
        p.areaTechnologies = [.g4, .g5]  // Q2 asks for the 4G and 5G area shares only
        p.gapTechnology = .g4
        p.fibreDistanceMetres = 500
        p.storeLocationResults = false
        return p
    }
}
