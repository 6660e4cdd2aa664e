import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import GeometryKernels
import SpatialSQL
import Testing

/// The fast path (Swift kernels) against GEOS through SpatiaLite SQL on the bundled demo territory.
@Suite struct CoverageGEOSDifferentialTests {
    static func demoStore() throws -> Store {
        let dir = try FixtureDirectory("demo-differential")
        let store = try dir.store()
        try SyntheticBundle.importAll(
            into: store, from: TestPaths.fictionalProvince, asOf: nil)
        return store
    }

    @Test func householdsPerCommuneAndTechnologyMatchGEOS() throws {
        let store = try Self.demoStore()
        var p = CoverageParameters()
        p.computeAreas = false
        let result = try CoverageAnalyzer(store: store, parameters: p).run()
        let db = try Connection(path: store.path, mode: .readOnly)
        // Households per commune by ST_Covers (boundary inclusive), each household in its lowest-code commune.
        let assigned = """
            SELECT h.id, h.households, h.geom,
              (SELECT u.code FROM admin_units u WHERE u.level = 'commune' AND ST_Covers(u.geom, h.geom)
                 AND u.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'admin_units' AND search_frame = h.geom)
               ORDER BY u.code LIMIT 1) AS code
            FROM households h
            """
        let totals = try db.rows("SELECT code, sum(households) FROM (\(assigned)) WHERE code IS NOT NULL GROUP BY code")
        {
            ($0.text(0) ?? "", Int($0.int(1)))
        }
        #expect(totals.count == result.units.count)
        for (code, households) in totals {
            #expect(result.units.first { $0.code == code }?.households == households, "commune \(code)")
        }
        for tech in ["2G", "3G", "4G", "5G"] {
            let covered = try db.rows(
                """
                SELECT code, sum(households) FROM (\(assigned)) a WHERE code IS NOT NULL AND EXISTS (
                  SELECT 1 FROM coverage_areas c WHERE c.technology = ? AND ST_Covers(c.geom, a.geom)
                    AND c.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'coverage_areas' AND search_frame = a.geom))
                GROUP BY code
                """, [tech]
            ) { ($0.text(0) ?? "", Int($0.int(1))) }
            let geos = Dictionary(uniqueKeysWithValues: covered)
            let measure = try #require(Measure(rawValue: tech))
            for u in result.units {
                #expect((u.coverage[measure]?.households ?? -1) == (geos[u.code] ?? 0), "\(tech) in \(u.code)")
            }
        }
    }

    @Test func fibreReachMatchesGeodesicDistanceAwayFromTheThreshold() throws {
        let store = try Self.demoStore()
        var p = CoverageParameters()
        p.computeAreas = false
        _ = try CoverageAnalyzer(store: store, parameters: p).run()
        let db = try Connection(path: store.path, mode: .readOnly)
        // Per household: ours (location_coverage.fibre) vs the geodesic distance GEOS/SpatiaLite computes.
        let rows = try db.rows(
            """
            SELECT l.fibre, (SELECT min(ST_Distance(g, h.geom, 1)) FROM (
                 SELECT r.geom AS g FROM routes r WHERE r.medium = 'fibre' AND r.status = 'active'
                   AND r.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'routes'
                                   AND search_frame = ST_Expand(h.geom, 0.01))
                 UNION ALL
                 SELECT n.geom FROM nodes n WHERE n.status = 'active'
                   AND n.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'nodes'
                                   AND search_frame = ST_Expand(h.geom, 0.01))))
            FROM households h JOIN location_coverage l ON l.household_id = h.id
            """
        ) { ($0.int(0) == 1, $0.optionalDouble(1)) }
        #expect(rows.count > 3000)
        var agree = 0
        for (ours, distance) in rows {
            let geos = (distance ?? .infinity) <= 500
            if ours == geos {
                agree += 1
            } else {
                // Disagreement is allowed only within 0.5% of the threshold (distance models differ slightly).
                #expect(abs((distance ?? 0) - 500) < 2.5, "ours \(ours), GEOS distance \(distance ?? -1)")
            }
        }
        #expect(agree >= rows.count - 5)
    }

    @Test func areaSharesAgreeWithPointSampling() throws {
        // Independent of GEOS: sample a regular lattice inside each commune and test it with the Swift index.
        let store = try Self.demoStore()
        var p = CoverageParameters()
        p.technologies = [.g4]
        p.gapTechnology = .g4
        let result = try CoverageAnalyzer(store: store, parameters: p).run()
        let units = try store.adminUnits(vintage: "2025", level: .commune)
        let cover = PolygonIndex(try store.coverageAreas().filter { $0.technology == .g4 }.map(\.geometry))
        for unit in units {
            let index = PolygonIndex([unit.geometry])
            guard let box = unit.geometry.boundingBox else { continue }
            var inside = 0
            var covered = 0.0
            let n = 120
            for i in 0..<n {
                for j in 0..<n {
                    let y = box.minY + (Double(j) + 0.5) * (box.maxY - box.minY) / Double(n)
                    let x = box.minX + (Double(i) + 0.5) * (box.maxX - box.minX) / Double(n)
                    let c = Coordinate(x, y)
                    guard index.contains(c) else { continue }
                    // Weight by cos(latitude): equal-angle cells have area ∝ cos φ.
                    let w = cos(y * .pi / 180)
                    inside += 1
                    if cover.contains(c) { covered += w }
                }
            }
            guard inside > 500 else { continue }
            let sampled = covered / Double(inside) / cos(((box.minY + box.maxY) / 2) * .pi / 180)
            let geos = try #require(result.units.first { $0.code == unit.code }?.coverage[.g4]?.areaShare)
            #expect(abs(sampled - geos) < 0.03, "commune \(unit.code): sampled \(sampled), GEOS \(geos)")
        }
    }
}
