/// Sorts `indexes` by `keys[index]` with insertion sort: linear when nearly sorted (as from one
/// scanline to the next).
@inline(__always)
func sortIndexes(_ indexes: UnsafeMutableBufferPointer<Int32>, by keys: UnsafeBufferPointer<Double>) {
    var i = 1
    while i < indexes.count {
        let v = indexes[i]
        let key = keys[Int(v)]
        var j = i
        while j > 0, key < keys[Int(indexes[j - 1])] {
            indexes[j] = indexes[j - 1]
            j -= 1
        }
        indexes[j] = v
        i += 1
    }
}

/// The union of capsules along horizontal lines swept upwards: the disjoint x intervals where a
/// line lies within some capsule. Keeps only the capsules the line can meet, in x order between
/// lines (nearly sorted from one line to the next), so each line costs about one pass.
///
/// Not thread-safe (scratch buffers): one per worker.
struct CapsuleUnion {
    private var capsules: [Capsule] = []
    /// Per capsule (in `capsules` order, by lowest y): the y range it spans.
    private var low: [Double] = []
    private var high: [Double] = []
    private var next = 0
    /// Active capsule indexes, in the x order of their intervals on the last line.
    private var active: [Int32] = []
    private var intervalLow: [Double] = []
    private var intervalHigh: [Double] = []
    /// The union on the last line: its first `unionCount` entries, disjoint, ascending (the
    /// storage keeps room for one interval per capsule, so evaluating never appends).
    private var unionLow: [Double] = []
    private var unionHigh: [Double] = []
    private var unionCount = 0

    /// Starts a sweep over `capsules` (local metres).
    mutating func reset(_ input: some Collection<Capsule>) {
        capsules.removeAll(keepingCapacity: true)
        capsules.append(contentsOf: input)
        capsules.sort { $0.yRange.low < $1.yRange.low }
        low.removeAll(keepingCapacity: true)
        high.removeAll(keepingCapacity: true)
        for c in capsules {
            low.append(c.yRange.low)
            high.append(c.yRange.high)
        }
        intervalLow.grow(to: capsules.count)
        intervalHigh.grow(to: capsules.count)
        unionLow.grow(to: capsules.count)
        unionHigh.grow(to: capsules.count)
        unionCount = 0
        next = 0
        active.removeAll(keepingCapacity: true)
    }

    /// Activates the capsules reaching `upper` or lower and drops those ending below `lower`;
    /// lines between `lower` and `upper` can then be evaluated.
    mutating func advance(lower: Double, upper: Double) {
        // Drops the ended capsules in place, keeping the others' order (as `removeAll(where:)`).
        let kept = active.withUnsafeMutableBufferPointer { active in
            high.withUnsafeBufferPointer { high in
                var kept = 0
                for k in active where !(high[Int(k)] < lower) {
                    active[kept] = k
                    kept += 1
                }
                return kept
            }
        }
        active.removeLast(active.count - kept)
        while next < capsules.count && low[next] <= upper {
            if high[next] >= lower { active.append(Int32(next)) }
            next += 1
        }
    }

    /// Computes the union on the line at `y` (≥ the previous line's y, within the last `advance`).
    mutating func evaluate(atY y: Double) {
        // The union has at most one interval per active capsule, and `reset` made room for one per
        // capsule: the merge writes through pointers (no per-append capacity or uniqueness checks).
        unionCount = active.withUnsafeMutableBufferPointer { active in
            capsules.withUnsafeBufferPointer { capsules in
                intervalLow.withUnsafeMutableBufferPointer { intervalLow in
                    intervalHigh.withUnsafeMutableBufferPointer { intervalHigh in
                        unionLow.withUnsafeMutableBufferPointer { unionLow in
                            unionHigh.withUnsafeMutableBufferPointer { unionHigh in
                                Self.union(
                                    atY: y, active: active, capsules: capsules, intervalLow: intervalLow,
                                    intervalHigh: intervalHigh, unionLow: unionLow, unionHigh: unionHigh)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Copies the union on the last line into `low` and `high` (their own storage).
    func copyUnion(low: inout [Double], high: inout [Double]) {
        low.removeAll(keepingCapacity: true)
        high.removeAll(keepingCapacity: true)
        low.append(contentsOf: unionLow[..<unionCount])
        high.append(contentsOf: unionHigh[..<unionCount])
    }

    /// The union of the active capsules' intervals at `y`; returns how many intervals it has.
    ///
    /// Writes the union to `unionLow`/`unionHigh` (disjoint, ascending); sorts `active` by interval low end.
    @inline(__always)
    private static func union(
        atY y: Double, active: UnsafeMutableBufferPointer<Int32>, capsules: UnsafeBufferPointer<Capsule>,
        intervalLow: UnsafeMutableBufferPointer<Double>, intervalHigh: UnsafeMutableBufferPointer<Double>,
        unionLow: UnsafeMutableBufferPointer<Double>, unionHigh: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        for k in active {
            let c = Int(k)
            if let iv = capsules[c].interval(atY: y) {
                intervalLow[c] = iv.low
                intervalHigh[c] = iv.high
            } else {
                intervalLow[c] = .infinity
                intervalHigh[c] = -.infinity
            }
        }
        // Insertion sort by the interval's low end: nearly sorted since the previous line.
        sortIndexes(active, by: UnsafeBufferPointer(intervalLow))
        var kept = 0
        for k in active {
            let lo = intervalLow[Int(k)]
            let hi = intervalHigh[Int(k)]
            if lo > hi { break }  // no interval: sorted last (low = +∞)
            if kept > 0, lo <= unionHigh[kept - 1] {
                if hi > unionHigh[kept - 1] { unionHigh[kept - 1] = hi }
            } else {
                unionLow[kept] = lo
                unionHigh[kept] = hi
                kept += 1
            }
        }
        return kept
    }
}

/// Capsule unions computed exactly on horizontal lines every `step` metres and interpolated
/// linearly in between (when both lines have the same number of intervals; otherwise computed
/// exactly at the asked height). Integrating the interpolated intervals is the trapezoidal rule.
struct CapsuleBands {
    private var union = CapsuleUnion()
    private(set) var step = 10.0
    private(set) var hasCapsules = false
    /// The cell whose bounding lines are cached: lines `cell` (below) and `cell + 1` (above).
    private var cell = Int.min
    private var belowLow: [Double] = []
    private var belowHigh: [Double] = []
    private var aboveLow: [Double] = []
    private var aboveHigh: [Double] = []
    /// The intervals at the last queried height: disjoint, ascending (local metres).
    private(set) var low: [Double] = []
    private(set) var high: [Double] = []

    /// Starts a sweep over `capsules` with lines every `step` metres.
    mutating func reset(_ capsules: some Collection<Capsule>, step: Double) {
        union.reset(capsules)
        self.step = step
        hasCapsules = !capsules.isEmpty
        cell = Int.min
    }

    /// The cell (between lines `k` and `k + 1`) holding height `y`.
    func cell(of y: Double) -> Int { Int((y / step).rounded(.down)) }

    /// Fills `low`/`high` with the union at height `y`, which lies in cell `k` (ascending queries).
    mutating func query(_ y: Double, cell k: Int) {
        if k != cell {
            if k == cell + 1 {
                swap(&belowLow, &aboveLow)
                swap(&belowHigh, &aboveHigh)
            } else {
                union.advance(lower: Double(k) * step, upper: Double(k + 1) * step)
                union.evaluate(atY: Double(k) * step)
                union.copyUnion(low: &belowLow, high: &belowHigh)
            }
            union.advance(lower: Double(k) * step, upper: Double(k + 1) * step)
            union.evaluate(atY: Double(k + 1) * step)
            union.copyUnion(low: &aboveLow, high: &aboveHigh)
            cell = k
        }
        if belowLow.count == aboveLow.count {
            let t = (y - Double(k) * step) / step
            low.removeAll(keepingCapacity: true)
            high.removeAll(keepingCapacity: true)
            for i in belowLow.indices {
                low.append(belowLow[i] + t * (aboveLow[i] - belowLow[i]))
                high.append(belowHigh[i] + t * (aboveHigh[i] - belowHigh[i]))
            }
        } else {
            union.evaluate(atY: y)
            union.copyUnion(low: &low, high: &high)
        }
    }

}
