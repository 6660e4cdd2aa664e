import CoverageModel
import Foundation

/// Counts per commune × operator row, in one flat array (merged from parallel chunks).
///
/// Slot `(commune, row)`: commune in 0...communeCount (the last: no commune), row 0 = all operators,
/// row 1 + o = operator o. Counter layout within a slot: see the `Counter` offsets.
struct EvidenceTally {
    enum Counter {
        static let tests = 0
        static let exclusions = 1  // + EvidenceExclusion index
        static let valid = exclusions + EvidenceExclusion.allCases.count
        static let inside = valid + 1
        static let insidePassing = inside + 1
        static let outside = insidePassing + 1
        static let outsidePassing = outside + 1
        static let downloads = outsidePassing + 1
        static let tiers = downloads + 1  // + tier index
        /// After the tiers: per technology (`Technology.allCases` order), inside and inside passing.
        static let technologyCounters = 2
    }

    let communeSlots: Int
    let operatorRows: Int
    let tierCount: Int
    let width: Int
    var counts: [Int]

    init(communeCount: Int, operatorCount: Int, tierCount: Int) {
        communeSlots = communeCount + 1
        operatorRows = operatorCount + 1
        self.tierCount = Swift.min(8, tierCount)
        width = Counter.tiers + self.tierCount + Technology.allCases.count * Counter.technologyCounters
        counts = [Int](repeating: 0, count: communeSlots * operatorRows * width)
    }

    /// The first counter of the slot of `commune` and operator row `row`.
    @inline(__always)
    func base(_ commune: Int, _ row: Int) -> Int { (commune * operatorRows + row) * width }

    /// The offset (from a slot's base) of technology `t`'s inside counter; inside passing follows it.
    @inline(__always)
    func technologyOffset(_ t: Int) -> Int { Counter.tiers + tierCount + t * Counter.technologyCounters }

    /// The slot index (commune × rows + row) of a base offset's slot.
    @inline(__always)
    func slot(_ commune: Int, _ row: Int) -> Int { commune * operatorRows + row }

    /// Adds one classified test to its operator's row and to the all-operators row.
    @inline(__always)
    mutating func add(_ c: ClassifiedTest, hasDownload: Bool) {
        add(c, hasDownload: hasDownload, at: base(Int(c.commune), 0))
        if c.operatorIndex >= 0 { add(c, hasDownload: hasDownload, at: base(Int(c.commune), Int(c.operatorIndex) + 1)) }
    }

    /// Adds one classified test to the slot starting at `b`.
    @inline(__always)
    private mutating func add(_ c: ClassifiedTest, hasDownload: Bool, at b: Int) {
        counts[b + Counter.tests] += 1
        if c.exclusion >= 0 {
            counts[b + Counter.exclusions + Int(c.exclusion)] += 1
            return
        }
        counts[b + Counter.valid] += 1
        if c.inside {
            counts[b + Counter.inside] += 1
            if c.served { counts[b + Counter.insidePassing] += 1 }
            if c.technology >= 0 {
                let t = b + technologyOffset(Int(c.technology))
                counts[t] += 1
                if c.served { counts[t + 1] += 1 }
            }
        } else {
            counts[b + Counter.outside] += 1
            if c.served { counts[b + Counter.outsidePassing] += 1 }
        }
        if hasDownload { counts[b + Counter.downloads] += 1 }
        for t in 0..<tierCount where c.tierBits & (1 << UInt8(t)) != 0 { counts[b + Counter.tiers + t] += 1 }
    }

    /// Adds `other`'s counts (same shape).
    mutating func merge(_ other: EvidenceTally) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// The tally of every classified test, counted in parallel chunks and merged.
    static func count(
        _ classified: [ClassifiedTest], tests: EvidenceTestSet, communeCount: Int, operatorCount: Int,
        tierCount: Int
    ) -> EvidenceTally {
        let parts = ParallelChunks.map(0..<classified.count, chunkCount: ParallelChunks.defaultWorkers) { _, range in
            var tally = EvidenceTally(communeCount: communeCount, operatorCount: operatorCount, tierCount: tierCount)
            let records = tests.records
            for i in range {
                tally.add(classified[i], hasDownload: records[i].has(EvidenceTestRecord.Recorded.download))
            }
            return tally
        }
        var total = EvidenceTally(communeCount: communeCount, operatorCount: operatorCount, tierCount: tierCount)
        for part in parts { total.merge(part) }
        return total
    }
}
