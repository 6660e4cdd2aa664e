import Foundation
import SpatialSQL

/// Writes a run's results into the result tables of one connection (replacing the previous run).
struct ResultTables {
    let db: Connection

    /// Writes everything in one transaction; returns the run id.
    func write(_ run: StoredRun, rows: LocationRows?, unitCodes: [String], hamletCodes: [String]) throws -> Int64 {
        try withBulkSettings {
            try db.transaction {
                try clearPreviousRun()
                if let rows {
                    try LocationRowsWriter(db: db).write(rows, unitCodes: unitCodes, hamletCodes: hamletCodes)
                }
                return try writeRun(run)
            }
        }
    }

    /// Runs `body` with foreign keys off and a 1 GiB page cache, restoring both afterwards.
    ///
    /// With foreign keys enforced SQLite deletes a child table row by row (24.8 M previous location
    /// rows: ~25 s); without, `DELETE FROM` without WHERE truncates it. Every row written here
    /// references the run inserted in the same transaction. The pragma is a no-op inside a
    /// transaction, so it is switched around it. The cache keeps the written pages from spilling
    /// into the WAL before the commit (24.8 M rows: 15 s → 12 s).
    func withBulkSettings<T>(_ body: () throws -> T) throws -> T {
        let restore = try bulkSettings()
        defer { restore() }
        return try body()
    }

    /// Switches foreign keys off and the page cache to 1 GiB (see `withBulkSettings`); returns what
    /// restores them.
    func bulkSettings() throws -> () -> Void {
        let enforced = try db.scalar("PRAGMA foreign_keys").int ?? 0
        let cacheSize = try db.scalar("PRAGMA cache_size").int ?? -2000
        if enforced != 0 { try db.execute("PRAGMA foreign_keys=OFF") }
        try db.execute("PRAGMA cache_size=-1048576")
        let db = self.db
        return {
            try? db.execute("PRAGMA cache_size=\(cacheSize)")
            if enforced != 0 { try? db.execute("PRAGMA foreign_keys=ON") }
        }
    }

    /// Deletes the previous run's results (only the latest run is kept; ON DELETE CASCADE needs
    /// foreign keys, so the tables are cleared explicitly). Gap clusters are cleared by their refill.
    func clearPreviousRun() throws {
        for table in [
            "location_results", "location_units", "location_hamlets", "unit_coverage", "gap_areas",
            "coverage_run_inputs", "coverage_run_state", "coverage_runs",
        ] {
            try db.execute("DELETE FROM \(table)")
        }
    }

    /// Inserts the run, the datasets it read, its unit rows, gap clusters and gap areas; returns the run id.
    func writeRun(_ record: StoredRun) throws -> Int64 {
        try db.execute(
            "INSERT INTO coverage_runs(created_at, tool_version, parameters) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?)",
            [record.toolVersion, record.parametersJSON])
        let run = db.lastInsertRowID
        let input = try db.prepare(
            "INSERT INTO coverage_run_inputs(run_id, dataset_id, layer, sha256, row_count) VALUES (?, ?, ?, ?, ?)")
        for d in record.inputs { try input.bind([run, d.id, d.layer, d.sha256, d.rowCount]).run() }
        try writeState(
            record.state, run: run, sql: "INSERT INTO coverage_run_state(run_id, name, data) VALUES (?, ?, ?)")
        try insertUnitRows(record.unitRows, run: run)
        try insertGapClusters(record, run: run, from: 0)
        try insertGapAreas(record, run: run)
        return run
    }

    /// Inserts `rows` into `unit_coverage` for `run`.
    func insertUnitRows(_ rows: [StoredUnitRow], run: Int64) throws {
        let unit = try db.prepare(
            """
            INSERT INTO unit_coverage(run_id, unit_level, unit_code, unit_name, technology, operator, locations,
              locations_covered, households, households_covered, persons, persons_covered, household_share,
              person_share, area_share) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for u in rows {
            try unit.bind([
                run, u.level, u.code, u.name, u.measure, u.operatorName, u.locations, u.locationsCovered, u.households,
                u.householdsCovered, u.persons, u.personsCovered, u.householdShare, u.personShare, u.areaShare,
            ]).run()
        }
    }

    /// Replaces the gap clusters from position `kept` on (ids above `kept`) by the record's, the
    /// first `kept` staying as stored (``GapClusterRows``).
    func insertGapClusters(_ record: StoredRun, run: Int64, from kept: Int) throws {
        try GapClusterRows(db: db).write(record, run: run, keeping: kept)
    }

    /// Inserts the record's uncovered-area polygons for `run`.
    func insertGapAreas(_ record: StoredRun, run: Int64) throws {
        let area = try db.prepare(
            """
            INSERT INTO gap_areas(run_id, technology, unit_code, area_km2, area_share, geom)
            VALUES (?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
            """)
        for a in record.gapAreas {
            try area.bind([run, record.gapMeasure, a.unitCode, a.km2, a.share, SQLValue.blob(a.wkb)]).run()
        }
    }

    /// Writes the state parts by `sql` (run id, name, data), each BLOB bound where it lies, not
    /// copied (the cell keys: 4 bytes a location).
    func writeState(_ parts: [String: [UInt8]], run: Int64, sql: String) throws {
        let state = try db.prepare(sql)
        for (name, data) in parts.sorted(by: { $0.key < $1.key }) {
            try data.withUnsafeBytes { bytes in
                try state.bind([run, name])
                state.bindBlob(borrowing: bytes, at: 3)
                try state.run()
            }
        }
    }
}
