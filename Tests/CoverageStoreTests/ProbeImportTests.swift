import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Probes attached to institutions: the institution id's spellings, probes placed at their institution,
/// unmatched ids counted, and schema 5 on a store made before it.
@Suite struct ProbeImportTests {
    /// Two stored institutions: S1 and S2 (S2 twice, in two datasets: the first one's location wins).
    static func storeWithInstitutions(_ dir: FixtureDirectory) throws -> Store {
        let store = try dir.store()
        let first = try dir.write(
            "i1.csv",
            "id,kind,name,lon,lat,connection,evidence\nS1,school,A,105.81,21.61,fibre,declared\n"
                + "S2,school,B,105.82,21.62,fixed,declared\n")
        let second = try dir.write(
            "i2.csv", "id,kind,name,lon,lat,connection,evidence\nS3,school,C,105.83,21.63,fibre,declared\n")
        _ = try store.importFile(first, options: ImportOptions(layer: .institutions))
        _ = try store.importFile(second, options: ImportOptions(layer: .institutions))
        return store
    }

    /// The institution-id spellings of the canonical file, `school_id` and Giga's exports (any case).
    static let spellings = [
        "institution_id", "school_id", "school_id_govt", "giga_id_school", "school_id_giga", "School_ID",
    ]

    @Test(arguments: spellings)
    func theInstitutionIDIsReadFromEachSpelling(_ column: String) throws {
        let dir = try FixtureDirectory()
        let store = try Self.storeWithInstitutions(dir)
        let file = try dir.write(
            "probe.csv",
            "id,time,\(column),speed_download,speed_upload,lon,lat\nP1,2025-11-03T02:00:00Z,S1,25.5,5.5,105.8,21.6\n")
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .schoolProbe
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 1)
        #expect(result.probes == ProbeLinks(attached: 1, locatedAtInstitution: 0, unattached: 0))
        let m = try #require(try store.readSnapshot().measurements(rowIDs: [1]).first)
        #expect(m.institutionID == "S1")
        #expect(m.downloadMbps == 25.5 && m.uploadMbps == 5.5)
        // With coordinates, the test stays where they put it.
        #expect(m.position == Coordinate(105.8, 21.6))
    }

    @Test func aProbeWithoutCoordinatesIsPlacedAtItsInstitution() throws {
        let dir = try FixtureDirectory()
        let store = try Self.storeWithInstitutions(dir)
        let file = try dir.write(
            "giga.csv",
            """
            school_id,timestamp,speed_download,speed_upload,latency,lon,lat
            S2,2025-11-03T02:00:00Z,30,6,40,,
            S3,2025-11-03T03:00:00Z,3,0.5,90,,
            S1,2025-11-03T04:00:00Z,40,9,20,105.9,21.7

            """)
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .schoolProbe
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 3)
        #expect(result.exclusions == [])
        #expect(result.probes == ProbeLinks(attached: 3, locatedAtInstitution: 2, unattached: 0))
        #expect(result.warnings.contains { $0.contains("2 rows without coordinates placed at their institution") })
        // Independently: SpatiaLite compares each stored point with its institution's geometry.
        let rows = try store.db.rows(
            """
            SELECT m.institution_id, m.located_at_institution, ST_Equals(m.geom, i.geom), m.lon = X(i.geom)
            FROM measurements m JOIN institutions i ON i.ext_id = m.institution_id ORDER BY m.id
            """
        ) { "\($0.text(0) ?? "")|\($0.int(1))|\($0.int(2))|\($0.int(3))" }
        #expect(rows == ["S2|1|1|1", "S3|1|1|1", "S1|0|0|0"])
        var batch = MeasurementBatch()
        try store.readSnapshot().measurementCursor().read(1...3, into: &batch)
        #expect(batch.institutionIDs == ["S2", "S3", "S1"])
    }

    @Test func unmatchedIDsAreCountedKeptWithCoordinatesAndExcludedWithout() throws {
        let dir = try FixtureDirectory()
        let store = try Self.storeWithInstitutions(dir)
        let file = try dir.write(
            "probes.csv",
            """
            id,institution_id,time,download_mbps,upload_mbps,source,lon,lat
            A,S9,2025-11-03T02:00:00Z,30,6,school-probe,105.8,21.6
            B,S9,2025-11-03T03:00:00Z,30,6,school-probe,,
            C,S8,2025-11-03T03:00:00Z,30,6,fixed-probe,105.8,21.6
            D,,2025-11-03T03:00:00Z,30,6,fixed-probe,105.8,21.6
            E,S1,2025-11-03T03:00:00Z,30,6,school-probe,,

            """)
        let result = try store.importFile(file, options: ImportOptions(layer: .measurements))
        #expect(result.rows == 4)
        #expect(result.exclusions?.map(\.reason) == [.institutionNotFound])
        #expect(result.exclusions?.first?.count == 1)
        #expect(
            result.probes
                == ProbeLinks(attached: 1, locatedAtInstitution: 1, unattached: 2, unattachedExamples: ["S9", "S8"]))
        #expect(result.warnings.contains { $0.contains("2 rows kept unattached") && $0.contains("'S9', 'S8'") })
        // Kept rows keep the id the file gave; the exclusion is stored with the dataset.
        let kept = try store.db.rows("SELECT ext_id, institution_id FROM measurements ORDER BY id") {
            "\($0.text(0) ?? "")=\($0.text(1) ?? "-")"
        }
        #expect(kept == ["A=S9", "C=S8", "D=-", "E=S1"])
        #expect(
            try store.exclusions().map { "\($0.reason.rawValue):\($0.count)" } == ["institution-not-found:1"])
    }

    /// A store as the build before schema 5 made it (version 4), holding one school probe.
    func version4Store() throws -> String {
        try MigrationTests.store(atVersion: 4) { db in
            try db.execute(
                "INSERT INTO datasets VALUES (1, 'measurements', 'm.csv', 'x', 1, '2026-01-01T00:00:00Z', NULL, 'csv', '')"
            )
            try db.execute(
                """
                INSERT INTO measurements(ext_id, source, download_mbps, upload_mbps, institution_id, lon, lat, dataset_id, geom)
                VALUES ('P1', 'school-probe', 20, 4, 'S1', 105.8, 21.6, 1, MakePoint(105.8, 21.6, 4326))
                """)
        }
    }

    @Test func aVersion4StoreMigratesKeepingItsProbes() throws {
        let path = try version4Store()
        #expect(throws: StoreError.self) { try Store.open(at: path, readOnly: true) }
        let store = try Store.open(at: path)
        #expect(try store.db.scalar("PRAGMA user_version").int == Int64(Migrations.current))
        #expect(
            try store.db.rows("SELECT ext_id, institution_id, located_at_institution FROM measurements") {
                "\($0.text(0) ?? "")|\($0.text(1) ?? "")|\($0.int(2))"
            } == ["P1|S1|0"])
        #expect(
            try store.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'measurements_institution'").int == 1)
        var batch = MeasurementBatch()
        try store.readSnapshot().measurementCursor().read(1...1, into: &batch)
        #expect(batch.institutionIDs == ["S1"])
        // GDAL (what QGIS uses) reads the layer with the new column.
        let tool = try #require(ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required")
        let info = try ProcessRunner.run(tool, ["-ro", "-so", path, "measurements"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("located_at_institution: Integer"), "\(info.stdout)")
        #expect(info.stdout.contains("Feature Count: 1"))
    }
}
