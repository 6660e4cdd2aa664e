import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// Writes a run's results into the store (replacing the previous run) in one transaction.
struct ResultsWriter {
    let db: Connection

    struct GapArea: Sendable {
        let unitCode: String
        let wkb: [UInt8]
        let km2: Double
        let share: Double
    }

    /// What a run stores besides the per-location rows.
    struct RunRecord: Sendable {
        var result: CoverageResult
        var parametersJSON: String
        var toolVersion: String
        var gapClusters: [GapCluster]
        var gapAreas: [GapArea]
    }

    /// Writes everything in one transaction; returns the run id.
    func write(_ record: RunRecord, rows: LocationRows?, unitCodes: [String], hamletCodes: [String]) throws -> Int64 {
        try withBulkSettings {
            try db.transaction {
                try clearPreviousRun()
                if let rows {
                    try LocationRowsWriter(db: db).write(rows, unitCodes: unitCodes, hamletCodes: hamletCodes)
                }
                return try writeRun(record)
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
        let enforced = try db.scalar("PRAGMA foreign_keys").int ?? 0
        if enforced != 0 { try db.execute("PRAGMA foreign_keys=OFF") }
        defer { if enforced != 0 { try? db.execute("PRAGMA foreign_keys=ON") } }
        let cacheSize = try db.scalar("PRAGMA cache_size").int ?? -2000
        try db.execute("PRAGMA cache_size=-1048576")
        defer { try? db.execute("PRAGMA cache_size=\(cacheSize)") }
        return try body()
    }

    /// Deletes the previous run's results (only the latest run is kept; ON DELETE CASCADE needs
    /// foreign keys, so the tables are cleared explicitly). Gap clusters are cleared by their refill.
    func clearPreviousRun() throws {
        for table in [
            "location_results", "location_units", "location_hamlets", "unit_coverage", "gap_areas", "coverage_runs",
        ] {
            try db.execute("DELETE FROM \(table)")
        }
    }

    /// Inserts the run and its unit rows, gap clusters and gap areas; returns the run id.
    func writeRun(_ record: RunRecord) throws -> Int64 {
        let result = record.result
        let gapClusters = record.gapClusters
        let gapAreas = record.gapAreas
        try db.execute(
            "INSERT INTO coverage_runs(created_at, tool_version, parameters) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?)",
            [record.toolVersion, record.parametersJSON])
        let run = db.lastInsertRowID
        let unit = try db.prepare(
            """
            INSERT INTO unit_coverage(run_id, unit_level, unit_code, unit_name, technology, operator, locations,
              locations_covered, households, households_covered, persons, persons_covered, household_share,
              person_share, area_share) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for u in [result.province] + result.units {
            for (key, f) in u.coverage.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let tech = key.rawValue
                try unit.bind([
                    run, u.level, u.code, u.name, tech, "", u.locations, f.locations, u.households, f.households,
                    u.persons, f.persons, f.householdShare, f.personShare, f.areaShare,
                ]).run()
                for (op, o) in (f.operators ?? [:]).sorted(by: { $0.key < $1.key }) {
                    try unit.bind([
                        run, u.level, u.code, u.name, tech, op, u.locations, o.locations, u.households,
                        o.households,
                        u.persons, o.persons, o.householdShare, o.personShare, o.areaShare,
                    ]).run()
                }
            }
        }
        let cluster = try db.prepare(
            """
            INSERT INTO gap_clusters(run_id, technology, unit_code, locations, households, persons, radius_m, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, MakePoint(?, ?, 4326))
            """)
        // Points made here always meet the column's constraint (POINT, SRID 4326).
        try SpatialTableRefill(db: db, table: "gap_clusters").run {
            for c in gapClusters {
                try cluster.bind([
                    run, result.parameters.gapTechnology.rawValue, c.unitCode, c.locations, c.households,
                    c.persons, c.radiusM, c.lon, c.lat,
                ]).run()
            }
        }
        let area = try db.prepare(
            """
            INSERT INTO gap_areas(run_id, technology, unit_code, area_km2, area_share, geom)
            VALUES (?, ?, ?, ?, ?, GeomFromWKB(?, 4326))
            """)
        for a in gapAreas {
            try area.bind([
                run, result.parameters.gapTechnology.rawValue, a.unitCode, a.km2, a.share, SQLValue.blob(a.wkb),
            ])
            .run()
        }
        return run
    }
}
