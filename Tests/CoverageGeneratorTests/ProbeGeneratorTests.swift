import CoverageFormats
import CoverageGenerator
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// `probes.csv`: school probes at schools with a recorded fixed connection, fixed probes at other
/// institutions, the planted failing schools listed in the truth — recomputed from the files alone.
@Suite("Generator probes")
struct ProbeGeneratorTests {
    @Test("probes.csv agrees with the institutions and the truth: planted schools fail, the others pass")
    func probesAgreeWithInstitutionsAndTruth() throws {
        let m = try SharedMeasuredDemo.get()
        var institutions: [String: (kind: String, connection: String, position: Coordinate)] = [:]
        try CSVReader(path: m.directory.appendingPathComponent("synthetic_institutions.csv").path).forEachRecord { r in
            institutions[r["id"] ?? ""] = (
                r["kind"] ?? "", r["connection"] ?? "",
                Coordinate(Double(r["lon"] ?? "") ?? .nan, Double(r["lat"] ?? "") ?? .nan)
            )
        }
        let reader = try CSVReader(path: m.directory.appendingPathComponent("probes.csv").path)
        #expect(
            reader.header == [
                "id", "time", "source", "download_mbps", "upload_mbps", "latency_ms", "institution_id", "lon", "lat",
            ])
        var perInstitution: [String: (tests: Int, passing: Int, source: String)] = [:]
        var withoutCoordinates = 0, rows = 0
        // 2026-01-01T00:00:00Z: the end of the as-of day; probes cover the 28 days before it, at any hour.
        let end = Date(timeIntervalSince1970: 1_767_225_600)
        let iso = ISO8601DateFormatter()
        var hours = Set<Int>()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        try reader.forEachRecord { r in
            rows += 1
            let id = r["institution_id"] ?? ""
            let institution = try #require(institutions[id], "\(id) is not a generated institution")
            #expect(["fibre", "fixed"].contains(institution.connection), "\(id)")
            let source = r["source"] ?? ""
            #expect(source == (institution.kind == "school" ? "school-probe" : "fixed-probe"))
            let time = try #require(iso.date(from: r["time"] ?? ""))
            #expect(time < end && time >= end.addingTimeInterval(-28 * 86_400))
            hours.insert(utc.component(.hour, from: time))
            if let lon = Double(r["lon"] ?? ""), let lat = Double(r["lat"] ?? "") {
                // Within ~50 m of the institution.
                #expect(abs(lon - institution.position.x) < 5e-4 && abs(lat - institution.position.y) < 5e-4)
            } else {
                withoutCoordinates += 1
            }
            let down = Double(r["download_mbps"] ?? "") ?? -1, up = Double(r["upload_mbps"] ?? "") ?? -1
            var t = perInstitution[id] ?? (0, 0, source)
            t.tests += 1
            if down >= 10 && up >= 1 { t.passing += 1 }
            perInstitution[id] = t
        }
        let truth = m.truth.probes
        #expect(rows == truth.tests && withoutCoordinates == truth.testsWithoutCoordinates)
        #expect(withoutCoordinates > 0 && withoutCoordinates < rows)
        #expect(hours.count == 24, "probes run at every hour of the day")
        #expect(perInstitution.values.filter { $0.source == "school-probe" }.count == truth.schools)
        #expect(perInstitution.values.filter { $0.source == "fixed-probe" }.count == truth.fixedProbes)
        #expect(!truth.failingInstitutions.isEmpty && truth.failingInstitutions == truth.failingInstitutions.sorted())
        for (id, t) in perInstitution {
            let share = Double(t.passing) / Double(t.tests)
            if truth.failingInstitutions.contains(id) {
                #expect(t.source == "school-probe" && share < 0.2, "\(id): \(t.passing)/\(t.tests)")
            } else {
                #expect(share > 0.8, "\(id): \(t.passing)/\(t.tests)")
            }
        }
    }
}
