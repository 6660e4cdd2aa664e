extension Migrations {
    /// The datasets each stored coverage run was computed from (issue 18): id, layer, SHA-256 and
    /// row count, so that later commands can tell what was imported or replaced since the run.
    ///
    /// A plain table (no geometry), readable in QGIS; no foreign key to `datasets`, because a
    /// `--replace` import deletes the dataset rows a run still names.
    static let version6: [String] = [
        """
        CREATE TABLE coverage_run_inputs (
          run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
          dataset_id INTEGER NOT NULL, layer TEXT NOT NULL, sha256 TEXT NOT NULL, row_count INTEGER NOT NULL,
          PRIMARY KEY (run_id, dataset_id))
        """
    ]
}
