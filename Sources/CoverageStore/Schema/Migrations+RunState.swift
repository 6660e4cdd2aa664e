extension Migrations {
    /// What a coverage run keeps for a later what-if run (issue 18).
    ///
    /// Named BLOBs of the analysis' own intermediate values (tallies, gap points, area shares, cell
    /// keys), written with the run and deleted with it. A plain table (no geometry), so GDAL/QGIS list it like the others.
    static let version8: [String] = [
        """
        CREATE TABLE coverage_run_state (
          run_id INTEGER NOT NULL REFERENCES coverage_runs(id) ON DELETE CASCADE,
          name TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (run_id, name))
        """
    ]
}
