import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Every implausible value is left out with a count per reason (in the result and in the store),
/// never used; a file whose every row is left out imports nothing.
@Suite struct EvidenceExclusionTests {
    static let header = "id,time,download_mbps,upload_mbps,latency_ms,rsrp_dbm,rsrq_db,sinr_db,lon,lat"
    static let good = ["g1,2025-11-03T14:05:00Z,40,8,30,-95,-10,12,105.8,21.6", "g2,,,,,-100,,,105.81,21.61"]

    /// A bad row and the reason it must be counted under.
    static let badRows: [(String, ExclusionReason)] = [
        ("b,2025-11-03T14:05:00Z,-0.1,8,30,,,,105.8,21.6", .negativeSpeed),
        ("b,2025-11-03T14:05:00Z,40,-3,30,,,,105.8,21.6", .negativeSpeed),
        ("b,2025-11-03T14:05:00Z,10000.5,8,30,,,,105.8,21.6", .speedAbove10Gbps),
        ("b,2025-11-03T14:05:00Z,40,8,-1,,,,105.8,21.6", .negativeLatency),
        ("b,,,,,0.5,,,105.8,21.6", .rsrpOutOfRange),
        ("b,,,,,-156.5,,,105.8,21.6", .rsrpOutOfRange),
        ("b,,,,,-90,-44,,105.8,21.6", .rsrqOutOfRange),
        ("b,,,,,-90,21,,105.8,21.6", .rsrqOutOfRange),
        ("b,,,,,-90,,-24,105.8,21.6", .sinrOutOfRange),
        ("b,,,,,-90,,41,105.8,21.6", .sinrOutOfRange),
        ("b,2099-01-01T00:00:00Z,40,,,,,,105.8,21.6", .timeInFuture),
        ("b,1999-12-31T23:59:59Z,40,,,,,,105.8,21.6", .timeBefore2000),
        ("b,2025-11-03T14:05:00Z,40,,,,,,nan,21.6", .badCoordinates),
        ("b,2025-11-03T14:05:00Z,40,,,,,,105.8,91", .badCoordinates),
        ("b,2025-11-03T14:05:00Z,40,,,,,,181,21.6", .badCoordinates),
        ("b,2025-11-03T14:05:00Z,40,,,,,,,21.6", .badCoordinates),
        ("b,2025-11-03T14:05:00Z,,,,,,,105.8,21.6", .noMeasuredValue),
        ("b,2025-11-03T14:05:00Z,fast,,,,,,105.8,21.6", .unreadableValue),
        ("b,yesterday,40,,,,,,105.8,21.6", .unreadableValue),
    ]

    @Test(arguments: badRows)
    func aBadMeasurementIsExcludedAndCounted(_ bad: (row: String, reason: ExclusionReason)) throws {
        let dir = try FixtureDirectory()
        let lines = [
            Self.header, Self.good[0], bad.row, bad.row.replacingOccurrences(of: "b,", with: "c,"), Self.good[1],
        ]
        let file = try dir.write("tests.csv", lines.joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        let result = try store.importFile(file, options: options)
        #expect(result.rows == 2)
        #expect(result.exclusions?.map(\.reason) == [bad.reason])
        #expect(result.exclusions?.first?.count == 2)
        #expect(result.exclusions?.first?.examples.map(\.location) == ["line 3", "line 4"])
        // What is stored: the good rows only, and the count with the dataset (read back by SQL).
        #expect(try store.db.rows("SELECT ext_id FROM measurements ORDER BY id") { $0.text(0) ?? "" } == ["g1", "g2"])
        #expect(
            try store.db.rows("SELECT dataset_id, reason, count FROM dataset_exclusions") {
                "\($0.int(0)) \($0.text(1) ?? "") \($0.int(2))"
            } == ["\(result.datasetID) \(bad.reason.rawValue) 2"])
        #expect(try store.readSnapshot().exclusions().map(\.count) == [2])
    }

    @Test func severalReasonsAreCountedEach() throws {
        let dir = try FixtureDirectory()
        let rows =
            [Self.header, Self.good[0]]
            + Self.badRows.enumerated().map { i, bad in
                bad.0.replacingOccurrences(of: "b,", with: "b\(i),")
            }
        let file = try dir.write("tests.csv", rows.joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        let result = try store.importFile(file, options: options)
        // Expected counts, tallied from the table independently of the importer.
        var expected: [ExclusionReason: Int] = [:]
        for (_, reason) in Self.badRows { expected[reason, default: 0] += 1 }
        let counted = Dictionary(
            uniqueKeysWithValues: (result.exclusions ?? []).map { (e: ExclusionCount) in (e.reason, e.count) })
        #expect(counted == expected)
        #expect(result.rows == 1)
        let stored = try store.db.rows("SELECT reason, count FROM dataset_exclusions") {
            (ExclusionReason(rawValue: $0.text(0) ?? "")!, Int($0.int(1)))
        }
        #expect(Dictionary(uniqueKeysWithValues: stored) == expected)
    }

    @Test func aFileWhoseEveryRowIsExcludedImportsNothing() throws {
        let dir = try FixtureDirectory()
        let file = try dir.write(
            "tests.csv",
            [Self.header, Self.badRows[0].0, Self.badRows[4].0.replacingOccurrences(of: "b,", with: "c,")]
                .joined(separator: "\n") + "\n")
        let store = try dir.store()
        let before = try StoreState.capture(store.path, .contents)
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        do {
            _ = try store.importFile(file, options: options)
            Issue.record("imported a file whose every row is implausible")
        } catch {
            #expect("\(error)".contains("every row was excluded (1 negative-speed, 1 rsrp-out-of-range)"), "\(error)")
        }
        #expect(try StoreState.capture(store.path, .contents) == before)
    }

    @Test func aStructuralErrorAfterExclusionsRollsEverythingBack() throws {
        let dir = try FixtureDirectory()
        let file = try dir.write(
            "tests.csv", [Self.header, Self.good[0], Self.badRows[0].0, Self.good[0]].joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        #expect(throws: ImportError.self) { try store.importFile(file, options: options) }
        for table in ["measurements", "datasets", "dataset_exclusions"] {
            #expect(try store.db.scalar("SELECT count(*) FROM \(table)").int == 0, "\(table)")
        }
    }

    @Test func replaceDropsTheEarlierDatasetsExclusions() throws {
        let dir = try FixtureDirectory()
        let file = try dir.write(
            "tests.csv", [Self.header, Self.good[0], Self.badRows[0].0].joined(separator: "\n") + "\n")
        let store = try dir.store()
        var options = ImportOptions(layer: .measurements)
        options.measurementSource = .driveTest
        options.synthetic = true
        options.asOf = "2025-12-31"
        _ = try store.importFile(file, options: options)
        options.replace = true
        let second = try store.importFile(file, options: options)
        #expect(try store.readSnapshot().exclusions().map(\.datasetID) == [second.datasetID])
        let provenance = try #require(try store.datasets().last)
        #expect(provenance.layer == "measurements" && provenance.asOf == "2025-12-31" && provenance.isSynthetic)
        #expect(provenance.rowCount == 1)
        #expect(try store.inventory().counts["measurements"] == 1)
    }
}
