import CoverageModel
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// A what-if run's state parts written over the stored run's in place: the parts are the run's,
/// the others stay, and a part whose bytes barely change costs the pages that change, not the part.
@Suite struct StatePartsInPlaceTests {
    /// Bytes of a part that spans ten overflow pages.
    static let bigPartSize = 40_000

    /// The stored run's state parts.
    static let storedParts: [String: [UInt8]] = [
        "token": [1, 2, 3],
        "big": (0..<bigPartSize).map { UInt8(truncatingIfNeeded: $0 &* 31) },
        "short": [9, 9, 9],
        "kept": [7, 7],
    ]

    /// A run (no rows) with `state`.
    static func run(_ state: [String: [UInt8]]) -> StoredRun {
        var run = StoredRun(
            parametersJSON: "{}", toolVersion: "test", gapMeasure: "4g", unitRows: [], gapClusters: [], gapAreas: [])
        run.state = state
        return run
    }

    /// Every state row as `rowid|name|hex(data)`.
    static func parts(_ db: Connection) throws -> [String] {
        try db.rows("SELECT rowid, name, hex(data) FROM coverage_run_state ORDER BY name") {
            "\($0.int(0))|\($0.text(1) ?? "")|\($0.text(2) ?? "")"
        }
    }

    /// Frames in the WAL after the what-if run writes `state` over a freshly checkpointed store.
    static func framesWritten(_ state: [String: [UInt8]]) throws -> (frames: Int64, parts: [String]) {
        let dir = try FixtureDirectory("state-parts-in-place")
        let store = try dir.store()
        _ = try store.resultsSink().finish(run(storedParts), rows: nil, unitCodes: [], hamletCodes: [])
        _ = try store.db.rows("PRAGMA wal_checkpoint(TRUNCATE)") { $0.int(0) }
        _ = try store.storeWhatIfRun(run(state), rows: nil, token: "token", tokenValue: [1, 2, 3], unitRows: .all)
        let frames = try store.db.rows("PRAGMA wal_checkpoint(PASSIVE)") { $0.int(1) }.first ?? -1
        return (frames, try parts(store.db))
    }

    @Test func thePartsAreTheRunsAndTheOthersStay() throws {
        let dir = try FixtureDirectory("state-parts-in-place")
        let store = try dir.store()
        _ = try store.resultsSink().finish(Self.run(Self.storedParts), rows: nil, unitCodes: [], hamletCodes: [])
        let before = try Self.parts(store.db)
        var big = Self.storedParts["big"]!
        big[100] ^= 0xFF
        let changed: [String: [UInt8]] = ["token": [1, 2, 3], "big": big, "short": [1, 2, 3, 4, 5], "new": [42]]
        _ = try store.storeWhatIfRun(
            Self.run(changed), rows: nil, token: "token", tokenValue: [1, 2, 3], unitRows: .all)
        let after = try Self.parts(store.db)
        // The values: the run's parts, the part it does not give as stored.
        func values(_ rows: [String]) -> [String] {
            rows.map { $0.split(separator: "|").dropFirst().joined(separator: "|") }
        }
        var expected = Self.storedParts.merging(changed) { $1 }
        expected["kept"] = [7, 7]
        #expect(
            values(after)
                == expected.sorted { $0.key < $1.key }.map {
                    "\($0.key)|\($0.value.map { String(format: "%02X", $0) }.joined())"
                })
        // Rewritten parts keep their rows; the new one is added.
        let rowID = { (rows: [String], name: String) in
            rows.first { $0.split(separator: "|")[1] == name }?.split(separator: "|")[0]
        }
        for name in ["token", "big", "short", "kept"] { #expect(rowID(after, name) == rowID(before, name)) }
        #expect(rowID(after, "new") != nil)
        #expect(try store.db.scalar("PRAGMA integrity_check").text == "ok")
    }

    @Test func oneChangedByteWritesAboutOnePage() throws {
        // The same run without the big part: what every what-if run writes anyway.
        let without = try Self.framesWritten(["token": [1, 2, 3]])
        var big = Self.storedParts["big"]!
        big[Self.bigPartSize - 10] ^= 0xFF
        let changed = try Self.framesWritten(["token": [1, 2, 3], "big": big])
        #expect(without.frames > 0 && changed.frames > 0)
        // Deleting and inserting the part wrote its ten overflow pages, the freed chain and its leaf.
        #expect(
            changed.frames - without.frames <= 2,
            "WAL frames: \(without.frames) without the part, \(changed.frames) with one byte of it changed")
        #expect(changed.parts != without.parts)
    }
}
