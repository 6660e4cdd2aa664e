import CoverageModel

extension Store {
    /// What changed in the coverage inputs since the latest stored coverage run, or nil when no
    /// run is stored.
    public func changesSinceLatestRun() throws -> RunInputChanges? {
        try wrap {
            let latest = try db.rows("SELECT id, created_at FROM coverage_runs ORDER BY id DESC LIMIT 1") {
                ($0.int(0), $0.text(1) ?? "")
            }
            guard let (run, createdAt) = latest.first else { return nil }
            let recorded = try db.rows(
                "SELECT dataset_id, layer, sha256, row_count FROM coverage_run_inputs WHERE run_id = ? ORDER BY dataset_id",
                [run]
            ) {
                DatasetFingerprint(
                    id: $0.int(0), layer: $0.text(1) ?? "", sha256: $0.text(2) ?? "", rowCount: Int($0.int(3)))
            }
            return RunInputChanges.between(
                recorded: recorded, current: try datasets(), runID: run, runCreatedAt: createdAt)
        }
    }
}

extension ReadSnapshot {
    /// The fingerprints of every dataset the snapshot sees, by id: what a run computed from it read.
    public func datasetFingerprints() throws -> [DatasetFingerprint] {
        try store.datasets().map(DatasetFingerprint.init)
    }
}
