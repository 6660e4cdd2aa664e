import CoverageTestSupport
import Foundation
import Testing

/// Issue 17's acceptance: the over-declared cells the generator plants are found by `covaudit evidence`
/// at the default thresholds with recall and precision ≥ 0.9, and so are the served-but-undeclared ones.
///
/// The truth comes from the generator (`measurements-truth.json`); the finding from the binary, through
/// the importer, the store and the analysis — no code is shared between the two sides but the CSV.
@Suite struct EvidenceRecallTests {
    struct Cell: Hashable {
        var quadkey: String
        var operatorName: String
        var technology: String
    }

    static func cells(_ list: Any?) -> Set<Cell> {
        Set(
            (list as? [[String: Any]] ?? []).compactMap { c in
                guard let q = c["quadkey"] as? String, let o = c["operator"] as? String,
                    let t = c["technology"] as? String
                else { return nil }
                return Cell(quadkey: q, operatorName: o, technology: t)
            })
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func plantedCellsAreFoundWithRecallAndPrecisionAboveNinetyPercent() throws {
        let dir = try FixtureDirectory("evidence-recall")
        let generated = try GeneratedStore(
            dir, scale: "demo", measurements: 60_000,
            layers: [
                ("communes", "synthetic_communes.geojson"), ("coverage", "synthetic_coverage.geojson"),
                ("measurements", "measurements.csv"),
            ])
        let (out, db) = (generated.out, generated.db)
        let package = dir.path("package")
        let run = try CovauditBinary.run([
            "evidence", "--db", db, "--as-of", "2025-12-31", "-f", "json", "--challenge-package", package, "--cells",
            dir.path("cells.geojson"), "-q",
        ])
        try #require(run.status == 0, "\(run.stderr)")
        let found = try #require(
            JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let truth = try Self.json("\(out)/measurements-truth.json")

        for (kind, foundKey, truthKey) in [
            ("over-declared", "challenge_candidates", "over_declared"),
            ("served but undeclared", "served_undeclared", "undeclared_served"),
        ] {
            let planted = Self.cells(truth[truthKey])
            let flagged = Self.cells(found[foundKey])
            try #require(planted.count >= 10, "\(kind): too few planted cells to score (\(planted.count))")
            let hits = planted.intersection(flagged).count
            let recall = Double(hits) / Double(planted.count)
            let precision = flagged.isEmpty ? 0 : Double(hits) / Double(flagged.count)
            print(
                "\(kind): \(planted.count) planted, \(flagged.count) flagged, recall \(recall), precision \(precision)")
            #expect(recall >= 0.9, "\(kind): recall \(recall) (\(hits) of \(planted.count))")
            #expect(precision >= 0.9, "\(kind): precision \(precision) (\(hits) of \(flagged.count))")
        }
        try checkCells(dir.path("cells.geojson"), found: found)
        try checkCellsGeoPackage(db: db, path: dir.path("cells.gpkg"), found: found)
        try checkChallengePackage(
            package, candidates: found["challenge_candidates"], generated: "\(out)/measurements.csv")
    }

    /// The cells file holds every flagged cell once, as valid RFC 7946 that GDAL opens.
    func checkCells(_ path: String, found: [String: Any]) throws {
        let cells = try Self.json(path)
        let features = try #require(cells["features"] as? [[String: Any]])
        let flagged =
            Self.cells(found["challenge_candidates"]).count + Self.cells(found["served_undeclared"]).count
        #expect(features.count == flagged)
        #expect(try GeoJSONCheck.violations(ofFile: path).isEmpty)
        if let accepted = try GeoJSONCheck.ogrinfoAccepts(path) { #expect(accepted) }
    }

    /// `--cells FILE.gpkg` writes a GeoPackage: the same cells, and the tests behind each challenge.
    func checkCellsGeoPackage(db: String, path: String, found: [String: Any]) throws {
        let run = try CovauditBinary.run([
            "evidence", "--db", db, "--as-of", "2025-12-31", "--cells", path, "-q",
        ])
        try #require(run.status == 0, "\(run.stderr)")
        let ogrinfo = try #require(ProcessRunner.which("ogrinfo"), "ogrinfo (gdal-bin) is required")
        let challenges = found["challenge_candidates"] as? [[String: Any]] ?? []
        let behind = challenges.reduce(0) { $0 + (($1["test_ids"] as? [Any])?.count ?? 0) }
        for (layer, count) in [
            ("challenge_candidates", challenges.count), ("challenge_tests", behind),
            ("served_undeclared", (found["served_undeclared"] as? [Any] ?? []).count),
        ] {
            let info = try ProcessRunner.run(ogrinfo, ["-ro", "-so", path, layer])
            #expect(info.stdout.contains("Feature Count: \(count)\n"), "\(layer): \(info.stdout)\(info.stderr)")
        }
    }

    /// Per operator, the package lists every test behind its candidate cells, each as the generator wrote it.
    func checkChallengePackage(_ folder: String, candidates: Any?, generated: String) throws {
        var positions: [String: (String, String)] = [:]
        for line in try String(contentsOfFile: generated, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            positions[f[0]] = (f[14], f[15])
        }
        let cells = candidates as? [[String: Any]] ?? []
        let expected = Dictionary(grouping: cells, by: { $0["operator"] as? String ?? "" }).mapValues {
            $0.reduce(0) { $0 + (($1["test_ids"] as? [Any])?.count ?? 0) }
        }
        #expect(!expected.isEmpty)
        for (name, count) in expected {
            let lines = try String(contentsOfFile: "\(folder)/challenge-\(name).csv", encoding: .utf8)
                .split(separator: "\n").map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                }
            #expect(lines.first?.first == "quadkey")
            #expect(lines.count - 1 == count, "\(name): \(lines.count - 1) rows, \(count) tests behind its cells")
            for f in lines.dropFirst() {
                let id = f[7]
                let position = try #require(positions[id], "\(name): test \(id) is not in measurements.csv")
                #expect(Double(f[9]) == Double(position.0) && Double(f[10]) == Double(position.1), "\(id)")
            }
        }
    }
}
