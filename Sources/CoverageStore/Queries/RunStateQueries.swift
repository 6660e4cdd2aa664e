import CoverageModel
import Foundation
import SpatialSQL

/// The latest stored coverage run as a what-if run starts from it: its parameters, the datasets it
/// read and the state it kept (`coverage_run_state`).
package struct LatestRunState: Sendable {
    package let runID: Int64
    package let createdAt: String
    /// The parameters JSON the run was stored with.
    package let parametersJSON: String
    /// The datasets the run recorded against the snapshot's (added and removed since).
    package let changes: RunInputChanges
    /// The named BLOBs the run kept (empty for a run stored without state).
    package let parts: [String: [UInt8]]
}

extension ReadSnapshot {
    /// The latest stored run, what changed since and the state it kept, read in this snapshot (nil
    /// when no run is stored).
    package func latestRunState() throws -> LatestRunState? {
        try store.wrap {
            let latest = try db.rows("SELECT id, created_at, parameters FROM coverage_runs ORDER BY id DESC LIMIT 1") {
                ($0.int(0), $0.text(1) ?? "", $0.text(2) ?? "")
            }
            guard let (run, createdAt, parameters) = latest.first, let changes = try store.changesSinceLatestRun()
            else { return nil }
            var parts: [String: [UInt8]] = [:]
            for (name, data) in try db.rows(
                "SELECT name, data FROM coverage_run_state WHERE run_id = ?", [run], { ($0.text(0) ?? "", $0.blob(1)) })
            {
                parts[name] = data ?? []
            }
            return LatestRunState(
                runID: run, createdAt: createdAt, parametersJSON: parameters, changes: changes, parts: parts)
        }
    }

    /// What identifies the rows of every coverage-input layer apart from the datasets `added`.
    ///
    /// Each
    /// dataset's full provenance (a `--replace` changes its time and options) and each layer table's
    /// largest row id (rows imported again get new ids, or reuse the same ones only when they were
    /// the newest). Equal marks before and after a change mean the older rows are the same rows.
    package func inputMarks(excluding added: [Int64]) throws -> [String] {
        let skip = Set(added)
        var marks = try store.datasets().filter { !skip.contains($0.id) }.map {
            [
                String($0.id), $0.layer, $0.fileName, $0.sha256, String($0.rowCount), $0.importedAt, $0.asOf ?? "",
                $0.format, $0.options,
            ].joined(separator: "\u{1F}")
        }
        for layer in Layer.allCases where layer.isCoverageInput {
            let filter =
                added.isEmpty ? "" : " WHERE dataset_id NOT IN (\(added.map(String.init).joined(separator: ",")))"
            let newest = try store.wrap { try db.scalar("SELECT max(id) FROM \(layer.table)\(filter)").int }
            marks.append("\(layer.table) \(newest.map(String.init) ?? "-")")
        }
        return marks
    }

    /// The coverage areas of the datasets `ids`, ordered by row id (as `coverageAreas()` lists them),
    /// with the row id of the first: where `coverageAreas(near:fromRow:)` starts reading every row.
    package func coverageAreas(datasets ids: [Int64]) throws -> AddedCoverageAreas {
        try store.coverageAreaRows(datasets: ids)
    }

    /// The routes of the datasets `ids`, ordered by row id.
    package func routes(datasets ids: [Int64]) throws -> [Route] { try store.routes(datasets: ids) }

    /// The nodes of the datasets `ids`, ordered by row id.
    package func nodes(datasets ids: [Int64]) throws -> [NetworkNode] { try store.nodes(datasets: ids) }

    /// The uncovered-area polygons run `run` stored, in the order it wrote them (WKB as SpatiaLite
    /// gives it back, which `GeomFromWKB` stores as the same geometry).
    package func gapAreas(run: Int64) throws -> [StoredGapArea] {
        try store.wrap {
            try db.rows(
                "SELECT unit_code, AsBinary(geom), area_km2, area_share FROM gap_areas WHERE run_id = ? ORDER BY id",
                [run]
            ) {
                StoredGapArea(unitCode: $0.text(0) ?? "", wkb: $0.blob(1) ?? [], km2: $0.double(2), share: $0.double(3))
            }
        }
    }

    /// The number of rows of `layer`'s table whose dataset is one of `ids`.
    package func rowCount(_ layer: Layer, datasets ids: [Int64]) throws -> Int {
        try store.wrap {
            Int(
                try db.scalar(
                    "SELECT count(*) FROM \(layer.table) WHERE dataset_id IN (\(ids.map(String.init).joined(separator: ",")))"
                ).int ?? 0)
        }
    }
}

extension Store {
    /// Replaces the latest run by a what-if run computed from it, in place.
    ///
    /// The run row keeps its id; its inputs, the unit rows of `run` (`scope`), the gap clusters from
    /// the first that changed, the per-location rows in `rows` and the state parts in `run.state` are
    /// written, in one write transaction; every other row and state part stays as stored. Refused
    /// (nothing written) unless the run state named `token` still holds `tokenValue` (no other run
    /// since), and with `UnitRowsMismatch` when `.changed` rows do not match the stored ones.
    /// `onStage` is given each part's wall seconds.
    ///
    /// - Returns: the run's id.
    package func storeWhatIfRun(
        _ run: StoredRun, rows: LocationRowBlock?, token: String, tokenValue: [UInt8], unitRows scope: UnitRowScope,
        onStage: ((String, Double) -> Void)? = nil
    ) throws -> Int64 {
        var last = Date()
        func lap(_ stage: String) {
            onStage?(stage, Date().timeIntervalSince(last))
            last = Date()
        }
        return try wrap {
            let tables = ResultTables(db: db)
            let id = try tables.withBulkSettings {
                try db.transaction {
                    // An import committed since the snapshot changes nothing written here (the rows
                    // kept are the snapshot's households', as a full run on it would write them);
                    // another coverage run would have replaced the rows the run starts from.
                    let stored = try db.rows(
                        "SELECT run_id, data FROM coverage_run_state WHERE name = ?", [token]
                    ) { ($0.int(0), $0.blob(1)) }
                    guard let (id, value) = stored.first, value == tokenValue else {
                        throw StoreError.busy(
                            path: path,
                            reason:
                                "another coverage run was stored during this what-if run; run covaudit coverage again")
                    }
                    try WhatIfRunWriter(db: db).write(run, id: id, unitRows: scope, lap: lap)
                    if let rows { try LocationRowsWriter(db: db).replace(rows) }
                    lap("write location rows")
                    return id
                }
            }
            lap("commit")
            return id
        }
    }
}
