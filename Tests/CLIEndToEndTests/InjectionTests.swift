import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Quotes, semicolons and SQL in names, field names, free text and file names are stored
/// verbatim and cannot change the database: every value is bound, never spliced into SQL.
@Suite("SQL injection")
struct InjectionTests {
    static let payloads = [
        "x'); DROP TABLE admin_units; --",
        "\"; DELETE FROM datasets; --",
        "1' OR '1'='1",
        "GeomFromText('POINT(0 0)', 4326)",
        "Robert'); UPDATE households SET households = 0; --",
    ]

    /// The store's table names (to prove none was dropped or created).
    private func tables(_ path: String) throws -> [String] {
        try Connection(path: path, mode: .readOnly).rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ) { $0.text(0) ?? "" }
    }

    /// Runs covaudit, expecting success, and returns stdout.
    @discardableResult
    private func succeed(_ args: [String]) throws -> String {
        let r = try CovauditBinary.run(args)
        #expect(r.status == 0, "covaudit \(args.joined(separator: " ")): \(r.stderr)")
        return r.stdout
    }

    @Test func hostileNamesAndCodesAreStoredVerbatim() throws {
        let f = try E2EFixture("inject-names")
        let tablesBefore = try tables(f.store)
        let features = Self.payloads.enumerated().map { i, payload in
            let escaped = payload.replacingOccurrences(of: "\"", with: "\\\"")
            return GeoJSONText.feature(
                GeoJSONText.square(106.0 + Double(i) * 0.1, 21.0, 0.1),
                #"{"code":"\#(escaped)","name":"\#(escaped)","province_code":"\#(escaped)"}"#)
        }
        let file = try f.write("communes.geojson", GeoJSONText.collection(features))
        try succeed(f.importArgs("communes", file, ["--vintage", "hostile"]))
        let units = try f.open().adminUnits(vintage: "hostile")
        #expect(Set(units.map(\.code)) == Set(Self.payloads))
        #expect(units.allSatisfy { $0.name == $0.code && $0.parentCode == $0.code })
        #expect(try tables(f.store) == tablesBefore)
        #expect(try f.open().adminUnits(vintage: "2025").count == 2)
        #expect(try f.open().locations().map(\.households) == [2, 1, 1])
    }

    @Test func hostileClaimTextIdsAndUnitFiltersChangeNothing() throws {
        let f = try E2EFixture("inject-claims")
        let before = try StoreSnapshot.take(f.store)
        let claims = Self.payloads.enumerated().map { i, payload -> [String: Any] in
            [
                "id": "c\(i) \(payload)", "text": payload, "source": payload, "metric": "households",
                "technologies": ["4G"], "threshold": 0.5, "filter": ["units": [payload]],
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: ["claims": claims])
        let file = try f.write("claims; DROP TABLE households.json", String(decoding: data, as: UTF8.self))
        let result = try CovauditBinary.run(["audit", file, "--db", f.store, "-q", "-f", "json"])
        // Every claim names a unit that does not exist: each cannot be evaluated (exit 3), none executes.
        #expect(result.status == 3, "\(result.stderr)")
        for payload in Self.payloads { #expect(result.stdout.contains(String(payload.prefix(8)))) }
        #expect(try StoreSnapshot.take(f.store) == before)
    }

    @Test func hostileFieldNamesViaOptions() throws {
        let f = try E2EFixture("inject-fields")
        let tablesBefore = try tables(f.store)
        let codeField = #"ma"xa'; DROP TABLE datasets; --"#
        let nameField = "ten'); DELETE FROM admin_units; --"
        let properties = #"{"ma\"xa'; DROP TABLE datasets; --":"H1","ten'); DELETE FROM admin_units; --":"Xã; DROP"}"#
        let file = try f.write(
            "fields.geojson",
            GeoJSONText.collection([GeoJSONText.feature(GeoJSONText.square(106.5, 21.0, 0.1), properties)]))
        try succeed(
            f.importArgs("communes", file, ["--code-field", codeField, "--name-field", nameField, "--vintage", "v2"]))
        let units = try f.open().adminUnits(vintage: "v2")
        #expect(units.map(\.code) == ["H1"] && units.map(\.name) == ["Xã; DROP"])
        #expect(try tables(f.store) == tablesBefore)
        #expect(try f.open().datasets().count == 4)
    }

    @Test func hostileFreeTextOptions() throws {
        let f = try E2EFixture("inject-options")
        let tablesBefore = try tables(f.store)
        let op = "Viettel'); DELETE FROM routes; --"
        let asOf = "2025'; DROP TABLE datasets; --"
        let file = try f.write(
            "routes.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"LineString","coordinates":[[105.8,21.5],[105.9,21.6]]}"#, #"{"id":"R1"}"#)
            ]))
        try succeed(f.importArgs("routes", file, ["--operator", op, "--as-of", asOf]))
        let routes = try f.open().routes()
        #expect(routes.map(\.operatorName) == [op])
        let dataset = try f.open().datasets().last
        #expect(dataset?.asOf == asOf && dataset?.options.contains("operator=\(op)") == true)
        #expect(try tables(f.store) == tablesBefore)
    }

    @Test func replaceWithAHostileVintageDeletesOnlyThatVintage() throws {
        let f = try E2EFixture("inject-replace")
        let vintage = "2025' OR '1'='1"
        let file = try f.write(
            "c.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(GeoJSONText.square(106.5, 21.0, 0.1), #"{"code":"Z1"}"#)
            ]))
        try succeed(f.importArgs("communes", file, ["--vintage", vintage, "--replace"]))
        #expect(try f.open().adminUnits(vintage: "2025").count == 2)
        #expect(try f.open().adminUnits(vintage: vintage).map(\.code) == ["Z1"])
    }

    @Test func hostileIDsAndKinds() throws {
        let f = try E2EFixture("inject-ids")
        let csv =
            "id,lon,lat,households\n"
            + "\"a'; DROP TABLE households; --\",105.81,21.51,1\n"
            + "\"b\"\"; DELETE FROM datasets; --\",105.82,21.52,2\n"
        let file = try f.write("ids.csv", csv)
        try succeed(f.importArgs("households", file))
        let ids = try f.open().locations().map(\.id)
        #expect(ids.contains("a'; DROP TABLE households; --") && ids.contains("b\"; DELETE FROM datasets; --"))
        #expect(ids.count == 5)
        // A hostile vocabulary value is refused by name, not executed.
        let kinds = try f.write(
            "kinds.csv", "id,kind,name,lon,lat\nK1,\"school'; DROP TABLE institutions; --\",x,105.8,21.5\n")
        try assertFailsCleanly(
            args: f.importArgs("institutions", kinds), store: f.store,
            messageContains: ["kinds.csv", "line 2", "kind 'school'; DROP TABLE institutions; --' is not one of"])
    }

    @Test func hostileFileAndStoreNames() throws {
        let f = try E2EFixture("inject-files")
        let store = f.dir.path("st'ore; DROP TABLE datasets; --.sqlite")
        try FileManager.default.copyItem(atPath: f.store, toPath: store)
        let name = "o'brien; DROP TABLE households; --.csv"
        let file = try f.write(name, "id,lon,lat\nQ1,105.81,21.51\n")
        try succeed(["import", "households", file, "--db", store, "-q"])
        let datasets = try Store.open(at: store, readOnly: true).datasets()
        #expect(datasets.last?.fileName == name)
        #expect(try tables(store) == tables(f.store))
        let info = try succeed(["info", "--db", store])
        #expect(info.contains(name))
    }
}
