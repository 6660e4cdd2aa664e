import CoverageFormats
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Imports from issue 13: exact big ids, legacy `crs` links, the antimeridian, streamed hashing.
@Suite struct HostileImportTests {
    private func point(_ id: String, _ lon: Double = 105.85, _ lat: Double = 21.55) -> String {
        #"{"type":"Feature","id":\#(id),"properties":{},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#
    }

    /// The texts of one column of a table, ordered by rowid.
    private func column(_ store: Store, _ sql: String) throws -> [String] {
        try store.db.rows(sql, []) { $0.text(0) ?? "NULL" }
    }

    @Test func integerIDsBeyond2to53AreStoredExactlyAndStayDistinct() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let ids = ["9007199254740992", "9007199254740993", "1234567890123456789"]
        let file = try dir.write("big-ids.geojson", GeoJSONText.collection(ids.map { point($0) }))
        let result = try store.importFile(file, options: ImportOptions(layer: .households))
        #expect(result.rows == 3)
        #expect(try column(store, "SELECT ext_id FROM households ORDER BY id") == ids)
    }

    @Test func integerCodesInPropertiesAreStoredExactly() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "codes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    GeoJSONText.square(105.8, 21.5, 0.1), #"{"code":9007199254740993,"parent_code":19}"#)
            ]))
        _ = try store.importFile(file, options: ImportOptions(layer: .communes))
        let unit = try #require(try store.adminUnits().first)
        #expect(unit.code == "9007199254740993")
        #expect(unit.parentCode == "19")
    }

    /// A square in VN-2000 / UTM 48N (EPSG:3405) metres near Hà Nội, with a legacy crs member.
    private func projected(crs: String) -> String {
        let (x, y) = (588_000.0, 2_380_000.0)
        let square =
            #"{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + 1000),\#(y)],[\#(x + 1000),\#(y + 1000)],[\#(x),\#(y + 1000)],[\#(x),\#(y)]]]}"#
        return #"{"type":"FeatureCollection","crs":\#(crs),"features":["#
            + GeoJSONText.feature(square, #"{"code":"P1"}"#) + "]}"
    }

    @Test(
        arguments: [
            #"{"type":"link","properties":{"href":"http://spatialreference.org/ref/epsg/3405/proj4/","type":"proj4"}}"#,
            #"{"type":"link","properties":{"href":"http://www.opengis.net/def/crs/EPSG/0/3405"}}"#,
            #"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3405"}}"#,
        ])
    func legacyCRSNamingAnEPSGCodeIsHonoured(_ crs: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("projected.geojson", projected(crs: crs))
        let result = try store.importFile(file, options: ImportOptions(layer: .communes))
        #expect(result.sourceSRID == 3405)
        let box = try #require(try store.adminUnits().first?.geometry.boundingBox)
        #expect(box.minX > 105 && box.maxX < 106 && box.minY > 21 && box.maxY < 22)
    }

    @Test(
        arguments: [
            (#"{"type":"link","properties":{"href":"data.prj","type":"esriwkt"}}"#, "links to 'data.prj'"),
            (#"{"type":"link","properties":{}}"#, "names no coordinate system"),
            (#"{"type":"name","properties":{"name":"VN-2000 local"}}"#, "'VN-2000 local' is not an EPSG code"),
        ])
    func legacyCRSThatCannotBeReadIsRefused(_ crs: String, _ reason: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write("projected.geojson", projected(crs: crs))
        let before = try StoreSnapshot.take(store.path)
        let error = try #require(throws: ImportError.self) {
            try store.importFile(file, options: ImportOptions(layer: .communes))
        }
        #expect(error.location == .file)
        #expect(error.reason.contains(reason) && error.reason.contains("--srid"))
        #expect(try StoreSnapshot.take(store.path) == before)
        var explicit = ImportOptions(layer: .communes)
        explicit.sourceSRID = 3405
        #expect(try store.importFile(file, options: explicit).rows == 1)
    }

    @Test(
        arguments: [
            (
                "communes",
                #"{"type":"Polygon","coordinates":[[[179.5,-17],[-179.5,-17],[-179.5,-16],[179.5,-16],[179.5,-17]]]}"#
            ),
            (
                "communes",
                #"{"type":"MultiPolygon","coordinates":[[[[105,21],[106,21],[106,22],[105,22],[105,21]]],[[[179,0],[-179,0],[-179,1],[179,0]]]]}"#
            ),
            ("routes", #"{"type":"LineString","coordinates":[[179.9,-16.5],[-179.9,-16.6]]}"#),
        ])
    func geometryAcrossTheAntimeridianIsRefused(_ layer: String, _ geometry: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let file = try dir.write(
            "fiji.geojson", GeoJSONText.collection([GeoJSONText.feature(geometry, #"{"code":"F1"}"#)]))
        var options = ImportOptions(layer: try #require(Layer(rawValue: layer)))
        options.allowOutsideExtent = true
        options.extent = BoundingBox(minX: -180, minY: -90, maxX: 180, maxY: 90)
        let error = try #require(throws: ImportError.self) { try store.importFile(file, options: options) }
        #expect(error.location == .feature(0))
        #expect(error.reason.contains("crosses the antimeridian (180°)"))
    }

    @Test func geometryTouching180IsAccepted() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let square = #"{"type":"Polygon","coordinates":[[[179,-17],[180,-17],[180,-16],[179,-16],[179,-17]]]}"#
        let file = try dir.write(
            "east.geojson", GeoJSONText.collection([GeoJSONText.feature(square, #"{"code":"E1"}"#)]))
        var options = ImportOptions(layer: .communes)
        options.allowOutsideExtent = true
        #expect(try store.importFile(file, options: options).rows == 1)
    }

    /// One small valid file per format that hashes differently from the others.
    enum Sample: String, CaseIterable {
        case geojson, householdsCSV, institutionsCSV, openCellID

        func write(in dir: FixtureDirectory) throws -> (path: String, layer: Layer) {
            switch self {
            case .geojson:
                let text = GeoJSONText.collection([
                    #"{"type":"Feature","id":"G1","properties":{},"geometry":{"type":"Point","coordinates":[105.85,21.55]}}"#
                ])
                return (try dir.write("h.geojson", text), .households)
            case .householdsCSV: return (try dir.write("h.csv", "id,lon,lat\nC1,105.85,21.55\n"), .households)
            case .institutionsCSV:
                return (try dir.write("i.csv", "id,kind,name,lon,lat\nI1,school,A,105.85,21.55\n"), .institutions)
            case .openCellID:
                return (
                    try dir.write(
                        "cells.csv", "radio,mcc,net,area,cell,unit,lon,lat,range\nLTE,452,4,1,2,0,105.8,21.5,1000\n"),
                    .sites
                )
            }
        }
    }

    @Test(arguments: Sample.allCases)
    func recordedHashIsTheFilesSHA256(_ sample: Sample) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let (path, layer) = try sample.write(in: dir)
        let result = try store.importFile(path, options: ImportOptions(layer: layer))
        let expected = try SHA256.hexDigest(ofFile: path)
        #expect(result.sha256 == expected)
        #expect(try store.datasets().map(\.sha256) == [expected])
        // The same bytes again are refused as a repeat, with the earlier dataset named.
        let error = try #require(throws: ImportError.self) {
            try store.importFile(path, options: ImportOptions(layer: layer))
        }
        #expect(error.reason.contains("was already imported into \(layer.rawValue) as dataset 1"))
    }

    @Test func openCellIDExportIsDetectedWithoutFormat() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let (path, _) = try Sample.openCellID.write(in: dir)
        let result = try store.importFile(path, options: ImportOptions(layer: .sites))
        #expect(result.format == "opencellid")
        #expect(try store.sites().map(\.operatorName) == ["Viettel"])
        #expect(try store.sites().map(\.technology) == [.g4])
    }
}
