import CoverageTestSupport
import Foundation
import Testing

/// Issue 16: with `--lang vi` no progress line of `report`, `coverage` or `audit` is left in English,
/// and each operator's area share is computed by `report` and `coverage --operator-areas`, null otherwise.
@Suite struct VietnameseProgressTests {
    /// A seeded store with 4G coverage of two operators and 3G of one over the first commune.
    static func fixture() throws -> E2EFixture {
        let f = try E2EFixture("vi-progress")
        let coverage = try f.write(
            "coverage.geojson",
            GeoJSONText.collection([
                GeoJSONText.feature(
                    GeoJSONText.square(105.8, 21.5, 0.05), #"{"id":"A","operator":"Viettel","technology":"4G"}"#),
                GeoJSONText.feature(
                    GeoJSONText.square(105.8, 21.5, 0.1), #"{"id":"B","operator":"VNPT","technology":"4G"}"#),
                GeoJSONText.feature(
                    GeoJSONText.square(105.8, 21.5, 0.02), #"{"id":"C","operator":"Viettel","technology":"3G"}"#),
            ]))
        let imported = try CovauditBinary.run(f.importArgs("coverage", coverage))
        try #require(imported.status == 0, "\(imported.stderr)")
        return f
    }

    /// Lower-case words of three or more ASCII letters in a line, leaving out paths and `ignored` tokens.
    static func words(_ line: String, ignoring ignored: Set<String>) -> Set<String> {
        var out = Set<String>()
        for token in line.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "," })
        where !token.contains("/") && !ignored.contains(String(token)) {
            for w in token.split(whereSeparator: { !($0.isASCII && $0.isLetter) }) where w.count >= 3 {
                out.insert(w.lowercased())
            }
        }
        return out
    }

    /// The stderr lines of `arguments` in `language`, warnings left out (tested elsewhere), run on a
    /// fresh copy of `store` so both languages start from the same stored run (a current one would
    /// send the second through the what-if path, which prints fewer lines).
    static func progressLines(_ arguments: [String], _ language: String, store: String) throws -> [String] {
        let copy = "\(store)-\(arguments[0])-\(language).sqlite"
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
            try? FileManager.default.removeItem(atPath: copy + suffix)
            try FileManager.default.copyItem(atPath: store + suffix, toPath: copy + suffix)
        }
        let result = try CovauditBinary.run(arguments.map { $0 == store ? copy : $0 } + ["--lang", language])
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
        return result.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("covaudit: warning:") }
    }

    @Test func noProgressLineOfReportCoverageOrAuditStaysEnglish() throws {
        let f = try Self.fixture()
        let claims = TestPaths.refdata.appendingPathComponent("claims.json").path
        let ids = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: claims)))
        let claimIDs = ((ids as? [String: Any])?["claims"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        // Recorded values that stay as they are in both languages: claim ids and hamlet rules.
        let ignored = Set(claimIDs + ["any", "centroid", "share>=0.5", "share>=0.8"])
        for arguments in [
            ["report", "--db", f.store, "--out", f.dir.path("out"), "--claims", claims, "--overwrite"],
            ["coverage", "--db", f.store, "--operator-areas"],
            ["audit", claims, "--db", f.store],
        ] {
            let english = try Self.progressLines(arguments, "en", store: f.store)
            let vietnamese = try Self.progressLines(arguments, "vi", store: f.store)
            #expect(english.count >= 3, "\(arguments[0]): \(english)")
            #expect(vietnamese.count == english.count, "\(arguments[0]): \(vietnamese)")
            let vocabulary = english.reduce(into: Set<String>()) { $0.formUnion(Self.words($1, ignoring: ignored)) }
            for line in vietnamese {
                let left = Self.words(line, ignoring: ignored).intersection(vocabulary)
                #expect(left.isEmpty, "English left in \(arguments[0]) --lang vi: \(line) (\(left.sorted()))")
            }
        }
    }

    @Test func operatorAreaSharesAreComputedWhenAskedAndNullOtherwise() throws {
        let f = try Self.fixture()
        func viettel4G(_ extra: [String]) throws -> Any? {
            let result = try CovauditBinary.run(["coverage", "--db", f.store, "-f", "json", "-q"] + extra)
            try #require(result.status == 0, "\(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let unit = (json?["units"] as? [[String: Any]])?.first { $0["code"] as? String == "00001" }
            let measure = (unit?["coverage"] as? [String: Any])?["4G"] as? [String: Any]
            let figures = (measure?["operators"] as? [String: Any])?["Viettel"] as? [String: Any]
            return try #require(figures?.index(forKey: "area_share") != nil ? figures?["area_share"] : nil)
        }
        #expect(try viettel4G([]) is NSNull, "not computed is null, never 0")
        let share = try #require(try viettel4G(["--operator-areas"]) as? Double)
        #expect(share > 0.24 && share < 0.26, "a quarter of commune 00001: \(share)")

        let out = f.dir.path("report")
        let report = try CovauditBinary.run(["report", "--db", f.store, "--out", out, "-q"])
        try #require(report.status == 0, "\(report.stderr)")
        let csv = try String(contentsOfFile: "\(out)/operators.csv", encoding: .utf8)
        let row = try #require(
            csv.split(separator: "\n").first { $0.hasPrefix("commune,00001,") && $0.contains(",4G,Viettel,") })
        let reported = try #require(row.split(separator: ",").last.flatMap { Double($0) }, "\(row)")
        #expect(abs(reported - share) < 1e-6, "operators.csv: \(row)")
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(html.contains("4G area"))
    }
}
