extension Migrations {
    /// Probes attached to institutions (issue 17): whether a measurement's position was taken from
    /// the institution its `institution_id` names (a school probe export without coordinates), and
    /// an index to find an institution's probes.
    ///
    /// `institution_id` itself exists since version 4. Columns are added (not a new table) so that
    /// GDAL and QGIS show them on the `measurements` layer.
    static let version5: [String] = [
        """
        ALTER TABLE measurements ADD COLUMN located_at_institution INTEGER NOT NULL DEFAULT 0
          CHECK (located_at_institution IN (0, 1))
        """,
        "CREATE INDEX measurements_institution ON measurements(institution_id) WHERE institution_id IS NOT NULL",
    ]
}
