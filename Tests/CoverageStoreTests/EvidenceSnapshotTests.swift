import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Measurements read back through the snapshot's batch cursor equal what SpatiaLite holds.
@Suite struct EvidenceSnapshotTests {
    @Test func theCursorReadsEveryMeasurementInBatches() throws {
        let dir = try FixtureDirectory()
        var lines = ["id,time,operator,technology,download_kbps,latency_ms,rsrp_dbm,source,environment,lon,lat"]
        for i in 0..<250 {
            let download = i % 7 == 0 ? "" : "\(i * 1000 + 500)"
            let rsrp = i % 5 == 0 ? "" : "-\(80 + i % 40)"
            let tech = ["2G", "3G", "4G", "5G", ""][i % 5]
            lines.append(
                "M\(i),2025-11-\(String(format: "%02d", 1 + i % 28))T10:00:00Z,op\(i % 3),\(tech),\(download),\(i % 90),"
                    + "\(rsrp),\(i % 2 == 0 ? "crowd-app" : "drive-test"),\(i % 3 == 0 ? "indoor" : ""),"
                    + "\(105 + Double(i) / 1000),\(21 + Double(i) / 2000)")
        }
        let file = try dir.write("m.csv", lines.joined(separator: "\n") + "\n")
        let store = try dir.store()
        let result = try store.importFile(file, options: ImportOptions(layer: .measurements))
        #expect(result.rows == 250)
        let snapshot = try store.readSnapshot()
        let span = try #require(try snapshot.measurementIDSpan())
        #expect(try snapshot.measurementCount() == 250)
        let cursor = try snapshot.measurementCursor()
        var batch = MeasurementBatch()
        var seen: [String] = []
        var start = span.lowerBound
        while start <= span.upperBound {
            try cursor.read(start...min(start + 63, span.upperBound), into: &batch)
            for i in 0..<batch.count {
                func text(_ v: Double) -> String { v.isNaN ? "-" : "\(v)" }
                seen.append(
                    [
                        String(batch.rowIDs[i]), "\(batch.positions[i].x)", "\(batch.positions[i].y)",
                        text(batch.times[i]), batch.operators[i] ?? "-", batch.technologies[i]?.rawValue ?? "-",
                        text(batch.downloadMbps[i]), text(batch.uploadMbps[i]), text(batch.latencyMs[i]),
                        text(batch.rsrpDbm[i]), batch.sources[i].rawValue, batch.environments[i]?.rawValue ?? "-",
                    ].joined(separator: "|"))
            }
            start += 64
        }
        // The same rows straight from SQL, with the kbps → Mbps conversion done by SQLite.
        let expected = try store.db.rows(
            """
            SELECT id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, source,
              environment FROM measurements ORDER BY id
            """
        ) { r in
            (0..<12).map { i -> String in
                switch r.value(i) {
                case .null: return "-"
                case .integer(let v): return [3, 6, 7, 8, 9].contains(i) ? "\(Double(v))" : "\(v)"
                case .real(let v): return "\(v)"
                case .text(let t): return t
                case .blob: return "blob"
                }
            }.joined(separator: "|")
        }
        #expect(seen == expected)
        let sum = try store.db.scalar("SELECT total(download_mbps) FROM measurements").double ?? 0
        var fromFile = 0.0
        for i in 0..<250 where i % 7 != 0 { fromFile += Double(i * 1000 + 500) / 1000 }
        #expect(abs(sum - fromFile) < 1e-9)
        // Whole values by row id, as the analysis reads the tests behind a cell.
        let whole = try snapshot.measurements(rowIDs: [span.lowerBound + 3])
        #expect(whole.map(\.id) == ["M3"])
        #expect(whole.first?.downloadMbps == 3.5 && whole.first?.technology == .g5)
    }
}
