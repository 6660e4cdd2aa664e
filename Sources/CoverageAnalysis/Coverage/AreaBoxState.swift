import CoverageModel

/// Every unit's per-top-node areas (`UnitBoxSums`) as run-state parts: a layout part `area-boxes`
/// (units, units a chunk) and one part per `StateChunks.entitiesPerChunk` units, kept as their
/// bytes and decoded only for the units a what-if run recomputes; replacing units re-encodes only
/// their chunks, so a what-if run writes back only those.
struct AreaBoxState: Equatable {
    /// The layout part's name (chunk `k` is `area-boxes/k`).
    static let name = "area-boxes"

    /// How many units.
    let units: Int
    private let perChunk: Int
    /// The encoded chunks.
    private var chunks: [[UInt8]]

    /// Encodes every unit's box sums (an empty value: the unit had no area computed), `size` units
    /// a chunk.
    init(_ sums: [UnitBoxSums], unitsPerChunk size: Int = StateChunks.entitiesPerChunk) {
        units = sums.count
        perChunk = size
        chunks = stride(from: 0, to: sums.count, by: size).map { first in
            Self.encode(sums[first..<Swift.min(first + size, sums.count)])
        }
    }

    /// The parts as stored; nil when the layout or a chunk is missing (a chunk is checked when decoded).
    init?(_ parts: [String: [UInt8]]) {
        guard let layout = parts[Self.name] else { return nil }
        var r = StateReader(layout)
        guard let n = r.int(), let size = r.int(), r.atEnd, n >= 0, n < 1 << 31, size > 0, size < 1 << 31 else {
            return nil
        }
        units = Int(n)
        perChunk = Int(size)
        var chunks: [[UInt8]] = []
        for k in 0..<(units + perChunk - 1) / perChunk {
            guard let bytes = parts[StateChunks.name(Self.name, chunk: k)] else { return nil }
            chunks.append(bytes)
        }
        self.chunks = chunks
    }

    /// The units stored in the same chunk as `unit` (the stored layout's chunk size, which need not
    /// be this build's).
    func units(inChunkOf unit: Int) -> Range<Int> {
        let first = unit - unit % perChunk
        return first..<Swift.min(first + perChunk, units)
    }

    /// The stored box sums of the units of `unit`'s chunk (``units(inChunkOf:)``), in order; nil when
    /// the chunk is malformed.
    func chunk(of unit: Int) -> [UnitBoxSums]? {
        guard unit >= 0, unit < units else { return nil }
        let k = unit / perChunk
        var r = StateReader(chunks[k])
        var out: [UnitBoxSums] = []
        for _ in (k * perChunk)..<Swift.min((k + 1) * perChunk, units) {
            guard let nodes = r.ints(), let values = r.ints() else { return nil }
            let sums = UnitBoxSums(
                nodes: nodes.map { UInt64(bitPattern: $0) },
                values: values.map { Double(bitPattern: UInt64(bitPattern: $0)) })
            guard sums.isConsistent else { return nil }
            out.append(sums)
        }
        return r.atEnd ? out : nil
    }

    /// The stored box sums of `unit`; nil when its chunk is malformed.
    func unit(_ unit: Int) -> UnitBoxSums? {
        chunk(of: unit).map { $0[unit % perChunk] }
    }

    /// Replaces the sums of the given units (every unit of a chunk it changes must be given or
    /// decodable), re-encoding only their chunks; false when a chunk could not be decoded.
    mutating func replace(_ sums: [Int: UnitBoxSums]) -> Bool {
        let byChunk = Dictionary(grouping: sums.keys) { $0 / perChunk }
        for (k, members) in byChunk {
            let first = k * perChunk
            let count = Swift.min(perChunk, units - first)
            var current = [UnitBoxSums?](repeating: nil, count: count)
            for u in members { current[u - first] = sums[u] }
            if current.contains(where: { $0 == nil }) {
                guard let stored = chunk(of: first) else { return false }
                for i in 0..<count where current[i] == nil { current[i] = stored[i] }
            }
            chunks[k] = Self.encode(current.compactMap { $0 }[...])
        }
        return true
    }

    /// Writes the layout part and every chunk into `out`.
    func encode(into out: inout [String: [UInt8]]) {
        var w = StateWriter()
        w.int(Int64(units))
        w.int(Int64(perChunk))
        out[Self.name] = w.take()
        for (k, bytes) in chunks.enumerated() { out[StateChunks.name(Self.name, chunk: k)] = bytes }
    }

    /// One chunk: per unit, its nodes' keys and masks and its non-zero areas' bit patterns.
    private static func encode(_ sums: ArraySlice<UnitBoxSums>) -> [UInt8] {
        var w = StateWriter()
        for unit in sums {
            w.ints(unit.nodes.count) { Int64(bitPattern: unit.nodes[$0]) }
            w.ints(unit.values.count) { Int64(bitPattern: unit.values[$0].bitPattern) }
        }
        return w.take()
    }
}
