import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Evidence CSV files read in place and written 64 rows to an INSERT, against the general path:
/// the same fields as a GeoJSON file of text properties (one `InputRecord` dictionary per row),
/// compared row by row with the geometry BLOBs, the R*Tree and the exclusion counts per reason.
@Suite struct EvidenceBulkImportTests {
    /// A file's columns and rows of field values (unquoted).
    struct Table {
        var header: [String]
        var rows: [[String]]

        /// The table as CSV, fields quoted where they hold a comma or a quote.
        var csv: String {
            func quoted(_ f: String) -> String {
                f.contains(",") || f.contains("\"") ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }
            return ([header] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        }

        /// The same rows as GeoJSON features without geometry, every value a JSON string.
        var geoJSON: String {
            func json(_ s: String) -> String {
                "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
            return GeoJSONText.collection(
                rows.map { row in
                    GeoJSONText.feature(
                        "null", "{" + zip(header, row).map { "\(json($0)):\(json($1))" }.joined(separator: ",") + "}")
                })
        }
    }

    /// 150 measurements (more than two batches): kept rows in every spelling's unit, and rows for every
    /// exclusion reason a CSV can trigger, blank-padded values, Vietnamese and quoted ids.
    static func measurements(_ n: Int = 150) -> Table {
        let header = [
            "id", "time", "operator", "technology", "download_mbps", "upload_kbps", "latency_ms", "rsrp", "rsrq",
            "sinr", "source", "test_id", "device_id", "environment", "lon", "lat", "implausible", "note",
        ]
        let rows = (0..<n).map { i -> [String] in
            let ids = ["m\(i)", "Đo \(i)", "a,\"b\" \(i)", " p\(i) "]
            var r = [
                ids[i % ids.count],
                "2025-11-\(String(format: "%02d", 1 + i % 28))T\(String(format: "%02d", i % 24)):05:00Z",
                ["Viettel", "VNPT", " Mobifone ", ""][i % 4], ["4G", "LTE", "5G NSA", "", "nr"][i % 5],
                String(format: "%.3f", Double(i) * 1.37), "\(i * 1234)", i % 6 == 0 ? "" : "\(20 + i % 50).5",
                "-\(80 + i % 30)", "-\(5 + i % 10)", "\(i % 30)", ["crowd-app", "drive-test", "Crowd app"][i % 3],
                "t\(i)", "dev\(i % 7)", ["indoor", "outdoor", "", "in-vehicle"][i % 4],
                String(format: "%.7f", 105.5 + Double(i) * 0.0012345),
                String(format: "%.7f", 21.25 + Double((i * 37) % 150) * 0.0007), ["", "false", "0"][i % 3], "n\(i)",
            ]
            switch i % 19 {
            case 3: r[4] = "-1"  // negative-speed
            case 4: r[5] = "20000000000"  // speed-above-10-gbps (kbps)
            case 5: r[6] = "-3"  // negative-latency
            case 6: r[7] = "12"  // rsrp-out-of-range
            case 7: r[8] = "-50"  // rsrq-out-of-range
            case 8: r[9] = "99"  // sinr-out-of-range
            case 9: r[1] = "2099-01-01T00:00:00Z"  // time-in-future
            case 10: r[1] = "1999-12-31 23:59"  // time-before-2000
            case 11: r[14] = "200"  // bad-coordinates
            case 12: (r[14], r[15]) = ("", " ")  // no lon/lat: bad-coordinates
            case 13: r[16] = "TRUE"  // flagged-implausible
            case 14: (r[4], r[5], r[6], r[7], r[8], r[9]) = ("", "", " ", "", "", "")  // no-measured-value
            case 15: r[4] = "fast"  // unreadable-value
            case 16: r[3] = "XG"  // unreadable technology
            case 17: r[13] = "attic"  // unreadable environment
            case 18: r[1] = "1762178700"  // epoch seconds, kept
            default: break
            }
            return r
        }
        return Table(header: header, rows: rows)
    }

    /// 150 zoom-16 tiles: with and without their polygon, and rows for every tile exclusion reason.
    static func tiles(_ n: Int = 150) -> Table {
        let header = ["quadkey", "tile", "avg_d_kbps", "avg_u_kbps", "avg_lat_ms", "tests", "devices"]
        let rows = (0..<n).map { i -> [String] in
            let q = Quadkey(
                containing: Coordinate(105.5 + Double(i) * 0.0071, 21.3 + Double(i % 13) * 0.0053), zoom: 16)!
            let b = q.bounds
            let shift = i % 23 == 7 ? 0.001 : 0
            let corners = [(b.minX, b.minY), (b.maxX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.minX, b.minY)]
            let wkt =
                "POLYGON((" + corners.map { "\($0.0 + shift) \($0.1 + shift)" }.joined(separator: ", ") + "))"
            var r = [
                q.digits, i % 3 == 0 ? "" : wkt, "\(1000 + i * 17)", "\(200 + i)", "\(10 + i % 40)", "\(1 + i % 9)",
                "\(i % 5)",
            ]
            switch i % 23 {
            case 1: r[0] = "0123"  // bad-quadkey
            case 2: r[2] = "-5"  // negative-speed
            case 3: r[3] = "20000000"  // speed-above-10-gbps
            case 4: r[4] = "-1"  // negative-latency
            case 5: r[5] = "0"  // tests-below-1
            case 6: r[6] = "1.5"  // unreadable-value
            case 8: r[1] = "POLYGON((1 2, 3"  // tile is not WKT
            case 9: r[2] = " "  // no avg_d_kbps
            default: break
            }
            return r
        }
        return Table(header: header, rows: rows)
    }

    /// Every stored row of `table` as text (reals to 17 digits, geometry as hex), in id order,
    /// then its R*Tree entries and the dataset's exclusion counts.
    static func dump(_ path: String, _ table: String) throws -> [String] {
        let db = try Connection(path: path, mode: .readOnly)
        let columns = try db.rows("SELECT name, type FROM pragma_table_info('\(table)') ORDER BY cid") {
            ($0.text(0) ?? "", $0.text(1) ?? "")
        }
        let select = columns.map { name, type in
            name == "geom" ? "hex(geom)" : type == "REAL" ? "printf('%.17g', \(name))" : "quote(\(name))"
        }
        let rows = try db.rows("SELECT \(select.joined(separator: ", ")) FROM \(table) ORDER BY id") { r in
            (0..<columns.count).map { String(describing: r.value($0)) }.joined(separator: "|")
        }
        let index = try db.rows(
            "SELECT pkid, xmin, xmax, ymin, ymax FROM idx_\(table)_geom ORDER BY pkid"
        ) { r in (0..<5).map { String(describing: r.value($0)) }.joined(separator: "|") }
        let excluded = try db.rows("SELECT dataset_id, reason, count FROM dataset_exclusions ORDER BY reason") { r in
            (0..<3).map { String(describing: r.value($0)) }.joined(separator: "|")
        }
        return rows + ["index"] + index + ["excluded"] + excluded
    }

    /// Imports `table` as CSV (read in place) and as GeoJSON (general path) into two fresh stores.
    static func bothWays(_ table: Table, layer: Layer, name: String) throws -> (
        csv: [String], general: [String], ImportResult, ImportResult
    ) {
        let dir = try FixtureDirectory()
        var options = ImportOptions(layer: layer)
        options.tileKind = layer == .speedTiles ? .mobile : nil
        let csvResult = try dir.store("csv.sqlite").importFile(
            try dir.write("\(name).csv", table.csv), options: options)
        let jsonResult = try dir.store("json.sqlite").importFile(
            try dir.write("\(name).geojson", table.geoJSON), options: options)
        let tableName = layer == .measurements ? "measurements" : "speed_tiles"
        return (
            try dump(dir.path("csv.sqlite"), tableName), try dump(dir.path("json.sqlite"), tableName), csvResult,
            jsonResult
        )
    }

    @Test(arguments: [Layer.measurements, .speedTiles])
    func sameRowsAsTheGeneralPath(_ layer: Layer) throws {
        let table = layer == .measurements ? Self.measurements() : Self.tiles()
        let (csv, general, csvResult, jsonResult) = try Self.bothWays(table, layer: layer, name: "evidence_2025-10-01")
        let excluded = csvResult.exclusions ?? []
        #expect(csvResult.rows + excluded.reduce(0) { $0 + $1.count } == table.rows.count)
        #expect(excluded.count == (layer == .measurements ? 12 : 7), "\(excluded.map(\.reason))")
        #expect(csvResult.rows == jsonResult.rows)
        #expect(
            excluded.map { [$0.reason.rawValue, "\($0.count)"] }
                == (jsonResult.exclusions ?? []).map {
                    [$0.reason.rawValue, "\($0.count)"]
                })
        #expect(csvResult.warnings == jsonResult.warnings)
        #expect(csv.count > csvResult.rows * 2)
        for (x, y) in zip(csv, general) where x != y { Issue.record("in place \(x)\ngeneral  \(y)") }
        #expect(csv == general)
    }

    /// A repeated id fails the whole import with the general path's message, wherever the two rows
    /// fall: in one batch, in two, or on both sides of a batch boundary (rows 64 and 65).
    @Test(arguments: [(1, 2), (63, 64), (64, 65), (0, 129)])
    func aRepeatedIDFailsTheImportAndLeavesTheStoreUnchanged(_ pair: (first: Int, repeat: Int)) throws {
        var table = Self.measurements(140)
        table.rows[pair.repeat][0] = table.rows[pair.first][0]
        let dir = try FixtureDirectory()
        let store = try dir.store()
        for (name, text) in [("m.csv", table.csv), ("m.geojson", table.geoJSON)] {
            do {
                _ = try store.importFile(try dir.write(name, text), options: ImportOptions(layer: .measurements))
                Issue.record("\(name): imported a file with a repeated id")
            } catch let error as ImportError {
                let id = table.rows[pair.first][0].trimmingCharacters(in: .whitespaces)
                #expect(error.reason == "duplicate id '\(id)' in this file")
                #expect(error.location == (name.hasSuffix("csv") ? .line(pair.repeat + 2) : .feature(pair.repeat)))
            }
            #expect(try store.db.scalar("SELECT count(*) FROM measurements").int == 0)
            #expect(try store.db.scalar("SELECT count(*) FROM datasets").int == 0)
            #expect(try store.db.scalar("SELECT count(*) FROM idx_measurements_geom").int == 0)
        }
    }

    /// A row with too many fields, after full batches were written: refused with the general reader's message.
    @Test func aShortRowAfterFullBatchesIsRefused() throws {
        var table = Self.tiles(140)
        let dir = try FixtureDirectory()
        let store = try dir.store()
        table.rows[130].append("extra")
        var options = ImportOptions(layer: .speedTiles)
        options.tileKind = .fixed
        #expect(throws: ImportError.self) {
            _ = try store.importFile(try dir.write("t.csv", table.csv), options: options)
        }
        do { _ = try store.importFile(try dir.write("t.csv", table.csv), options: options) } catch let e as ImportError
        {
            #expect(e.location == .line(132) && e.reason == "has 8 fields, the header has 7")
        }
        #expect(try store.db.scalar("SELECT count(*) FROM speed_tiles").int == 0)
    }
}
