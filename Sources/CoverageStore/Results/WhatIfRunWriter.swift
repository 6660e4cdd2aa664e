import SpatialSQL

/// How a what-if run's unit rows stand against the stored run's.
package enum UnitRowScope: Sendable {
    /// The run holds every unit row: `unit_coverage` is rewritten.
    case all
    /// The run holds only the rows of the units whose figures may differ (and the province's); the
    /// other rows stay as stored. Each must replace a stored row of the same key, and a unit must
    /// keep its number of rows, or nothing is written (`UnitRowsMismatch`).
    case changed
}

/// A what-if run's unit rows do not match the stored rows key for key (the caller writes every row).
package struct UnitRowsMismatch: Error, CustomStringConvertible {
    package var description: String { "the stored unit rows do not match the what-if run's" }
}

/// Writes a what-if run over the run it started from, in place: only what changed is written
/// (inside the caller's transaction).
struct WhatIfRunWriter {
    let db: Connection

    /// Updates the run row `id` and its inputs, the unit rows, the gap clusters from the first that
    /// differs, and the state parts `run.state` (the others stay); `lap` is told each part's end.
    func write(_ run: StoredRun, id: Int64, unitRows scope: UnitRowScope, lap: (String) -> Void) throws {
        try db.execute(
            "UPDATE coverage_runs SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), tool_version = ?, parameters = ? WHERE id = ?",
            [run.toolVersion, run.parametersJSON, id])
        try db.execute("DELETE FROM coverage_run_inputs")
        let input = try db.prepare(
            "INSERT INTO coverage_run_inputs(run_id, dataset_id, layer, sha256, row_count) VALUES (?, ?, ?, ?, ?)")
        for d in run.inputs { try input.bind([id, d.id, d.layer, d.sha256, d.rowCount]).run() }
        try ResultTables(db: db).writeState(
            run.state, run: id, sql: "INSERT OR REPLACE INTO coverage_run_state(run_id, name, data) VALUES (?, ?, ?)")
        lap("write run state")
        switch scope {
        case .all:
            try db.execute("DELETE FROM unit_coverage")
            try ResultTables(db: db).insertUnitRows(run.unitRows, run: id)
        case .changed: try updateUnitRows(run.unitRows, run: id)
        }
        lap("write unit rows")
        try writeGapClusters(run, id: id)
        try db.execute("DELETE FROM gap_areas")
        try ResultTables(db: db).insertGapAreas(run, run: id)
        lap("write gap clusters")
    }

    /// Overwrites the stored rows of the same keys; throws `UnitRowsMismatch` when a row has no
    /// stored counterpart or a unit has stored rows the run does not give.
    private func updateUnitRows(_ rows: [StoredUnitRow], run: Int64) throws {
        let update = try db.prepare(
            """
            UPDATE unit_coverage SET unit_name = ?, locations = ?, locations_covered = ?, households = ?,
              households_covered = ?, persons = ?, persons_covered = ?, household_share = ?, person_share = ?,
              area_share = ?
            WHERE run_id = ? AND unit_level = ? AND unit_code = ? AND technology = ? AND operator = ?
            """)
        let count = try db.prepare(
            "SELECT count(*) FROM unit_coverage WHERE run_id = ? AND unit_level = ? AND unit_code = ?")
        var perUnit: [UnitKey: Int] = [:]
        for u in rows {
            try update.bind([
                u.name, u.locations, u.locationsCovered, u.households, u.householdsCovered, u.persons, u.personsCovered,
                u.householdShare, u.personShare, u.areaShare, run, u.level, u.code, u.measure, u.operatorName,
            ]).run()
            guard db.changes == 1 else { throw UnitRowsMismatch() }
            perUnit[UnitKey(level: u.level, code: u.code), default: 0] += 1
        }
        for (unit, n) in perUnit {
            var stored = 0
            try count.bind([run, unit.level, unit.code]).forEachRow { stored = Int($0.int(0)) }
            guard stored == n else { throw UnitRowsMismatch() }
        }
    }

    /// A unit's key in `unit_coverage`.
    private struct UnitKey: Hashable {
        let level: String
        let code: String
    }

    /// Keeps the stored clusters up to the first that differs from the run's (ids are positions, as a
    /// full run writes them) and writes the rest.
    private func writeGapClusters(_ run: StoredRun, id: Int64) throws {
        var kept = 0
        var positional = true
        var storedCount = 0
        let clusters = run.gapClusters
        try db.prepare(
            "SELECT id, run_id, technology, unit_code, locations, households, persons, radius_m, X(geom), Y(geom) FROM gap_clusters ORDER BY id"
        ).forEachRow { row in
            storedCount += 1
            guard positional, kept == storedCount - 1 else { return }
            guard row.int(0) == Int64(storedCount) else {
                positional = false
                return
            }
            guard kept < clusters.count else { return }
            let c = clusters[kept]
            let same =
                row.int(1) == id && row.text(2) == run.gapMeasure && row.text(3) == c.unitCode
                && row.int(4) == Int64(c.locations) && row.int(5) == Int64(c.households)
                && row.int(6) == Int64(c.persons) && row.double(7).bitPattern == c.radiusM.bitPattern
                && !row.isNull(8) && row.double(8).bitPattern == c.lon.bitPattern
                && row.double(9).bitPattern == c.lat.bitPattern
            if same { kept += 1 }
        }
        guard kept < clusters.count || kept < storedCount else { return }
        // Deleting index entries one by one costs about as much as inserting them: when most rows go,
        // the table and its index are refilled from empty.
        if !positional || kept < storedCount / 2 { kept = 0 }
        try ResultTables(db: db).insertGapClusters(run, run: id, from: kept)
    }
}
