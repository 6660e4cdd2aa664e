import CoverageModel
import Foundation

/// Groups the valid tests by zoom-16 cell, operator, technology and side of the declared coverage,
/// and keeps the cells whose tests speak with significance.
enum EvidenceCells {
    /// A valid test's cell group key and its commune and position in the input.
    struct Entry: BitwiseCopyable {
        /// operator (bits 35…), technology (33–34), inside (32), tile x (16–31), tile y (0–15).
        var key: UInt64
        /// commune (bits 32…), served (31) and test index (0–30); the served bit and the commune
        /// spare the grouping a random read of the classification per test.
        var tail: UInt64

        var commune: Int32 { Int32(truncatingIfNeeded: tail >> 32) }
        var served: Bool { tail & 1 << 31 != 0 }
        var index: Int32 { Int32(truncatingIfNeeded: tail & 0x7FFF_FFFF) }
    }

    /// The entries of the tests that have a cell, in input order, and the ranges of their keys: one
    /// parallel pass counts them per chunk, a second writes each chunk's entries at its offset.
    static func makeEntries(_ classified: [ClassifiedTest]) -> ([Entry], CellKeyPacking) {
        let n = classified.count
        let chunkCount = ParallelChunks.defaultWorkers * 4
        return classified.withUnsafeBufferPointer { buffer in
            let source = SharedReads(base: buffer.baseAddress)
            let counted = ParallelChunks.map(0..<n, chunkCount: chunkCount) { _, range in
                var count = 0
                var packing = CellKeyPacking()
                for i in range {
                    guard let key = key(source[i]) else { continue }
                    count += 1
                    packing.add(key)
                }
                return (count, packing)
            }
            var offsets = [0]
            for (count, _) in counted { offsets.append(offsets[offsets.count - 1] + count) }
            let total = offsets[offsets.count - 1]
            var entries = [Entry](unsafeUninitializedCapacity: total) { _, count in count = total }
            entries.withUnsafeMutableBufferPointer { out in
                let target = DisjointWrites<Entry>(base: out.baseAddress)
                let starts = offsets
                ParallelChunks.forEach(0..<n, chunkCount: chunkCount) { chunk, range in
                    var next = starts[chunk]
                    for i in range {
                        let c = source[i]
                        guard let key = key(c) else { continue }
                        target.write(Entry(key: key, commune: c.commune, served: c.served, index: i), at: next)
                        next += 1
                    }
                }
            }
            return (entries, counted.reduce(CellKeyPacking()) { $0.union($1.1) })
        }
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
        precondition(classified.count < 1 << 31, "more tests than a cell entry can index")
        var entries: [Entry]
        let packing: CellKeyPacking
        (entries, packing) = makeEntries(classified)
        _ = consume classified
        CellKeySort.sort(&entries, packing: packing)
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

    /// The commune code holding most entries of a group (ties: the lower code); nil when that is
    /// "no commune".
    static func majorityCommune(_ group: ArraySlice<Entry>, indexes: EvidenceIndexes) -> String? {
        var best = Int32(-1)
        var bestCount = 0
        var current = Int32(-1)
        var run = 0
        for commune in group.map(\.commune).sorted() {
            if commune != current {
                current = commune
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
