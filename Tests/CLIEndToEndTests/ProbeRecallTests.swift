import CoverageTestSupport
import Foundation
import Testing

/// Issue 17, items 1 and 6: the schools the generator plants as "connected on paper" (recorded fibre or
/// fixed connection, probes failing) are found from `covaudit evidence`'s per-institution figures with
/// recall and precision ≥ 0.9; the probes never count as mobile evidence in the commune rows.
///
/// The truth comes from the generator (`measurements-truth.json`); the finding from the binary, through
/// the importer (coordinate-less probes placed at their school), the store and the analysis.
@Suite struct ProbeRecallTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text.prefix(300))")
    }

    @Test func plantedFailingSchoolsAreFoundWithRecallAndPrecisionAboveNinetyPercent() throws {
        let dir = try FixtureDirectory("probe-recall")
        let generated = try GeneratedStore(
            dir, scale: "province", measurements: 500,
            layers: [("communes", "synthetic_communes.geojson"), ("institutions", "synthetic_institutions.csv")])
        let (out, db) = (generated.out, generated.db)
        let probes = try CovauditBinary.run(["import", "measurements", "\(out)/probes.csv", "--db", db, "-f", "json"])
        try #require(probes.status == 0, "\(probes.stderr)")
        let truth = try #require(EvidenceRecallTests.json("\(out)/measurements-truth.json")["probes"] as? [String: Any])
        let links = try #require(try Self.json(probes.stdout)["probes"] as? [String: Any])
        // Every probe names a generated institution; the coordinate-less ones are placed at it.
        #expect(links["attached"] as? Int == truth["tests"] as? Int)
        #expect(links["located_at_institution"] as? Int == truth["tests_without_coordinates"] as? Int)
        #expect((truth["tests_without_coordinates"] as? Int ?? 0) > 0)
        #expect(links["unattached"] as? Int == 0)
        #expect(probes.stderr.contains("placed at their institution's location"), "\(probes.stderr)")

        let run = try CovauditBinary.run(["evidence", "--db", db, "--as-of", "2025-12-31", "-f", "json", "-q"])
        try #require(run.status == 0, "\(run.stderr)")
        let found = try Self.json(run.stdout)
        let institutions = try #require(found["institutions"] as? [[String: Any]])
        // Found failing: enough evidence, and fewer than half the valid probe tests served.
        let flagged = Set(
            institutions.compactMap { i -> String? in
                guard let id = i["institution_id"] as? String, let tests = i["tests"] as? Int, tests > 0,
                    let passing = i["passing"] as? Int, i["strength"] as? String == "enough"
                else { return nil }
                return Double(passing) / Double(tests) < 0.5 ? id : nil
            })
        let planted = Set(truth["failing_institutions"] as? [String] ?? [])
        try #require(planted.count >= 10, "too few planted failing schools to score (\(planted.count))")
        let hits = planted.intersection(flagged).count
        let recall = Double(hits) / Double(planted.count)
        let precision = flagged.isEmpty ? 0 : Double(hits) / Double(flagged.count)
        print(
            "failing schools: \(planted.count) planted, \(flagged.count) flagged, recall \(recall), precision \(precision)"
        )
        #expect(recall >= 0.9, "recall \(recall) (\(hits) of \(planted.count))")
        #expect(precision >= 0.9, "precision \(precision) (\(hits) of \(flagged.count))")
        let schools = truth["schools"] as? Int ?? 0, fixed = truth["fixed_probes"] as? Int ?? 0
        #expect(institutions.count == schools + fixed)

        // The commune rows (all operators) count every probe test as excluded "probe", none as valid.
        let rows = (found["rows"] as? [[String: Any]] ?? []) + (found["outside_communes"] as? [[String: Any]] ?? [])
        let all = rows.filter { $0["operator"] is NSNull }
        let excluded = all.reduce(0) { $0 + ((($1["excluded"] as? [String: Int]) ?? [:])["probe"] ?? 0) }
        #expect(excluded == truth["tests"] as? Int)
        #expect(all.reduce(0) { $0 + ($1["valid"] as? Int ?? -1) } == 0)

        let table = try CovauditBinary.run(["evidence", "--db", db, "--as-of", "2025-12-31", "-q"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Institutions with probes"), "\(table.stdout.suffix(500))")
        #expect(table.stdout.contains(planted.sorted()[0]))
    }
}
