import CoverageFormats
import CoverageModel
import CoverageTestSupport
import SpatialSQL
import Testing

@testable import CoverageStore

/// Coverage rows made ahead on a parse thread (`PreparedRow`) store the bytes the row made on the
/// import thread stores, and their boxes are the spatial-index entries read back from the table.
@Suite struct PreparedRowTests {
    /// A closed square ring of side `d` from (x, y).
    static func ring(_ x: Double, _ y: Double, _ d: Double) -> [Coordinate] {
        [Coordinate(x, y), Coordinate(x + d, y), Coordinate(x + d, y + d), Coordinate(x, y + d), Coordinate(x, y)]
    }

    /// Records covering every column's cases: all fields, none, texts with NUL, empty, accented and
    /// emoji, numbers given as text, integer ids, holes and multipolygons, coordinates no float holds.
    static let records: [InputRecord] = [
        InputRecord(
            location: .feature(0), geometry: .polygon(Polygon(closedRings: [ring(105.1, 21.2, 0.01)])),
            values: [
                "id": .string("c1"), "operator": .string("Viettel"), "technology": .string("5G"),
                "source": .string("measured"), "confidence": .number(0.75), "as_of": .string("2026-01-01"),
                "site_id": .string("s1"),
            ]),
        InputRecord(
            location: .feature(7), geometry: .polygon(Polygon(closedRings: [ring(-0.0, -0.1, 0.3)])), values: [:]),
        InputRecord(
            location: .feature(8),
            geometry: .multiPolygon([
                Polygon(closedRings: [ring(105.123456789012, 21.987654321098, 0.5), ring(105.2, 22.1, 0.1)]),
                Polygon(closedRings: [ring(106.000000001, 20.999999999, 1e-9)]),
            ]),
            values: [
                "id": .string("a\u{0}b"), "operator": .string("Viettel Hà Nội 📶"), "tech": .string("lte"),
                "confidence": .string(" 0.5 "), "as_of": .string(""), "site": .integer("123456789012345678901"),
            ]),
        InputRecord(
            location: .layerFeature(layer: "cells", index: 3, fid: 99),
            geometry: .polygon(Polygon(closedRings: [ring(105, 21, 1)])),
            values: ["id": .integer("42"), "radio": .string("NR"), "confidence": .null, "site_id": .string("\u{0}")]),
    ]

    /// A store with a dataset row, and the coverage layer's writer for it.
    static func writer(in dir: FixtureDirectory) throws -> (Store, LayerWriter) {
        let store = try dir.store()
        try store.db.execute(
            """
            INSERT INTO datasets(layer, file_name, sha256, row_count, imported_at, format, options)
            VALUES ('coverage', 'f.geojson', '', 0, '2026-12-07T00:00:00Z', 'geojson', '')
            """)
        var options = ImportOptions(layer: .coverage)
        options.technology = .g4
        let writer = try LayerWriter(
            layer: .coverage, options: options, file: "f.geojson", datasetID: store.db.lastInsertRowID, db: store.db)
        return (store, writer)
    }

    /// Every column of a row, as SQL quotes it (type and value; the geometry as hex).
    static func row(_ db: Connection, _ id: Int64) throws -> String? {
        try db.rows(
            """
            SELECT quote(ext_id), quote(operator), quote(technology), quote(source), quote(confidence),
                   quote(as_of), quote(site_id), quote(dataset_id), quote(geom) FROM coverage_areas WHERE id = ?
            """, [id]
        ) { r in (0..<9).map { r.text($0) ?? "?" }.joined(separator: "|") }.first
    }

    @Test(arguments: 0..<records.count)
    func preparedRowStoresWhatTheRowBinds(_ n: Int) throws {
        let dir = try FixtureDirectory()
        let (store, writer) = try Self.writer(in: dir)
        let record = Self.records[n]
        #expect(try writer.write(record, geometry: record.geometry))
        let direct = store.db.lastInsertRowID
        let prepared = try CoverageAreaRow.prepared(record, writer.context).get()
        try writer.write(prepared)
        let ahead = store.db.lastInsertRowID
        #expect(ahead != direct)
        let expected = try Self.row(store.db, direct)
        #expect(expected != nil)
        #expect(try Self.row(store.db, ahead) == expected)
        // The box is the BLOB's MBR, as SpatiaLite reads it.
        let mbr = try store.db.rows(
            "SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM coverage_areas WHERE id = ?",
            [ahead]
        ) { r in BoundingBox(minX: r.double(0), minY: r.double(1), maxX: r.double(2), maxY: r.double(3)) }.first
        #expect(prepared.geometryBox == mbr)
    }

    @Test func aRowThatCannotBeMadeFailsAsTheRowDoes() throws {
        let dir = try FixtureDirectory()
        let (_, writer) = try Self.writer(in: dir)
        for values: [String: PropertyValue] in [
            ["technology": .string("6G")], ["source": .string("guessed")], ["confidence": .string("high")],
        ] {
            let record = InputRecord(
                location: .feature(5), geometry: .polygon(Polygon(closedRings: [Self.ring(105, 21, 1)])),
                values: values)
            var direct: ImportError?
            do { _ = try writer.write(record, geometry: record.geometry) } catch let e as ImportError { direct = e }
            var ahead: ImportError?
            do { _ = try CoverageAreaRow.prepared(record, writer.context).get() } catch let e as ImportError {
                ahead = e
            }
            #expect(direct != nil)
            #expect(ahead == direct)
        }
    }

    @Test func insertedBoxesAreTheEntriesReadBack() throws {
        let dir = try FixtureDirectory()
        let (store, writer) = try Self.writer(in: dir)
        let boxes = InsertedBoxes()
        var generator = SplitMix64(seed: 18)
        for i in 0..<500 {
            // Coordinates with many digits, negative and positive, most not exact as 32-bit floats.
            let x = Double(generator.next() % 3_600_000) / 10_000 - 180 + 1e-7
            let y = Double(generator.next() % 1_700_000) / 10_000 - 85 + 3e-8
            let record = InputRecord(
                location: .feature(i),
                geometry: .polygon(Polygon(closedRings: [Self.ring(x, y, 1e-3 + Double(i) * 1e-6)])), values: [:])
            let row = try CoverageAreaRow.prepared(record, writer.context).get()
            try writer.write(row)
            boxes.add(rowid: store.db.lastInsertRowID, box: row.geometryBox)
        }
        let readBack = try RTreeBulkLoad(db: store.db, index: "idx_coverage_areas_geom")
            .entries(table: "coverage_areas", column: "geom", after: 0)
        func fields(_ e: RTreeBulkLoad.Entry) -> [Double] {
            [Double(e.rowid), Double(e.minX), Double(e.maxX), Double(e.minY), Double(e.maxY)]
        }
        #expect(boxes.isComplete)
        #expect(boxes.entries.count == 500)
        #expect(boxes.entries.map(fields) == readBack.map(fields))
        boxes.markUnknown()
        #expect(!boxes.isComplete && boxes.entries.isEmpty)
    }

    @Test func aParallelImportStoresWhatSQLWouldStore() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let path = try dir.write("cov.geojson", ParallelGeoJSONImportTests.file())
        #expect(try GeoJSONReader(path: path, parallel: true).parallelChunkCount >= 3)
        var options = ImportOptions(layer: .coverage)
        options.operatorName = "Viettel"
        #expect(try store.importFile(path, options: options).rows == ParallelGeoJSONImportTests.count)
        try PolygonImportFastPathTests.expectStoredAsSQLWouldStore(
            store, table: "coverage_areas", rows: ParallelGeoJSONImportTests.count)
        #expect(try store.db.scalar("SELECT rtreecheck('idx_coverage_areas_geom')").text == "ok")
    }
}
