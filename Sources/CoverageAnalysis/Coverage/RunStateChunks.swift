import CoverageModel

/// The large state parts split into chunks stored as parts of their own (state format 3): a
/// what-if run writes only the chunks whose bytes changed (a national run's gap points and unit
/// tallies were rewritten whole, ≈ 17 MB through the WAL, for ≈ 100 changed areas).
///
/// A part `name` holds the chunks' layout; chunk `k` is the part `name/k`. The layout depends only
/// on the households (gap points, split by location position) and the unit and hamlet lists
/// (tallies and area shares, split by entity), which a what-if run requires unchanged: a what-if
/// run and a full run on the same store write the same part names.
enum StateChunks {
    /// Locations per gap-point chunk (≈ 200 gap points, 10 KB, at the national workload's density).
    static let locationsPerGapChunk = 4096
    /// Entities (units or hamlets) per tally and area-share chunk (≈ 4 KB of unit tally).
    static let entitiesPerChunk = 8

    /// The part name of chunk `k` of `name`.
    static func name(_ name: String, chunk k: Int) -> String { "\(name)/\(k)" }

    /// The lowest household id of each gap chunk: every `locationsPerGapChunk`-th location of
    /// `cells` (the first chunk also takes every id below; there is always one chunk).
    static func gapChunkStarts(_ cells: LocationCells) -> [Int64] {
        var starts: [Int64] = [Int64.min]
        var next = locationsPerGapChunk
        var ordinal = 0
        for run in cells.runs {
            while next < ordinal + run.count {
                starts.append(run.first + Int64(next - ordinal))
                next += locationsPerGapChunk
            }
            ordinal += run.count
        }
        return starts
    }

    /// Writes `gaps` (ascending ids) and their cluster `labels` (when one a point) as the layout
    /// part `name` and one part per chunk of `starts`.
    static func encode(
        gaps: GapPoints, labels: [Int64], starts: [Int64], name base: String, into out: inout [String: [UInt8]]
    ) {
        let withLabels = labels.count == gaps.rowIDs.count
        var w = StateWriter()
        w.ints(starts)
        out[base] = w.take()
        var from = 0
        for k in starts.indices {
            let end = k + 1 < starts.count ? starts[k + 1] : Int64.max
            var to = from
            while to < gaps.rowIDs.count, k + 1 == starts.count || gaps.rowIDs[to] < end { to += 1 }
            let n = to - from
            w.reserve(7 * (8 + 8 * n))
            w.ints(n) { gaps.rowIDs[from + $0] }
            w.ints(n) { Int64(bitPattern: gaps.points[from + $0].x.bitPattern) }
            w.ints(n) { Int64(bitPattern: gaps.points[from + $0].y.bitPattern) }
            w.ints(n) { Int64(gaps.households[from + $0]) }
            w.ints(n) { Int64(gaps.persons[from + $0]) }
            w.ints(n) { Int64(gaps.units[from + $0]) }
            w.ints(withLabels ? n : 0) { labels[from + $0] }
            out[name(base, chunk: k)] = w.take()
            from = to
        }
    }

    /// The gap points of the layout part `name` and its chunks, with their cluster labels (empty
    /// when a chunk has none); nil when one is missing or malformed, or holds an id outside its chunk.
    static func gaps(_ parts: [String: [UInt8]], name base: String) -> (GapPoints, [Int64])? {
        guard let layout = parts[base] else { return nil }
        var r = StateReader(layout)
        guard let starts = r.ints(), r.atEnd, !starts.isEmpty else { return nil }
        var g = GapPoints()
        var labels: [Int64] = []
        var labelled = true
        for k in starts.indices {
            guard let bytes = parts[name(base, chunk: k)] else { return nil }
            var c = StateReader(bytes)
            guard let ids = c.ints(), let xs = c.ints(), let ys = c.ints(), let hh = c.ints(), let pp = c.ints(),
                let us = c.ints(), let ls = c.ints(), c.atEnd,
                Set([ids.count, xs.count, ys.count, hh.count, pp.count, us.count]).count == 1,
                ls.count == ids.count || ls.isEmpty
            else { return nil }
            labelled = labelled && ls.count == ids.count
            labels += ls
            let last = k + 1 == starts.count
            guard ids.allSatisfy({ $0 >= starts[k] && (last || $0 < starts[k + 1]) }) else { return nil }
            g.rowIDs += ids
            g.points += zip(xs, ys).map {
                Coordinate(Double(bitPattern: UInt64(bitPattern: $0)), Double(bitPattern: UInt64(bitPattern: $1)))
            }
            g.households += hh.map { Int($0) }
            g.persons += pp.map { Int($0) }
            g.units += us.map { Int32(truncatingIfNeeded: $0) }
        }
        return (g, labelled ? labels : [])
    }

    /// Writes `t` as the layout part `name` (its shape) and one part per `entitiesPerChunk` entities.
    static func encode(tally t: Tally, name base: String, into out: inout [String: [UInt8]]) {
        var w = StateWriter()
        for v in [t.entities, t.measures, t.operators, entitiesPerChunk] { w.int(Int64(v)) }
        out[base] = w.take()
        let widths = [
            Tally.totalFields, t.measures * Tally.coveredFields, t.measures * t.operators * Tally.operatorFields,
        ]
        for (k, first) in stride(from: 0, to: t.entities, by: entitiesPerChunk).enumerated() {
            let count = Swift.min(entitiesPerChunk, t.entities - first)
            for (array, width) in zip([t.totals, t.covered, t.byOperator], widths) {
                w.ints(count * width) { array[first * width + $0] }
            }
            out[name(base, chunk: k)] = w.take()
        }
    }

    /// The tally of the layout part `name` and its chunks; nil when one is missing or malformed.
    static func tally(_ parts: [String: [UInt8]], name base: String) -> Tally? {
        guard let layout = parts[base] else { return nil }
        var r = StateReader(layout)
        guard let e = r.int(), let m = r.int(), let o = r.int(), let size = r.int(), r.atEnd, e >= 0, m >= 0, o >= 0,
            e < 1 << 31, m < 1 << 8, o < 1 << 8, size > 0, size < 1 << 31
        else { return nil }
        let (entities, measures, operators, chunk) = (Int(e), Int(m), Int(o), Int(size))
        var t = Tally(entities: entities, measures: measures, operators: operators)
        let widths = [Tally.totalFields, measures * Tally.coveredFields, measures * operators * Tally.operatorFields]
        var arrays: [[Int64]] = [[], [], []]
        for (k, first) in stride(from: 0, to: entities, by: chunk).enumerated() {
            guard let bytes = parts[name(base, chunk: k)] else { return nil }
            var c = StateReader(bytes)
            let count = Swift.min(chunk, entities - first)
            for j in 0..<3 {
                guard let values = c.ints(), values.count == count * widths[j] else { return nil }
                arrays[j] += values
            }
            guard c.atEnd else { return nil }
        }
        t.totals = arrays[0]
        t.covered = arrays[1]
        t.byOperator = arrays[2]
        return t
    }

    /// Writes per-unit area shares as the layout part `name` (their count) and one part per
    /// `entitiesPerChunk` units.
    static func encode(areaShares: [[Double?]], name base: String, into out: inout [String: [UInt8]]) {
        var w = StateWriter()
        w.int(Int64(areaShares.count))
        w.int(Int64(entitiesPerChunk))
        out[base] = w.take()
        for (k, first) in stride(from: 0, to: areaShares.count, by: entitiesPerChunk).enumerated() {
            for unit in areaShares[first..<Swift.min(first + entitiesPerChunk, areaShares.count)] {
                w.int(Int64(unit.count))
                for share in unit {
                    w.int(share == nil ? 0 : 1)
                    w.double(share ?? 0)
                }
            }
            out[name(base, chunk: k)] = w.take()
        }
    }

    /// The area shares of the layout part `name` and its chunks; nil when one is missing or malformed.
    static func areaShares(_ parts: [String: [UInt8]], name base: String) -> [[Double?]]? {
        guard let layout = parts[base] else { return nil }
        var r = StateReader(layout)
        guard let n = r.int(), let size = r.int(), r.atEnd, n >= 0, n < 1 << 31, size > 0, size < 1 << 31 else {
            return nil
        }
        var out: [[Double?]] = []
        for (k, first) in stride(from: 0, to: Int(n), by: Int(size)).enumerated() {
            guard let bytes = parts[name(base, chunk: k)] else { return nil }
            var c = StateReader(bytes)
            for _ in first..<Swift.min(first + Int(size), Int(n)) {
                guard let m = c.count(bytesEach: 16) else { return nil }
                var unit: [Double?] = []
                for _ in 0..<m {
                    guard let present = c.int(), let v = c.double() else { return nil }
                    unit.append(present == 1 ? v : nil)
                }
                out.append(unit)
            }
            guard c.atEnd else { return nil }
        }
        return out
    }
}
