import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import GeometryTestSupport
import SpatialSQL
import Testing

/// Figures on a fixture small enough to count by hand (see CoverageFixture for the layout).
@Suite struct CoverageHandFixtureTests {
    func run(_ configure: (inout CoverageParameters) -> Void = { _ in }) throws -> CoverageResult {
        var p = CoverageParameters()
        configure(&p)
        return try CoverageAnalyzer(store: try CoverageFixture.build(), parameters: p).run()
    }

    func unit(_ r: CoverageResult, _ code: String) throws -> UnitFigures {
        try #require(r.units.first { $0.code == code })
    }

    @Test func totalsAndBoundaryRules() throws {
        let r = try run()
        let a = try unit(r, "00001")
        // A: h1, h2, h3, h10 (a vertex of A), h5 (on the shared edge: the lower code wins).
        #expect(a.locations == 5)
        #expect(a.households == 6)
        #expect(a.persons == 11)
        #expect(a.personsUnknownLocations == 1)
        let b = try unit(r, "00002")
        #expect(b.locations == 4)
        #expect(b.households == 6)
        #expect(b.persons == 15)
        // h4 lies in A's hole, h11 west of everything.
        #expect(r.outside.locations == 2)
        #expect(r.outside.households == 2)
        #expect(Set(r.outside.sample.map(\.id)) == ["h4", "h11"])
        #expect(r.province.households == 12)
    }

    @Test func mobileCoveragePerOperatorAndMultiOperator() throws {
        let r = try run()
        let a4 = try #require(try unit(r, "00001").coverage[.g4])
        #expect(a4.locations == 3)
        #expect(a4.households == 4)
        #expect(a4.persons == 10)
        #expect(a4.householdShare == 4.0 / 6.0)
        #expect(a4.operators?["Viettel"]?.households == 4)
        #expect(a4.operators?["VNPT"]?.households == 2)
        #expect(a4.householdsMultiOperator == 2)
        // h6 on Viettel's east edge, h7 on its corner: boundary inclusive; h8 just north of both.
        let b4 = try #require(try unit(r, "00002").coverage[.g4])
        #expect(b4.households == 2)
        #expect(b4.operators?["Viettel"]?.locations == 2)
        #expect(b4.operators?["VNPT"]?.locations == 2)
        let b5 = try #require(try unit(r, "00002").coverage[.g5])
        #expect(b5.households == 3)
        let b4plus = try #require(try unit(r, "00002").coverage[.g4plus])
        #expect(b4plus.households == 5)
        #expect(r.province.coverage[.g4]?.householdShare == 0.5)
    }

    @Test func missingLayersAreNotReportedAsZeroCoverage() throws {
        let r = try run()
        let g3 = try #require(r.province.coverage[.g3])
        #expect(g3.available == false)
        #expect(g3.note?.contains("no 3G coverage areas") == true)
        #expect(r.notes.contains { $0.contains("3G") && $0.contains("not as 0% covered") })
        #expect(r.province.coverage[.g4]?.available == true)
    }

    @Test func fibreReachStraightAndAlongTheNetwork() throws {
        let r = try run()
        let fa = try #require(try unit(r, "00001").coverage[.fibre])
        // Only h3 lies within 500 m (≈332 m) of the active route at 21.077.
        #expect(fa.households == 1)
        #expect(fa.networkHouseholds == 1)
        #expect(try unit(r, "00002").coverage[.fibre]?.households == 0)
        let planned = try run { $0.includePlanned = true }
        // The planned route at 21.022 adds h1, h2 and h5 (≈221 m away).
        #expect(try unit(planned, "00001").coverage[.fibre]?.households == 5)
        let narrow = try run { $0.fibreDistanceMetres = 300 }
        #expect(try unit(narrow, "00001").coverage[.fibre]?.households == 0)
        // Both communes have the route crossing them: ≈ 10.38 km each (0.1° of longitude at 21.077° N).
        let fibreA = try #require(try unit(r, "00001").fibre)
        #expect(fibreA.hasFibre)
        let expectedKm = Geodesy.distance(Coordinate(105.0, 21.077), Coordinate(105.1, 21.077)) / 1000
        #expect(abs(fibreA.routeLengthKm - expectedKm) / expectedKm < 0.005)
        #expect(fibreA.nodes == 1)
    }

    @Test func broadbandIsFibreOrThreeGPlus() throws {
        let r = try run()
        // A: 4G covers h1, h2, h5; fibre adds h3; h10 has nothing → 5 of 6 households.
        let bb = try #require(try unit(r, "00001").coverage[.broadband])
        #expect(bb.households == 5)
        #expect(bb.householdShare == 5.0 / 6.0)
    }

    @Test func hamletRules() throws {
        // H1 gets h1, h2, h5 (all 4G); H2 gets h3, h10 (none); H3 gets h6…h9 (2 of 6 households 4G).
        let any = try run { $0.hamletRule = .any }
        #expect(any.province.coverage[.g4]?.hamletsCovered == 2)
        #expect(any.province.hamlets == 3)
        let share = try run { $0.hamletRule = .share(0.8) }
        #expect(share.province.coverage[.g4]?.hamletsCovered == 1)
        let centroid = try run { $0.hamletRule = .centroid }
        #expect(centroid.province.coverage[.g4]?.hamletsCovered == 1)
        #expect(centroid.province.coverage[.g5]?.hamletsCovered == 1)
        let byHamlet = try run { $0.grouping = .hamlet }
        let h3 = try #require(byHamlet.units.first { $0.code == "H3" })
        #expect(h3.households == 6)
        #expect(h3.coverage[.g4]?.households == 2)
        #expect(h3.parentCode == "00002")
    }

    @Test func institutionsByRecordAndByFibreReach() throws {
        let r = try run()
        let schools = try #require(r.institutions.first { $0.kind == "school" })
        #expect(schools.count == 2)
        #expect(schools.connected == 2)
        #expect(schools.connectedByEvidence["measured"] == 1)
        #expect(schools.withinFibreReach == 2)
        let health = try #require(r.institutions.first { $0.kind == "health" })
        #expect(health.connected == 0)
        #expect(health.withinFibreReach == 0)
        let strict = try run { $0.minimumEvidence = .measured }
        #expect(strict.institutions.first { $0.kind == "school" }?.connected == 1)
    }

    @Test func areaSharesMatchTheEllipsoidalRectangleFormula() throws {
        let r = try run()
        let rect = GeometryFixtures.rectangleArea
        // A's covered part: its south half minus the part of the hole in it.
        let covered = rect(105.0, 21.0, 105.1, 21.05) - rect(105.04, 21.04, 105.06, 21.05)
        let total = rect(105.0, 21.0, 105.1, 21.1) - rect(105.04, 21.04, 105.06, 21.06)
        let share = try #require(try unit(r, "00001").coverage[.g4]?.areaShare)
        #expect(abs(share - covered / total) < 1e-4, "GEOS \(share) vs formula \(covered / total)")
        let a = try unit(r, "00001")
        #expect(abs((a.areaKm2 ?? 0) * 1e6 - total) / total < 1e-4)
        // B: 5G covers exactly the island.
        let b5 = try #require(try unit(r, "00002").coverage[.g5]?.areaShare)
        let island = rect(105.3, 21.0, 105.32, 21.02)
        #expect(abs(b5 - island / (rect(105.1, 21.0, 105.2, 21.1) + island)) < 1e-4)
    }

    static let clusterTriggers = """
        SELECT group_concat(name) FROM (
          SELECT name FROM sqlite_master WHERE tbl_name = 'gap_clusters' AND type = 'trigger' ORDER BY name)
        """

    @Test func resultsLandInTheStore() throws {
        let store = try CoverageFixture.build()
        let triggersBefore = try store.db.scalar(Self.clusterTriggers).text
        let r = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        #expect(r.runID != nil)
        let snapshot = try StoreSnapshot.take(store.path)
        #expect(snapshot.tables["location_results"]?.hasPrefix("11:") == true)
        #expect(snapshot.tables["coverage_runs"]?.hasPrefix("1:") == true)
        // The view unpacks the stored rows: units as counted by hand, 4G flags summing to the tallies.
        let db = try Connection(path: store.path, mode: .readOnly)
        let unitOf = Dictionary(
            uniqueKeysWithValues: try db.rows(
                "SELECT h.ext_id, l.unit_code FROM location_coverage l JOIN households h ON h.id = l.household_id"
            ) { ($0.text(0) ?? "", $0.text(1)) })
        #expect(unitOf.count == 11)
        #expect(unitOf["h4"] == .some(nil) && unitOf["h11"] == .some(nil))
        #expect(unitOf["h5"] == "00001" && unitOf["h10"] == "00001")
        for code in ["00001", "00002"] {
            let g4 = try db.scalar("SELECT sum(g4) FROM location_coverage WHERE unit_code = ?", [code]).int
            #expect(g4 == Int64(try unit(r, code).coverage[.g4]?.locations ?? -1))
        }
        #expect(try db.scalar("SELECT count(DISTINCT run_id) FROM location_coverage").int == 1)
        // A second run replaces the first.
        _ = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).run()
        #expect(try StoreSnapshot.take(store.path).tables["coverage_runs"]?.hasPrefix("1:") == true)
        // Gap clusters are refilled with SpatiaLite's triggers suspended: they must be back, and the
        // spatial index must match the rows.
        let after = try Connection(path: store.path, mode: .readOnly)
        #expect(try after.scalar(Self.clusterTriggers).text == triggersBefore)
        let clusters = try after.scalar("SELECT count(*) FROM gap_clusters").int ?? 0
        #expect(clusters > 0)
        #expect(try after.scalar("SELECT count(*) FROM idx_gap_clusters_geom").int == clusters)
        #expect(try store.db.scalar("SELECT CheckSpatialIndex('gap_clusters', 'geom')").int == 1)
    }
}
