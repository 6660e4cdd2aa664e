import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

@Suite struct ImportGeoJSONTests {
    let communes = GeoJSONText.collection([
        GeoJSONText.feature(
            #"{"type":"MultiPolygon","coordinates":[[[[105.8,21.5],[105.9,21.5],[105.9,21.6],[105.8,21.6],[105.8,21.5]]],[[[106.0,21.5],[106.05,21.5],[106.05,21.55],[106.0,21.5]]]]}"#,
            #"{"code":"05443","name":"Phường Phan Đình Phùng","province_code":"19"}"#),
        GeoJSONText.feature(
            #"{"type":"Polygon","coordinates":[[[105.9,21.5],[106.0,21.5],[106.0,21.6],[105.9,21.6],[105.9,21.5]],[[105.92,21.52],[105.92,21.54],[105.94,21.54],[105.94,21.52],[105.92,21.52]]]}"#,
            #"{"code":"01864","name":"Xã Bằng Thành","province_code":"19"}"#),
    ])

    @Test func communesRoundTripWithVietnameseNames() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("communes.geojson", communes)
        var options = ImportOptions(layer: .communes)
        options.asOf = "2025-07-01"
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 2)
        #expect(result.sha256.count == 64)
        let units = try store.adminUnits(vintage: "2025")
        #expect(units.map(\.code) == ["01864", "05443"])
        #expect(units[1].name == "Phường Phan Đình Phùng")
        #expect(units[0].name == "Xã Bằng Thành")
        #expect(units[1].parentCode == "19")
        #expect(units[1].level == .commune)
        // Geometry comes back exactly, promoted to MultiPolygon, the hole kept.
        #expect(units[1].geometry.polygons.count == 2)
        #expect(units[0].geometry.polygons.first?.rings.count == 2)
        #expect(units[0].geometry.polygons.first?.rings[1][1] == Coordinate(105.92, 21.54))
        let datasets = try store.datasets()
        #expect(datasets.count == 1)
        #expect(datasets[0].fileName == "communes.geojson")
        #expect(datasets[0].rowCount == 2)
        #expect(datasets[0].asOf == "2025-07-01")
    }

    @Test func sameFileTwiceIsRefusedUnlessReplaced() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("communes.geojson", communes)
        _ = try store.importFile(file, options: ImportOptions(layer: .communes))
        let before = try StoreSnapshot.take(store.path)
        #expect(throws: ImportError.self) { try store.importFile(file, options: ImportOptions(layer: .communes)) }
        #expect(try StoreSnapshot.take(store.path) == before)
        var replace = ImportOptions(layer: .communes)
        replace.replace = true
        let result = try store.importFile(file, options: replace)
        #expect(result.replacedRows == 2)
        #expect(try store.adminUnits().count == 2)
        #expect(try store.datasets().count == 1)
    }

    @Test func failureHalfWayLeavesStoreUnchanged() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        _ = try store.importFile(try dir.write("c.geojson", communes), options: ImportOptions(layer: .communes))
        let before = try StoreSnapshot.take(store.path)
        let bowTie = #"{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}"#
        let file = try dir.write(
            "cov.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(GeoJSONText.square(105.8, 21.5, 0.05), #"{"technology":"4G"}"#),
                GeoJSONText.feature(GeoJSONText.square(105.9, 21.5, 0.05), #"{"technology":"4G"}"#),
                GeoJSONText.feature(GeoJSONText.square(105.7, 21.5, 0.05), #"{"technology":"4G"}"#),
                GeoJSONText.feature(bowTie, #"{"technology":"4G"}"#),
            ]))
        var options = ImportOptions(layer: .coverage)
        options.operatorName = "Viettel"
        do {
            _ = try store.importFile(file, options: options)
            Issue.record("imported a bow-tie")
        } catch let error as ImportError {
            #expect(error.location == .feature(3))
            #expect(error.reason.contains("Self-intersection"))
            #expect(error.description.contains("cov.geojson"))
        }
        #expect(try StoreSnapshot.take(store.path) == before)
        options.makeValid = true
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 4)
        #expect(result.repairedGeometries == 1)
        #expect(try store.coverageAreas().last?.geometry.polygons.count == 2)
    }

    @Test func routesGetGeodesicLengthAndInfoTotals() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        // 0.1° of latitude ≈ 11.06 km at 21.5° N; 0.1° of longitude there ≈ 10.36 km.
        let file = try dir.write(
            "routes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"LineString","coordinates":[[105.8,21.5],[105.8,21.6]]}"#,
                    #"{"id":"r1","operator":"Viettel","medium":"fibre","level":"backbone"}"#),
                GeoJSONText.feature(
                    #"{"type":"MultiLineString","coordinates":[[[105.8,21.5],[105.9,21.5]]]}"#,
                    #"{"id":"r2","operator":"VNPT","medium":"microwave","status":"planned"}"#),
            ]))
        _ = try store.importFile(file, options: ImportOptions(layer: .routes))
        let info = try store.inventory()
        #expect(info.counts["routes"] == 2)
        let fibre = try #require(info.routesByMedium.first { $0.key == "fibre" })
        #expect(abs(fibre.lengthKm - 11.07) < 0.05)
        let microwave = try #require(info.routesByMedium.first { $0.key == "microwave" })
        #expect(abs(microwave.lengthKm - 10.37) < 0.05)
        #expect(info.routesByStatus.map(\.key) == ["active", "planned"])
        #expect(info.routesByLevel.map(\.key) == ["backbone", "intra-province"])
        let routes = try store.routes()
        #expect(routes[1].status == .planned)
        #expect(routes[0].geometry.kind == .multiLineString)
    }

    @Test func wrongGeometryKindIsRejectedWithTheFeatureIndex() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "r.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(#"{"type":"LineString","coordinates":[[105.8,21.5],[105.8,21.6]]}"#),
                GeoJSONText.feature(#"{"type":"Point","coordinates":[105.8,21.5]}"#),
            ]))
        do {
            _ = try store.importFile(file, options: ImportOptions(layer: .routes))
            Issue.record("imported a point as a route")
        } catch let error as ImportError {
            #expect(error.location == .feature(1))
            #expect(error.reason.contains("geometry is a Point; layer routes takes LineString or MultiLineString"))
        }
        #expect(try store.inventory().counts["routes"] == 0)
    }

    @Test func swappedLatLonIsFlagged() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "n.geojson",
            GeoJSONText.collection([GeoJSONText.feature(#"{"type":"Point","coordinates":[21.59,105.84]}"#)]))
        do {
            _ = try store.importFile(file, options: ImportOptions(layer: .nodes))
            Issue.record("imported swapped coordinates")
        } catch let error as ImportError {
            #expect(error.reason.contains("not longitude/latitude") || error.reason.contains("swapped"))
        }
        let inside = try dir.write(
            "n2.geojson",
            GeoJSONText.collection([GeoJSONText.feature(#"{"type":"Point","coordinates":[21.59,15.84]}"#)]))
        do {
            _ = try store.importFile(inside, options: ImportOptions(layer: .nodes))
            Issue.record("imported a point outside Vietnam")
        } catch let error as ImportError {
            #expect(error.reason.contains("outside the plausible extent"))
            #expect(error.reason.contains("feature 0"))
        }
        var allow = ImportOptions(layer: .nodes)
        allow.allowOutsideExtent = true
        let result = try store.importFile(inside, options: allow)
        #expect(result.warnings.contains { $0.contains("outside the plausible extent") })
    }

    @Test func hamletsTakePointsOrPolygons() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "h.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.85,21.55]}"#,
                    #"{"code":"H1","name":"Thôn Nà Pài","commune_code":"05443","households":120,"population":480}"#),
                GeoJSONText.feature(
                    GeoJSONText.square(105.9, 21.5, 0.02),
                    #"{"code":"H2","name":"Xóm Đồng Tâm","commune_code":"01864","households":80}"#),
            ]))
        _ = try store.importFile(file, options: ImportOptions(layer: .hamlets))
        let hamlets = try store.hamlets()
        #expect(hamlets.count == 2)
        #expect(hamlets[0].point == Coordinate(105.85, 21.55))
        #expect(hamlets[0].households == 120)
        #expect(hamlets[0].area == nil)
        #expect(hamlets[1].area?.polygons.count == 1)
        let p = hamlets[1].point
        #expect(p.x > 105.9 && p.x < 105.92 && p.y > 21.5 && p.y < 21.52)
        #expect(hamlets[1].population == nil)
    }
}
