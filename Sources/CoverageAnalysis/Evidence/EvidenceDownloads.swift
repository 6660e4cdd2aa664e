import CoverageModel
import Foundation

/// The valid tests' download speeds grouped by tally slot, and each slot's median and 10th percentile.
struct EvidenceDownloads {
    /// The quantiles kept per slot, in this order.
    static let quantiles: [Double] = [0.5, 0.1]
    /// The quantiles of slot `s` are `values[s * quantiles.count ..< (s + 1) * quantiles.count]`
    /// (NaN for a slot without downloads).
    let values: [Double]

    /// Groups the downloads of valid tests (each in its operator's slot and the all-operators slot),
    /// counting-sort style: one flat array, no allocation per test; then selects each slot's
    /// quantiles in parallel (the same values as sorting the slot, see `QuantileSelection`).
    init(_ classified: [ClassifiedTest], tests: EvidenceTestSet, tally: EvidenceTally) {
        let slots = tally.communeSlots * tally.operatorRows
        var offsets = [Int](repeating: 0, count: slots + 1)
        for s in 0..<slots {
            offsets[s + 1] = offsets[s] + tally.counts[s * tally.width + EvidenceTally.Counter.downloads]
        }
        var next = offsets
        var downloads = [Double](repeating: 0, count: offsets[slots])
        let records = tests.records
        for i in classified.indices {
            let c = classified[i]
            guard c.exclusion < 0, records[i].has(EvidenceTestRecord.Recorded.download) else { continue }
            let down = records[i].downloadMbps
            let all = tally.slot(Int(c.commune), 0)
            downloads[next[all]] = down
            next[all] += 1
            if c.operatorIndex >= 0 {
                let own = tally.slot(Int(c.commune), Int(c.operatorIndex) + 1)
                downloads[next[own]] = down
                next[own] += 1
            }
        }
        let bounds = offsets
        let qs = Self.quantiles
        var values = [Double](repeating: .nan, count: slots * qs.count)
        downloads.withUnsafeMutableBufferPointer { buffer in
            let source = DisjointWrites<Double>(base: buffer.baseAddress)
            values.withUnsafeMutableBufferPointer { out in
                let target = DisjointWrites<Double>(base: out.baseAddress)
                ParallelChunks.forEach(0..<slots) { _, range in
                    for s in range {
                        let slice = source.slice(bounds[s]..<bounds[s + 1])
                        for (j, q) in qs.enumerated() {
                            if let v = QuantileSelection.quantile(slice, q) { target.write(v, at: s * qs.count + j) }
                        }
                    }
                }
            }
        }
        self.values = values
    }

    /// The `q` quantile (one of `quantiles`) of slot `s`; nil when it holds no value.
    func quantile(slot s: Int, _ q: Double) -> Double? {
        guard let j = Self.quantiles.firstIndex(of: q) else {
            preconditionFailure("EvidenceDownloads: quantile \(q) not kept")
        }
        let v = values[s * Self.quantiles.count + j]
        return v.isNaN ? nil : v
    }
}
