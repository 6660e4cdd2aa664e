import CoverageModel
import Foundation

/// Groups the valid tests by zoom-16 cell, operator, technology and side of the declared coverage,
/// and keeps the cells whose tests speak with significance.
enum EvidenceCells {
    /// A valid test's cell group key and its commune and position in the input.
    struct Entry: BitwiseCopyable {
        /// operator (bits 35…), technology (33–34), inside (32), tile x (16–31), tile y (0–15).
        var key: UInt64
        /// commune (bits 32…), served (31) and test index (0–30): entries of a cell sort by commune,
        /// then input order within the served and the unserved; the served bit spares the grouping a
        /// random read of the classification per test.
        var tail: UInt64

        var commune: Int32 { Int32(truncatingIfNeeded: tail >> 32) }
        var served: Bool { tail & 1 << 31 != 0 }
        var index: Int32 { Int32(truncatingIfNeeded: tail & 0x7FFF_FFFF) }

        @inline(__always)
        static func less(_ a: Entry, _ b: Entry) -> Bool { a.key < b.key || (a.key == b.key && a.tail < b.tail) }
    }

    /// The cell group key of a classified test; nil when it has no cell (off the tiling, excluded,
    /// or without operator or technology).
    @inline(__always)
    static func key(_ c: ClassifiedTest) -> UInt64? {
        guard c.exclusion < 0, c.operatorIndex >= 0, c.technology >= 0, c.tileX >= 0, c.tileY >= 0 else { return nil }
        return UInt64(c.operatorIndex) << 35 | UInt64(c.technology) << 33 | (c.inside ? 1 << 32 : 0)
            | UInt64(c.tileX) << 16 | UInt64(c.tileY)
    }

    /// Challenge candidates (inside declared coverage, share significantly below the declared
    /// level) and served-but-undeclared cells (outside, share significantly above the undeclared
    /// level), each sorted by quadkey, operator, technology. The classification is released once the
    /// cell entries are made (they carry what the grouping needs of it).
    static func find(
        _ classified: consuming [ClassifiedTest], testIDs: EvidenceTestIDs, indexes: EvidenceIndexes,
        parameters: EvidenceParameters
    ) -> (challenges: [EvidenceCell], undeclared: [EvidenceCell]) {
        var entries: [Entry] = []
        entries.reserveCapacity(classified.count)
        precondition(classified.count < 1 << 31, "more tests than a cell entry can index")
        for (i, c) in classified.enumerated() {
            if let key = key(c) { entries.append(Entry(key: key, commune: c.commune, served: c.served, index: i)) }
        }
        _ = consume classified
        ParallelSort.sort(&entries, by: Entry.less)
        let alpha = 1 - parameters.confidenceLevel
        var challenges: [EvidenceCell] = []
        var undeclared: [EvidenceCell] = []
        var start = 0
        while start < entries.count {
            let key = entries[start].key
            var end = start
            var passing = 0
            while end < entries.count, entries[end].key == key {
                if entries[end].served { passing += 1 }
                end += 1
            }
            defer { start = end }
            let n = end - start
            guard n >= parameters.minimumTestsPerCell else { continue }
            let inside = key >> 32 & 1 == 1
            let pValue =
                inside
                ? EvidenceStatistics.pValueBelow(
                    successes: passing, trials: n, declared: parameters.declaredServedShare)
                : EvidenceStatistics.pValueAbove(
                    successes: passing, trials: n, level: parameters.undeclaredServedShare)
            guard pValue < alpha,
                let interval = EvidenceStatistics.wilson(
                    successes: passing, trials: n, confidence: parameters.confidenceLevel)
            else { continue }
            let cell = EvidenceCell(
                quadkey: Quadkey(x: Int(key >> 16 & 0xFFFF), y: Int(key & 0xFFFF), zoom: EvidenceGrid.zoom),
                communeCode: majorityCommune(entries[start..<end], indexes: indexes),
                operatorName: indexes.operators[Int(key >> 35)],
                technology: Technology.allCases[Int(key >> 33 & 3)], tests: n, passing: passing,
                share: Double(passing) / Double(n), interval: interval, pValue: pValue,
                testIDs: entries[start..<end].map(\.index).sorted().map { testIDs.id(at: Int($0)) })
            if inside { challenges.append(cell) } else { undeclared.append(cell) }
        }
        let order: (EvidenceCell, EvidenceCell) -> Bool = {
            ($0.quadkey.digits, $0.operatorName, $0.technology.rawValue)
                < ($1.quadkey.digits, $1.operatorName, $1.technology.rawValue)
        }
        return (challenges.sorted(by: order), undeclared.sorted(by: order))
    }

    /// The commune code holding most entries of a group sorted by commune (ties: the lower code);
    /// nil when that is "no commune".
    static func majorityCommune(_ group: ArraySlice<Entry>, indexes: EvidenceIndexes) -> String? {
        var best = Int32(-1)
        var bestCount = 0
        var current = Int32(-1)
        var run = 0
        for e in group {
            if e.commune != current {
                current = e.commune
                run = 0
            }
            run += 1
            if run > bestCount {
                best = current
                bestCount = run
            }
        }
        return best >= 0 && Int(best) < indexes.communeCodes.count ? indexes.communeCodes[Int(best)] : nil
    }
}

extension EvidenceCells.Entry {
    /// The entry of test `index` (below 2³¹) in `commune`, served or not, in the cell group `key`.
    @inline(__always)
    init(key: UInt64, commune: Int32, served: Bool, index: Int) {
        self.init(key: key, tail: UInt64(commune) << 32 | (served ? 1 << 31 : 0) | UInt64(index))
    }
}
