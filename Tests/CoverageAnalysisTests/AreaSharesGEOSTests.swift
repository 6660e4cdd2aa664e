import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Area shares from the Swift scanline integrator against GEOS through SpatiaLite SQL (demo territory).
@Suite struct AreaSharesGEOSTests {
    /// GEOS: area(unit ∩ ∪ coverage of the generations) / area(unit), geodesic, per commune code.
    static func geosMobileShares(_ db: Connection, generations: [String]) throws -> [String: Double] {
        let list = generations.map { "'\($0)'" }.joined(separator: ",")
        let rows = try db.rows(
            """
            SELECT u.code, ifnull(ST_Area(ST_Intersection(u.geom, (SELECT ST_UnaryUnion(ST_Collect(c.geom))
                     FROM coverage_areas c WHERE c.technology IN (\(list))
                       AND c.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'coverage_areas'
                                       AND search_frame = u.geom))), 1), 0) / ST_Area(u.geom, 1)
            FROM admin_units u WHERE u.level = 'commune'
            """
        ) { ($0.text(0) ?? "", $0.double(1)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// GEOS: the share within `metres` of active fibre routes and nodes, buffers with 64 segments per
    /// quarter circle in the local plane at the unit's centroid (close to exact circles).
    static func geosFibreShares(_ db: Connection, metres: Double) throws -> [String: Double] {
        let rows = try db.rows(
            """
            SELECT code, ifnull(ST_Area(ST_Intersection(g, (SELECT ST_UnaryUnion(ST_Collect(
                     ScaleCoords(ST_Buffer(ScaleCoords(f.geom, kx, ky), ?1, 64), 1.0 / kx, 1.0 / ky)))
                     FROM (SELECT geom FROM routes WHERE medium = 'fibre' AND status = 'active'
                           UNION ALL SELECT geom FROM nodes WHERE status = 'active') f
                     WHERE MbrIntersects(f.geom, ST_Expand(g, 0.01)))), 1), 0) / ST_Area(g, 1)
            FROM (SELECT code, geom AS g, Y(ST_Centroid(geom)) AS lat,
                    6378137.0 / sqrt(1 - 0.00669437999014 * sin(radians(Y(ST_Centroid(geom)))) * sin(radians(Y(ST_Centroid(geom)))))
                      * cos(radians(Y(ST_Centroid(geom)))) * pi() / 180 AS kx,
                    6378137.0 * (1 - 0.00669437999014) / power(1 - 0.00669437999014 * sin(radians(Y(ST_Centroid(geom))))
                      * sin(radians(Y(ST_Centroid(geom)))), 1.5) * pi() / 180 AS ky
                  FROM admin_units WHERE level = 'commune')
            """, [metres]
        ) { ($0.text(0) ?? "", $0.double(1)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    static func sweepShares() throws -> (CoverageResult, Connection) {
        let store = try CoverageGEOSDifferentialTests.demoStore()
        var p = CoverageParameters()
        p.storeLocationResults = false
        let result = try CoverageAnalyzer(store: store, parameters: p).run()
        return (result, try Connection(path: store.path, mode: .readOnly))
    }

    @Test func mobileSharesMatchGEOS() throws {
        let (result, db) = try Self.sweepShares()
        for (key, generations) in [
            ("2G", ["2G"]), ("3G", ["3G"]), ("4G", ["4G"]), ("5G", ["5G"]), ("4G+", ["4G", "5G"]),
        ] {
            let geos = try Self.geosMobileShares(db, generations: generations)
            let measure = try #require(Measure(rawValue: key))
            var worst = 0.0
            for u in result.units {
                let ours = try #require(u.coverage[measure]?.areaShare, "\(key) share of \(u.code)")
                let theirs = try #require(geos[u.code])
                worst = max(worst, abs(ours - theirs))
                #expect(abs(ours - theirs) < 5e-6, "\(key) in \(u.code): \(ours) vs GEOS \(theirs)")
            }
            print("\(key): largest share difference to GEOS \(worst)")
        }
    }

    @Test func fibreSharesMatchGEOSBuffers() throws {
        let (result, db) = try Self.sweepShares()
        let geos = try Self.geosFibreShares(db, metres: 500)
        var worst = 0.0
        for u in result.units {
            let ours = try #require(u.coverage[.fibre]?.areaShare, "fibre share of \(u.code)")
            let theirs = try #require(geos[u.code])
            worst = max(worst, abs(ours - theirs))
            #expect(abs(ours - theirs) < 1e-4, "fibre in \(u.code): \(ours) vs GEOS \(theirs)")
        }
        print("fibre: largest share difference to GEOS \(worst)")
    }

    @Test func gapPolygonsCoverWhatTheSharesLeaveUncovered() throws {
        let store = try CoverageGEOSDifferentialTests.demoStore()
        var p = CoverageParameters()
        p.storeLocationResults = false
        p.gapAreas = true
        let result = try CoverageAnalyzer(store: store, parameters: p).run()
        let db = try Connection(path: store.path, mode: .readOnly)
        let stored = Dictionary(
            uniqueKeysWithValues: try db.rows("SELECT unit_code, ST_Area(geom, 1) / 1e6 FROM gap_areas") {
                ($0.text(0) ?? "", $0.double(1))
            })
        #expect(!stored.isEmpty)
        for u in result.units {
            let share = try #require(u.coverage[.broadband]?.areaShare)
            let unitKm2 = try #require(u.areaKm2)
            let expected = (1 - share) * unitKm2
            // GEOS buffers fibre with 8 segments per quarter circle: a little less reach than circles.
            #expect(abs((stored[u.code] ?? 0) - expected) <= 2e-3 * unitKm2, "gap area of \(u.code)")
            if share >= 1 { #expect(stored[u.code] == nil, "\(u.code) is fully covered") }
        }
    }
}
