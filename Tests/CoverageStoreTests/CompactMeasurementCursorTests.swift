import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageStore

/// The compact cursor (numbers and codes, no strings) reads what the whole-value reader reads.
@Suite struct CompactMeasurementCursorTests {
    /// Every row read in ranges of `size` ids equals the same row read whole by `measurements(rowIDs:)`
    /// (texts decoded with `String` and the enums' raw values), in id order.
    @Test(arguments: [1, 7, 64, 5_000])
    func compactRowsEqualWholeRows(size: Int64) throws {
        let store = try MeasurementFixture.store(rows: 600, in: try FixtureDirectory())
        let snapshot = try store.readSnapshot()
        let span = try #require(try snapshot.measurementIDSpan())
        let cursor = try snapshot.compactMeasurementCursor()
        var rows: [CompactMeasurement] = []
        for lower in stride(from: span.lowerBound, through: span.upperBound, by: Int(size)) {
            try cursor.forEach(in: lower...min(lower + size - 1, span.upperBound)) { rows.append($0) }
        }
        let ids = try store.db.rows("SELECT id FROM measurements ORDER BY id") { $0.int(0) }
        #expect(rows.map(\.rowID) == ids)
        let whole = try snapshot.measurements(rowIDs: ids)
        try #require(whole.count == rows.count)
        func same(_ a: Double, _ b: Double?) -> Bool { b.map { $0 == a } ?? a.isNaN }
        for (m, w) in zip(rows, whole) {
            let name = m.operatorCode >= 0 ? cursor.operatorNames[Int(m.operatorCode)] : nil
            #expect(m.lon == w.position.x && m.lat == w.position.y && same(m.time, w.time))
            #expect(name == w.operatorName && m.technology == w.technology && m.environment == w.environment)
            #expect(m.source == w.source && same(m.rsrpDbm, w.rsrpDbm) && same(m.latencyMs, w.latencyMs))
            #expect(same(m.downloadMbps, w.downloadMbps) && same(m.uploadMbps, w.uploadMbps))
        }
        #expect(cursor.operatorNames == ["Viettel", "VNPT", "MobiFone", "Late"])
    }
}
