import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// The households CSV fast path (multi-row INSERTs, borrowed bindings, foreign keys off for the
/// load) against the general path and against SpatiaLite's own point constructor.
@Suite struct HouseholdBulkImportTests {
    /// One input row: id text as written in the CSV (nil: none), lon, lat, households, persons, kind.
    struct Row {
        var id: String?
        var lon: String
        var lat: String
        var households: String
        var persons: String
        var kind: String
    }

    /// 150 rows: more than two batches of 64, so full and short statements both run; quoted ids with
    /// commas and quotes, Vietnamese ids, empty counts, every kind.
    static func rows(_ n: Int = 150) -> [Row] {
        let kinds = ["", "residential", "institution", "business", "Business"]
        return (0..<n).map { i in
            let id: String
            switch i % 5 {
            case 0: id = "\(100_000 + i)"
            case 1: id = "Hộ \(i)"
            case 2: id = "\"a,\"\"b\"\" \(i)\""  // CSV-quoted: a,"b" i
            case 3: id = "x-\(i)"
            default: id = "đ\(i)"
            }
            let lon = String(format: "%.7f", 105.5 + Double(i) * 0.0012345)
            let lat = String(format: "%.7f", 21.25 + Double((i * 37) % 150) * 0.0007)
            return Row(
                id: id, lon: lon, lat: lat, households: i % 3 == 0 ? "" : "\(i % 4)",
                persons: i % 2 == 0 ? "" : "\(i % 9)", kind: kinds[i % kinds.count])
        }
    }

    static func csv(_ rows: [Row]) -> String {
        "id,lon,lat,households,persons,kind\r\n"
            + rows.map { "\($0.id ?? ""),\($0.lon),\($0.lat),\($0.households),\($0.persons),\($0.kind)\r\n" }
            .joined()
    }

    /// The same rows as GeoJSON: read by the general path (HouseholdRow, `MakePoint` in SQL).
    static func geoJSON(_ rows: [Row]) -> String {
        GeoJSONText.collection(
            rows.map { r in
                var props: [String] = []
                if let id = r.id { props.append("\"id\":\(jsonString(csvField(id)))") }
                if !r.households.isEmpty { props.append("\"households\":\(r.households)") }
                if !r.persons.isEmpty { props.append("\"persons\":\(r.persons)") }
                if !r.kind.isEmpty { props.append("\"kind\":\(jsonString(r.kind))") }
                return GeoJSONText.feature(
                    "{\"type\":\"Point\",\"coordinates\":[\(r.lon),\(r.lat)]}", "{\(props.joined(separator: ","))}")
            })
    }

    /// A CSV field's value: quotes removed and doubled quotes undone.
    static func csvField(_ text: String) -> String {
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    static func jsonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Every household row as text, geometry as hex: what the store holds, row by row in id order.
    static func dump(_ path: String) throws -> [String] {
        let db = try Connection(path: path, mode: .readOnly)
        return try db.rows(
            """
            SELECT id, ext_id, households, quote(persons), kind, printf('%.17g', lon), printf('%.17g', lat),
                   dataset_id, hex(geom) FROM households ORDER BY id
            """
        ) { r in (0..<9).map { String(describing: r.value($0)) }.joined(separator: "|") }
    }

    /// 150 rows (a few INSERT batches) and 5,000 (several of the parser's 1,024-row chunks, more
    /// than are in flight at once, so the parser waits for the writer).
    @Test(arguments: [150, 5_000])
    func sameRowsAsTheGeneralPath(rowCount: Int) throws {
        let dir = try FixtureDirectory()
        let rows = Self.rows(rowCount)
        let bulk = try dir.store("bulk.sqlite")
        let general = try dir.store("general.sqlite")
        let csvResult = try bulk.importFile(
            try dir.write("hh.csv", Self.csv(rows)), options: ImportOptions(layer: .households))
        let jsonResult = try general.importFile(
            try dir.write("hh.geojson", Self.geoJSON(rows)), options: ImportOptions(layer: .households))
        #expect(csvResult.rows == rows.count && jsonResult.rows == rows.count)
        let a = try Self.dump(dir.path("bulk.sqlite"))
        let b = try Self.dump(dir.path("general.sqlite"))
        #expect(a.count == rows.count)
        for (x, y) in zip(a, b) where x != y { Issue.record("bulk \(x)\ngeneral \(y)") }
        #expect(a == b)
    }

    @Test func valuesAreTheFilesAndPointsAreSpatiaLites() throws {
        let dir = try FixtureDirectory()
        let rows = Self.rows(130)
        let store = try dir.store()
        _ = try store.importFile(try dir.write("hh.csv", Self.csv(rows)), options: ImportOptions(layer: .households))
        let db = try Connection(path: dir.path("store.sqlite"), mode: .readOnly)
        let stored = try db.rows(
            "SELECT ext_id, households, persons, kind, lon, lat, geom = MakePoint(lon, lat, 4326) FROM households ORDER BY id"
        ) { r in
            let persons: Int64? = if case .integer(let v) = r.value(2) { v } else { nil }
            return (
                r.text(0) ?? "", r.int(1) ?? -1, persons, r.text(3) ?? "", r.double(4) ?? .nan, r.double(5) ?? .nan,
                r.int(6)
            )
        }
        #expect(stored.count == rows.count)
        for (row, s) in zip(rows, stored) {
            #expect(s.0 == Self.csvField(row.id ?? ""))
            #expect(s.1 == (Int64(row.households) ?? 1))
            #expect(s.2 == Int64(row.persons))
            #expect(s.3 == (LocationKind(lenient: row.kind) ?? .residential).rawValue)
            #expect(s.4 == Double(row.lon) && s.5 == Double(row.lat))
            #expect(s.6 == 1, "geometry of \(s.0) is not MakePoint(lon, lat, 4326)")
        }
        // The geometry triggers are back and the layer is still a SpatiaLite layer.
        let triggers = try db.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('ggi_households_geom', 'tmi_households_geom')"
        ).int
        #expect(triggers == 2)
        #expect(
            try db.scalar("SELECT count(*) FROM households WHERE dataset_id NOT IN (SELECT id FROM datasets)").int == 0)
    }

    /// Ids are bound as the file's bytes: valid because the reader refuses a record that is not UTF-8.
    @Test func rowsWithoutIDsAndNonUTF8IDs() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        _ = try store.importFile(
            try dir.write("hh.csv", "id,lon,lat\nA,105.1,21.1\n,105.2,21.2\nĐ,105.3,21.3\n"),
            options: ImportOptions(layer: .households))
        #expect(try store.locations().map(\.id) == ["A", "line-3", "Đ"])
        // Line 3's id holds the byte 0xE9 (Latin-1 é).
        let bytes = Array("id,lon,lat\nB,105.1,21.1\nC".utf8) + [0xE9] + Array(",105.3,21.3\n".utf8)
        do {
            _ = try store.importFile(
                try dir.write("latin1.csv", bytes: bytes), options: ImportOptions(layer: .households))
            Issue.record("imported an id that is not UTF-8")
        } catch let error as ImportError {
            #expect(error.location == .line(3))
            #expect(error.reason.contains("not valid UTF-8"))
        }
        #expect(try store.locations().count == 3)
    }

    /// A repeated id: in the batch still being filled, in an earlier batch, right after a full one;
    /// in an earlier chunk of the parser, as the first row of a chunk, near the end of a long file.
    @Test(arguments: [(10, 4), (100, 3), (65, 64), (64, 1), (3_000, 1_500), (1_024, 1_024), (4_100, 4_099)])
    func duplicateIDsAcrossBatches(rowCount: Int, repeated: Int) throws {
        let dir = try FixtureDirectory()
        var text = "id,lon,lat\n"
        for i in 1...rowCount { text += "h\(i),105.\(i),21.5\n" }
        text += "h\(repeated),105.9,21.9\n"
        let store = try dir.store()
        let file = try dir.write("hh.csv", text)
        do {
            _ = try store.importFile(file, options: ImportOptions(layer: .households))
            Issue.record("imported a duplicate id")
        } catch let error as ImportError {
            #expect(error.location == .line(rowCount + 2))
            #expect(error.reason.contains("duplicate id 'h\(repeated)'"))
        }
        #expect(try store.locations().isEmpty)
    }

    @Test func foreignKeysAreEnforcedAgainAfterTheLoad() throws {
        let dir = try FixtureDirectory()
        _ = try dir.store()
        let store = try Store.open(at: dir.path("store.sqlite"))
        #expect(try store.db.scalar("PRAGMA foreign_keys").int == 1)
        _ = try store.importFile(
            try dir.write("hh.csv", "id,lon,lat\nA,105.1,21.1\n"), options: ImportOptions(layer: .households))
        #expect(try store.db.scalar("PRAGMA foreign_keys").int == 1)
        do {
            _ = try store.importFile(
                try dir.write("bad.csv", "id,lon,lat\nB,105.1,21.1\nB,105.2,21.2\n"),
                options: ImportOptions(layer: .households))
            Issue.record("imported a duplicate id")
        } catch is ImportError {}
        #expect(try store.db.scalar("PRAGMA foreign_keys").int == 1)
        #expect(try store.locations().map(\.id) == ["A"])
    }

    /// A bad record after rows in earlier batches and chunks: its line is reported, nothing is written.
    @Test(arguments: [0, 63, 64, 1_000, 1_024, 4_100])
    func badRecordAfterGoodOnes(goodRows: Int) throws {
        let dir = try FixtureDirectory()
        var text = "id,lon,lat\n"
        for i in 0..<goodRows { text += "h\(i),105.\(i),21.5\n" }
        text += "bad,abc,21.5\nlater,105.1,21.1\n"
        let store = try dir.store()
        do {
            _ = try store.importFile(try dir.write("hh.csv", text), options: ImportOptions(layer: .households))
            Issue.record("imported a record whose lon is not a number")
        } catch let error as ImportError {
            #expect(error.location == .line(goodRows + 2))
            #expect(error.reason.contains("lon 'abc' is not a finite number"))
        }
        #expect(try store.locations().isEmpty)
    }

    /// Rows outside the plausible extent in several chunks are counted and the first five named in
    /// file order; with `allowOutsideExtent` every row is imported.
    @Test func rowsOutsideTheExtentAcrossChunks() throws {
        let dir = try FixtureDirectory()
        let outside = [10, 1_100, 2_100, 2_500, 2_900, 2_950]
        var text = "id,lon,lat\n"
        for i in 1...3_000 { text += "h\(i),\(outside.contains(i) ? "99.5" : "105.5"),21.5\n" }
        let file = try dir.write("hh.csv", text)
        do {
            _ = try dir.store("refused.sqlite").importFile(file, options: ImportOptions(layer: .households))
            Issue.record("imported rows outside the extent without --allow-outside-extent")
        } catch let error as ImportError {
            #expect(error.reason.contains("6 feature(s) lie outside the plausible extent"))
            let named = outside.prefix(5).map { "line \($0 + 1) at lon 99.5" }
            let positions = named.compactMap { error.reason.range(of: $0)?.lowerBound }
            #expect(positions.count == 5 && positions == positions.sorted())
            #expect(!error.reason.contains("line \(outside[5] + 1) "))
        }
        var options = ImportOptions(layer: .households)
        options.allowOutsideExtent = true
        let result = try dir.store("allowed.sqlite").importFile(file, options: options)
        #expect(result.rows == 3_000)
        #expect(result.warnings.contains { $0.contains("6 feature(s)") })
    }
}
