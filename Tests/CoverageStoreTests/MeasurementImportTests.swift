import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Measurements import from each family of column spellings, with units converted explicitly.
@Suite struct MeasurementImportTests {
    /// One export family: its header, one row, and what must be stored from it.
    struct Family: Sendable, CustomTestStringConvertible {
        var name: String
        var csv: String
        var download: Double?
        var upload: Double?
        var latency: Double?
        var rsrp: Double?
        var time: String?
        var technology: Technology?
        var operatorName: String?
        var testDescription: String { name }
    }

    static let families = [
        Family(
            name: "canonical",
            csv: """
                id,time,operator,technology,download_mbps,upload_mbps,latency_ms,rsrp_dbm,rsrq_db,sinr_db,source,test_id,device_id,environment,lon,lat
                m1,2025-11-03T14:05:00Z,Viettel,4G,42.5,8.25,35,-95,-10,12,crowd-app,t1,d1,outdoor,105.8,21.6
                """, download: 42.5, upload: 8.25, latency: 35, rsrp: -95, time: "2025-11-03T14:05:00Z",
            technology: .g4,
            operatorName: "Viettel"),
        Family(
            name: "flattened speed-test export (FCC top-level names, speeds in Mbps)",
            csv: """
                test_id,timestamp,provider_name,network_type,download_speed,upload_speed,round_trip_latency,latitude,longitude
                f1,2025-11-03T21:05:00+07:00,MobiFone,LTE,12.5,2.5,48,21.6,105.8
                """, download: 12.5, upload: 2.5, latency: 48, time: "2025-11-03T14:05:00Z", technology: .g4,
            operatorName: "MobiFone"),
        Family(
            name: "drive-test export",
            csv: """
                Timestamp,Latitude,Longitude,RSRP,RSRQ,SINR,Download (Mbps),Upload (Mbps),Technology,Operator
                2025-11-03 14:05:00.500,21.6,105.8,-101.5,-12,7.5,30,5,NR,Vinaphone
                """, download: 30, upload: 5, rsrp: -101.5, time: "2025-11-03T14:05:00.500Z", technology: .g5,
            operatorName: "Vinaphone"),
        Family(
            name: "Ookla-style crowd export (kbps)",
            csv: """
                test_id,test_date,android_device_id,download_kbps,upload_kbps,latency,client_latitude,client_longitude,sim_operator_name
                o1,2025-11-03 14:05:00,a1,42500,8250,35,21.6,105.8,Viettel
                """, download: 42.5, upload: 8.25, latency: 35, time: "2025-11-03T14:05:00Z", operatorName: "Viettel"),
        Family(
            name: "RTR/NetMetr open data (kbit/s)",
            csv: """
                open_test_uuid,time,cat_technology,lat,long,download_kbit,upload_kbit,ping_ms,lte_rsrp,network_name
                O1,2025-11-03 14:05,4G,21.6,105.8,22180,1500,31.5,-99,Viettel
                """, download: 22.18, upload: 1.5, latency: 31.5, rsrp: -99, time: "2025-11-03T14:05:00Z",
            technology: .g4, operatorName: "Viettel"),
    ]

    @Test(arguments: families)
    func importsEachSpellingFamily(_ family: Family) throws {
        let dir = try FixtureDirectory()
        let file = try dir.write("tests.csv", family.csv + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .crowdApp
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 1, "\(result.warnings)")
        #expect(result.exclusions == [])
        let m = try #require(try store.readSnapshot().measurements(rowIDs: [1]).first)
        #expect(m.position == Coordinate(105.8, 21.6))
        // Converted values are compared with the file's numbers divided by 1000 by hand above.
        #expect(m.downloadMbps.map { abs($0 - (family.download ?? .nan)) < 1e-9 } ?? (family.download == nil))
        #expect(m.uploadMbps.map { abs($0 - (family.upload ?? .nan)) < 1e-9 } ?? (family.upload == nil))
        #expect(m.latencyMs == family.latency)
        #expect(m.rsrpDbm == family.rsrp)
        #expect(m.technology == family.technology)
        #expect(m.operatorName == family.operatorName)
        #expect(m.source == .crowdApp)
        let stored = try store.db.scalar("SELECT time FROM measurements").text
        #expect(stored == family.time)
        #expect(m.time == family.time.flatMap(foundationSeconds))
    }

    @Test func canonicalSourceAndEnvironmentColumnsAreKept() throws {
        let dir = try FixtureDirectory()
        let file = try dir.write(
            "tests.csv",
            "id,source,environment,rsrp_dbm,lon,lat,institution_id\nA,school-probe,indoor,-80,105.8,21.6,S1\n")
        let store = try dir.store()
        _ = try store.importFile(file, options: ImportOptions(layer: .measurements))
        let m = try #require(try store.readSnapshot().measurements(rowIDs: [1]).first)
        #expect(m.source == .schoolProbe)
        #expect(m.environment == .indoor)
        #expect(m.institutionID == "S1")
        #expect(m.time == nil && m.downloadMbps == nil)
    }

    /// FCC challenge tests are outdoor or in a vehicle; a vehicle test is kept, as outdoor (no indoor allowance).
    @Test(arguments: ["in-vehicle", "in_vehicle", "Vehicle", "in vehicle", "driving"])
    func vehicleSpellingsAreKept(_ spelling: String) throws {
        let dir = try FixtureDirectory()
        let file = try dir.write("tests.csv", "id,environment,rsrp_dbm,lon,lat\nA,\(spelling),-80,105.8,21.6\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 1 && result.exclusions == [])
        #expect(try store.db.scalar("SELECT environment FROM measurements").text == "outdoor")
    }

    /// RTR-Netztest's open data flags implausible tests; a set flag excludes the row under its own reason.
    @Test func rowsTheSourceFlagsImplausibleAreExcludedAndCounted() throws {
        let dir = try FixtureDirectory()
        let rows = ["false", "true", "TRUE", "0", "1", ""].enumerated().map { i, flag in
            "O\(i),2025-11-03 14:05,4G,21.6,105.8,22180,1500,31.5,Viettel,\(flag)"
        }
        let csv =
            "open_test_uuid,time,cat_technology,lat,long,download_kbit,upload_kbit,ping_ms,network_name,implausible\n"
        let file = try dir.write("rtr.csv", csv + rows.joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .crowdApp
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 3)
        #expect(result.exclusions?.map(\.reason) == [.flaggedImplausible])
        #expect(result.exclusions?.first?.count == 3)
        #expect(
            try store.db.scalar("SELECT group_concat(ext_id, ',') FROM (SELECT ext_id FROM measurements ORDER BY id)")
                .text == "O0,O3,O5")
    }

    @Test func aFileWithNoSourceAndNoOptionIsRefused() throws {
        let dir = try FixtureDirectory()
        let file = try dir.write("tests.csv", "id,rsrp,lat,lon\nA,-80,21.6,105.8\n")
        let store = try dir.store()
        #expect(throws: ImportError.self) { try store.importFile(file, options: ImportOptions(layer: .measurements)) }
        #expect(try store.db.scalar("SELECT count(*) FROM datasets").int == 0)
    }

    /// Mappings that cannot be resolved, and the words the refusal must hold.
    static let unresolvable: [(String, String)] = [
        ("name,value\nx,3\n", "columns found: name, value"),
        ("id,download_mbps\nx,3\n", "no column gives a position"),
        ("id,lat,lon,comment\nx,21.6,105.8,ok\n", "no column gives a measured value"),
    ]

    @Test(arguments: unresolvable)
    func anUnresolvableMappingIsRefusedNamingTheColumns(_ c: (csv: String, words: String)) throws {
        let dir = try FixtureDirectory()
        let file = try dir.write("tests.csv", c.csv)
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        do {
            _ = try store.importFile(file, options: options)
            Issue.record("imported an unresolvable mapping")
        } catch {
            #expect("\(error)".contains(c.words), "\(error)")
            #expect("\(error)".contains("columns found"), "\(error)")
        }
        #expect(try store.db.scalar("SELECT count(*) FROM measurements").int == 0)
        #expect(try store.db.scalar("SELECT count(*) FROM datasets").int == 0)
    }

    @Test func aGeoPackageWrittenByOgr2ogrImports() throws {
        let dir = try FixtureDirectory()
        let geojson = try dir.write(
            "m.geojson",
            """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[105.8,21.6]},
             "properties":{"id":"g1","Timestamp":"2025-11-03T14:05:00Z","download_kbps":42500,"RSRP":-90}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[105.9,21.7]},
             "properties":{"id":"g2","Timestamp":"2025-11-03T14:06:00Z","download_kbps":-5,"RSRP":-91}}]}
            """)
        let gpkg = dir.path("m.gpkg")
        try GDALFormatsTests.ogr2ogr(["-f", "GPKG", gpkg, geojson, "-nln", "tests"])
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        let result = try store.importFile(gpkg, options: options)
        #expect(result.format == "GPKG")
        #expect(result.rows == 1)
        #expect(result.exclusions?.map(\.reason) == [.negativeSpeed])
        #expect(result.exclusions?.first?.examples.first?.location.contains("feature 1") == true)
        let m = try #require(try store.readSnapshot().measurements(rowIDs: [1]).first)
        #expect(m.id == "g1" && m.downloadMbps == 42.5 && m.rsrpDbm == -90)
        // GeoJSON read by the streaming reader gives the same values.
        let again = try dir.store("b.sqlite")
        let fromJSON = try again.importFile(geojson, options: options)
        #expect(fromJSON.rows == 1)
        #expect(try again.readSnapshot().measurements(rowIDs: [1]).first == m)
    }
}

/// Seconds since 1970 for ISO 8601 text, by Foundation's parser (independent of the importer's).
func foundationSeconds(_ text: String) -> Double? {
    let plain = ISO8601DateFormatter()
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return (fractional.date(from: text) ?? plain.date(from: text))?.timeIntervalSince1970
}
