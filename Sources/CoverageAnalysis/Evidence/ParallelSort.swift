import CoverageModel

/// Sorting a large array of plain values on all cores: chunks sorted in parallel, then merged
/// pairwise (one merge pass per doubling of the run length).
enum ParallelSort {
    /// Sorts `values` by `less` (not stable; callers make keys unique).
    static func sort<T: BitwiseCopyable>(_ values: inout [T], by less: @escaping @Sendable (T, T) -> Bool) {
        var runs = ParallelChunks.chunks(of: 0..<values.count, count: ParallelChunks.defaultWorkers)
        guard runs.count > 1 else {
            values.sort(by: less)
            return
        }
        let chunks = runs
        values.withUnsafeMutableBufferPointer { buffer in
            let target = DisjointWrites<T>(base: buffer.baseAddress)
            ParallelChunks.forEach(0..<chunks.count, chunkCount: chunks.count) { _, range in
                for c in range {
                    var slice = target.slice(chunks[c])
                    slice.sort(by: less)
                }
            }
        }
        var source = values
        var target = values
        while runs.count > 1 {
            var merged: [Range<Int>] = []
            var r = 0
            while r < runs.count {
                if r + 1 == runs.count {
                    for i in runs[r] { target[i] = source[i] }
                    merged.append(runs[r])
                } else {
                    merge(source, runs[r], runs[r + 1], into: &target, by: less)
                    merged.append(runs[r].lowerBound..<runs[r + 1].upperBound)
                }
                r += 2
            }
            runs = merged
            swap(&source, &target)
        }
        values = source
    }

    /// Merges the sorted runs `a` and `b` (adjacent) of `source` into the same positions of `target`.
    private static func merge<T>(
        _ source: [T], _ a: Range<Int>, _ b: Range<Int>, into target: inout [T], by less: (T, T) -> Bool
    ) {
        var i = a.lowerBound
        var j = b.lowerBound
        var k = a.lowerBound
        while i < a.upperBound, j < b.upperBound {
            if less(source[j], source[i]) {
                target[k] = source[j]
                j += 1
            } else {
                target[k] = source[i]
                i += 1
            }
            k += 1
        }
        while i < a.upperBound {
            target[k] = source[i]
            i += 1
            k += 1
        }
        while j < b.upperBound {
            target[k] = source[j]
            j += 1
            k += 1
        }
    }
}
