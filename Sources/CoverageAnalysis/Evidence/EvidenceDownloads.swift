import CoverageModel
import Foundation

/// The valid tests' download speeds grouped by tally slot and sorted, for medians and percentiles.
struct EvidenceDownloads {
    /// Values of slot `s` are `values[offsets[s]..<offsets[s + 1]]`, ascending.
    let offsets: [Int]
    let values: [Double]

    /// Groups and sorts the downloads of valid tests (each in its operator's slot and the
    /// all-operators slot), counting-sort style: one flat array, no allocation per test.
    init(_ classified: [ClassifiedTest], tests: EvidenceTestSet, tally: EvidenceTally) {
        let slots = tally.communeSlots * tally.operatorRows
        var offsets = [Int](repeating: 0, count: slots + 1)
        for s in 0..<slots {
            offsets[s + 1] = offsets[s] + tally.counts[s * tally.width + EvidenceTally.Counter.downloads]
        }
        var next = offsets
        var values = [Double](repeating: 0, count: offsets[slots])
        let records = tests.records
        for i in classified.indices {
            let c = classified[i]
            guard c.exclusion < 0, records[i].has(EvidenceTestRecord.Recorded.download) else { continue }
            let down = records[i].downloadMbps
            let all = tally.slot(Int(c.commune), 0)
            values[next[all]] = down
            next[all] += 1
            if c.operatorIndex >= 0 {
                let own = tally.slot(Int(c.commune), Int(c.operatorIndex) + 1)
                values[next[own]] = down
                next[own] += 1
            }
        }
        let bounds = offsets
        values.withUnsafeMutableBufferPointer { buffer in
            let target = DisjointWrites<Double>(base: buffer.baseAddress)
            ParallelChunks.forEach(0..<slots) { _, range in
                for s in range {
                    var slice = target.slice(bounds[s]..<bounds[s + 1])
                    slice.sort()
                }
            }
        }
        self.offsets = offsets
        self.values = values
    }

    /// The `q` quantile of slot `s`; nil when it holds no value.
    func quantile(slot s: Int, _ q: Double) -> Double? {
        values.withUnsafeBufferPointer { buffer in
            EvidenceStatistics.quantile(sorted: UnsafeBufferPointer(rebasing: buffer[offsets[s]..<offsets[s + 1]]), q)
        }
    }
}
