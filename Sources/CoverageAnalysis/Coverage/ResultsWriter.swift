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

    func write(
        result: CoverageResult, parametersJSON: String, toolVersion: String, rows: LocationRows?,
        unitCodes: [String], hamletCodes: [String], gapClusters: [(GapCluster, Double)], gapAreas: [GapArea]
    ) throws -> Int64 {
        try db.transaction {
            // Only the latest run is kept; ON DELETE CASCADE needs foreign_keys, so delete explicitly.
            for table in ["location_coverage", "unit_coverage", "gap_clusters", "gap_areas", "coverage_runs"] {
                try db.execute("DELETE FROM \(table)")
            }
            try db.execute(
                "INSERT INTO coverage_runs(created_at, tool_version, parameters) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?)",
                [toolVersion, parametersJSON])
            let run = db.lastInsertRowID
            let unit = try db.prepare(
                """
                INSERT INTO unit_coverage(run_id, unit_level, unit_code, unit_name, technology, operator, locations,
                  locations_covered, households, households_covered, persons, persons_covered, household_share,
                  person_share, area_share) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            for u in [result.province] + result.units {
                for (tech, f) in u.coverage.sorted(by: { $0.key < $1.key }) {
                    try unit.bind([
                        run, u.level, u.code, u.name, tech, "", u.locations, f.locations, u.households, f.households,
                        u.persons, f.persons, f.householdShare, f.personShare, f.areaShare,
                    ]).run()
                    for (op, o) in (f.operators ?? [:]).sorted(by: { $0.key < $1.key }) {
                        try unit.bind([
                            run, u.level, u.code, u.name, tech, op, u.locations, o.locations, u.households,
                            o.households,
                            u.persons, o.persons, o.householdShare, o.personShare, nil as Double?,
                        ]).run()
                    }
                }
            }
            if let rows { try writeLocations(rows, run: run, unitCodes: unitCodes, hamletCodes: hamletCodes) }
            let cluster = try db.prepare(
                """
                INSERT INTO gap_clusters(run_id, technology, unit_code, locations, households, persons, radius_m, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, MakePoint(?, ?, 4326))
                """)
            for (c, _) in gapClusters {
                try cluster.bind([
                    run, result.parameters.gapTechnology.rawValue, c.unitCode, c.locations, c.households, c.persons,
                    c.radiusM, c.lon, c.lat,
                ]).run()
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

    private func writeLocations(_ rows: LocationRows, run: Int64, unitCodes: [String], hamletCodes: [String]) throws {
        let stmt = try db.prepare(
            """
            INSERT INTO location_coverage(run_id, household_id, unit_code, hamlet_code, g2, g3, g4, g5, fibre,
              fibre_network, broadband, operators_4g, fibre_m, fibre_network_m) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for i in rows.rowIDs.indices {
            stmt.reset()
            stmt.bindInt(run, at: 1)
            stmt.bindInt(rows.rowIDs[i], at: 2)
            let u = Int(rows.units[i])
            let h = Int(rows.hamlets[i])
            stmt.bindText(u >= 0 ? unitCodes[u] : nil, at: 3)
            stmt.bindText(h >= 0 ? hamletCodes[h] : nil, at: 4)
            let f = rows.flags[i]
            for bit in 0..<7 { stmt.bindInt(Int64((f >> UInt8(bit)) & 1), at: Int32(5 + bit)) }
            stmt.bindInt(Int64(rows.operators4G[i]), at: 12)
            bindOptional(stmt, rows.fibreMetres[i], at: 13)
            bindOptional(stmt, rows.networkMetres[i], at: 14)
            _ = try stmt.step()
        }
        stmt.reset()
    }

    private func bindOptional(_ stmt: Statement, _ v: Float, at i: Int32) {
        if v.isNaN { stmt.bindText(nil, at: i) } else { stmt.bindDouble(Double(v), at: i) }
    }
}
