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
        try StatePartsInPlace(db: db).write(run.state, run: id)
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
            // Bound one by one, not as an array of boxed values (4,700 rows after 100 new areas).
            update.bindText(u.name, at: 1)
            for (k, n) in [
                u.locations, u.locationsCovered, u.households, u.householdsCovered, u.persons, u.personsCovered,
            ]
            .enumerated() {
                update.bindInt(Int64(n), at: Int32(k + 2))
            }
            for (k, share) in [u.householdShare, u.personShare, u.areaShare].enumerated() {
                if let share { update.bindDouble(share, at: Int32(k + 8)) } else { update.bindNull(at: Int32(k + 8)) }
            }
            update.bindInt(run, at: 11)
            update.bindText(u.level, at: 12)
            update.bindText(u.code, at: 13)
            update.bindText(u.measure, at: 14)
            update.bindText(u.operatorName, at: 15)
            try update.run()
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
    /// full run writes them) and writes the rest; the spatial index is built again from the run's
    /// clusters (``GapClusterRows``).
    private func writeGapClusters(_ run: StoredRun, id: Int64) throws {
        let rows = GapClusterRows(db: db)
        var (kept, stored) = try rows.unchangedPrefix(of: run, run: id)
        guard kept < run.gapClusters.count || kept < stored else { return }
        // Deleting rows one by one costs more than truncating the table: when most rows go, the
        // table is refilled from empty.
        if kept < stored / 2 { kept = 0 }
        try rows.write(run, run: id, keeping: kept)
    }
}
