import CoverageModel

/// The cell keys of a set of entries packed into as few bits as their spread needs: operator,
/// technology and side (the key's high bits), tile column and tile row, each less its minimum.
/// Packing is one-to-one on the keys it was made from, so grouping by the packed key groups by key.
struct CellKeyPacking: Sendable, Equatable {
    var minHigh: UInt64 = .max
    var maxHigh: UInt64 = 0
    var minX: UInt64 = .max
    var maxX: UInt64 = 0
    var minY: UInt64 = .max
    var maxY: UInt64 = 0

    /// Widens the ranges to hold `key`.
    @inline(__always)
    mutating func add(_ key: UInt64) {
        let high = key >> 32
        let x = key >> 16 & 0xFFFF
        let y = key & 0xFFFF
        minHigh = Swift.min(minHigh, high)
        maxHigh = Swift.max(maxHigh, high)
        minX = Swift.min(minX, x)
        maxX = Swift.max(maxX, x)
        minY = Swift.min(minY, y)
        maxY = Swift.max(maxY, y)
    }

    /// The ranges of both.
    func union(_ other: Self) -> Self {
        Self(
            minHigh: Swift.min(minHigh, other.minHigh), maxHigh: Swift.max(maxHigh, other.maxHigh),
            minX: Swift.min(minX, other.minX), maxX: Swift.max(maxX, other.maxX), minY: Swift.min(minY, other.minY),
            maxY: Swift.max(maxY, other.maxY))
    }

    /// Bits needed for the values 0…`span`.
    private static func bits(_ span: UInt64) -> Int { span == 0 ? 0 : 64 - span.leadingZeroBitCount }

    /// Bits of the tile row field.
    var yBits: Int { minY > maxY ? 0 : Self.bits(maxY - minY) }
    /// Bits of the tile column field.
    var xBits: Int { minX > maxX ? 0 : Self.bits(maxX - minX) }

    /// Bits of a packed key (0 when no key was added or all keys are equal).
    var bits: Int { minHigh > maxHigh ? 0 : Self.bits(maxHigh - minHigh) + xBits + yBits }

    /// `key` packed; only for keys within the ranges.
    @inline(__always)
    func pack(_ key: UInt64) -> UInt64 {
        ((key >> 32) &- minHigh) << UInt64(xBits + yBits) | ((key >> 16 & 0xFFFF) &- minX) << UInt64(yBits)
            | ((key & 0xFFFF) &- minY)
    }
}

/// Stable least-significant-digit radix sort of cell entries by packed key, on all cores: per pass,
/// each chunk counts its digits, then scatters its entries to its own slots of every bucket.
enum CellKeySort {
    /// Widest digit: 2¹¹ counters per chunk stay in the first-level cache.
    static let maximumDigitBits = 11

    /// Sorts `entries` by `packing.pack(key)`, keeping input order among equal keys.
    static func sort(_ entries: inout [EvidenceCells.Entry], packing: CellKeyPacking) {
        let n = entries.count
        let bits = packing.bits
        guard n > 1, bits > 0 else { return }
        let passes = (bits + maximumDigitBits - 1) / maximumDigitBits
        let width = (bits + passes - 1) / passes
        let chunks = ParallelChunks.chunks(of: 0..<n, count: ParallelChunks.defaultWorkers)
        var scratch = [EvidenceCells.Entry](unsafeUninitializedCapacity: n) { _, count in count = n }
        for pass in 0..<passes {
            let shift = UInt64(pass * width)
            let mask = UInt64(1 << width - 1)
            let moved = entries.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    scatter(
                        SharedReads(base: source.baseAddress), DisjointWrites(base: target.baseAddress),
                        chunks: chunks, buckets: 1 << width
                    ) { packing.pack($0.key) >> shift & mask }
                }
            }
            if moved { swap(&entries, &scratch) }
        }
    }

    /// One counting pass: counts the digits per chunk, then writes each chunk's entries to its slots
    /// of every bucket. Returns false (and writes nothing) when every entry has the same digit.
    private static func scatter(
        _ source: SharedReads<EvidenceCells.Entry>, _ target: DisjointWrites<EvidenceCells.Entry>,
        chunks: [Range<Int>], buckets: Int, digit: @Sendable (EvidenceCells.Entry) -> UInt64
    ) -> Bool {
        let counts = ParallelChunks.map(0..<chunks.count, chunkCount: chunks.count) { _, range in
            range.map { c in
                var count = [Int](repeating: 0, count: buckets)
                count.withUnsafeMutableBufferPointer { count in
                    for i in chunks[c] { count[Int(digit(source[i]))] += 1 }
                }
                return count
            }
        }.flatMap { $0 }
        let n = chunks.reduce(0) { $0 + $1.count }
        // Bucket d of chunk c starts after every smaller digit, then after the earlier chunks' d.
        var starts = [[Int]](repeating: [Int](repeating: 0, count: buckets), count: chunks.count)
        var total = 0
        for d in 0..<buckets {
            let start = total
            for c in 0..<chunks.count {
                starts[c][d] = total
                total += counts[c][d]
            }
            if total - start == n { return false }
        }
        let offsets = starts
        ParallelChunks.forEach(0..<chunks.count, chunkCount: chunks.count) { _, range in
            for c in range {
                var next = offsets[c]
                next.withUnsafeMutableBufferPointer { next in
                    for i in chunks[c] {
                        let e = source[i]
                        let d = Int(digit(e))
                        target.write(e, at: next[d])
                        next[d] += 1
                    }
                }
            }
        }
        return true
    }
}
