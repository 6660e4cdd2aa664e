extension Migrations {
    /// Measured evidence (issue 17): test points, Ookla speed tiles, and the rows each import excluded.
    ///
    /// Measurements keep `lon`/`lat` beside the geometry (the batch cursor reads them without
    /// decoding WKB) and the time twice: ISO 8601 text for people and GIS tools, seconds since 1970
    /// for the analysis. Both layers have an R*Tree index.
    static let version4: [String] =
        spatialTable(
            "measurements",
            columns: """
                id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, time TEXT, time_s REAL, operator TEXT,
                technology TEXT CHECK (technology IN ('2G','3G','4G','5G')),
                download_mbps REAL CHECK (download_mbps >= 0), upload_mbps REAL CHECK (upload_mbps >= 0),
                latency_ms REAL CHECK (latency_ms >= 0), rsrp_dbm REAL, rsrq_db REAL, sinr_db REAL,
                source TEXT NOT NULL CHECK (source IN ('drive-test','crowd-app','fixed-probe','school-probe')),
                test_id TEXT, device_id TEXT, environment TEXT CHECK (environment IN ('indoor','outdoor')),
                institution_id TEXT, lon REAL NOT NULL, lat REAL NOT NULL, \(datasetRef)
                """, type: "POINT")
        + spatialTable(
            "speed_tiles",
            columns: """
                id INTEGER PRIMARY KEY, quadkey TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('fixed','mobile')),
                period TEXT, avg_d_kbps REAL NOT NULL CHECK (avg_d_kbps >= 0),
                avg_u_kbps REAL NOT NULL CHECK (avg_u_kbps >= 0), avg_lat_ms REAL NOT NULL CHECK (avg_lat_ms >= 0),
                tests INTEGER NOT NULL CHECK (tests >= 1), devices INTEGER NOT NULL CHECK (devices >= 0), \(datasetRef)
                """, type: "POLYGON")
        + [
            """
            CREATE TABLE dataset_exclusions (
              dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
              reason TEXT NOT NULL, count INTEGER NOT NULL CHECK (count > 0),
              PRIMARY KEY (dataset_id, reason)) WITHOUT ROWID
            """,
            "CREATE INDEX measurements_dataset ON measurements(dataset_id)",
            "CREATE INDEX speed_tiles_quadkey ON speed_tiles(quadkey, kind)",
        ]
}
