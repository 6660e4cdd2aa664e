/// Quantiles by selection: the same values as `EvidenceStatistics.quantile(sorted:_:)` without
/// sorting (expected linear time instead of n log n).
enum QuantileSelection {
    /// The `q` quantile of `values`, identical to `EvidenceStatistics.quantile(sorted:_:)` on them sorted.
    ///
    /// `values` is reordered; nil when empty. The two closest ranks are found by selection: the
    /// lower rank's value by `select`, the next by the minimum of what follows it. Equal values that
    /// differ only by the sign of zero may land in another order than a sort's, which leaves the
    /// interpolated value unchanged.
    static func quantile(_ values: UnsafeMutableBufferPointer<Double>, _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = q * Double(values.count - 1)
        let lo = Int(position.rounded(.down))
        let hi = Swift.min(values.count - 1, lo + 1)
        let fraction = position - Double(lo)
        select(values, lo)
        let low = values[lo]
        var high = low
        if hi > lo {
            high = values[hi]
            for i in (hi + 1)..<values.count where values[i] < high { high = values[i] }
        }
        return low + (high - low) * fraction
    }

    /// Reorders `values` so that `values[k]` is the value a sort would put there, with no greater
    /// value before it and no smaller one after (quickselect, three-way partition around a median of
    /// three; ranges that keep failing to shrink are sorted instead).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        precondition(values.indices.contains(k), "QuantileSelection.select: rank out of range")
        var lo = 0
        var hi = values.count - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while hi - lo > 24 {
            budget -= 1
            if budget < 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: values[lo...hi])
                rest.sort()
                return
            }
            let a = values[lo]
            let m = values[lo + (hi - lo) / 2]
            let c = values[hi]
            let pivot = Swift.max(Swift.min(a, m), Swift.min(Swift.max(a, m), c))
            var lt = lo
            var i = lo
            var gt = hi
            while i <= gt {
                let v = values[i]
                if v < pivot {
                    values.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if v > pivot {
                    values.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            if k < lt {
                hi = lt - 1
            } else if k > gt {
                lo = gt + 1
            } else {
                return
            }
        }
        if lo < hi {
            var rest = UnsafeMutableBufferPointer(rebasing: values[lo...hi])
            rest.sort()
        }
    }
}
