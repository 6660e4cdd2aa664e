import CoverageModel
import CoverageStore

extension LocationRowBlock {
    /// Records the classification of row `i`.
    @inline(__always)
    mutating func set(_ i: Int, _ c: PointClass, _ evaluator: MeasureEvaluator) {
        units[i] = c.unit
        hamlets[i] = c.hamlet
        (flags[i], operators4G[i]) = Self.coverageColumns(c, evaluator)
        fibreMetres[i] = c.fibreMetres.map(Float.init) ?? .nan
        networkMetres[i] = c.networkMetres.map(Float.init) ?? .nan
    }

    /// Appends the row of `rowID` classified as `c`.
    mutating func append(_ rowID: Int64, _ c: PointClass, _ evaluator: MeasureEvaluator) {
        rowIDs.append(rowID)
        units.append(-1)
        hamlets.append(-1)
        flags.append(0)
        operators4G.append(0)
        fibreMetres.append(.nan)
        networkMetres.append(.nan)
        set(rowIDs.count - 1, c, evaluator)
    }

    /// The row's coverage bits (0 2G, 1 3G, 2 4G, 3 5G, 4 fibre, 5 fibre network, 6 broadband) and
    /// its number of 4G operators: all of a row that coverage areas change.
    @inline(__always)
    static func coverageColumns(_ c: PointClass, _ evaluator: MeasureEvaluator) -> (UInt8, UInt8) {
        var f: UInt8 = 0
        for (bit, g) in Technology.allCases.enumerated() where c.mask(g) != 0 { f |= 1 << UInt8(bit) }
        if c.fibreMetres != nil { f |= 1 << 4 }
        if c.networkMetres != nil { f |= 1 << 5 }
        if evaluator.evaluate(c, .broadband).covered { f |= 1 << 6 }
        return (f, UInt8(c.mask(.g4).nonzeroBitCount))
    }
}

/// Uncovered locations (for the gap measure), to cluster afterwards.
struct GapPoints: Sendable {
    /// Household row ids (ascending in a whole run's list).
    var rowIDs: [Int64] = []
    var points: [Coordinate] = []
    var households: [Int] = []
    var persons: [Int] = []
    var units: [Int32] = []

    mutating func append(contentsOf o: GapPoints) {
        rowIDs += o.rowIDs
        points += o.points
        households += o.households
        persons += o.persons
        units += o.units
    }
}

/// The result of classifying every location.
struct LocationPassOutput: Sendable {
    var units: Tally
    var hamlets: Tally
    var outsideRowIDs: [Int64] = []
    var outsideLocations = 0
    var outsideHouseholds = 0
    var gaps = GapPoints()
    var rows: LocationRows?
    var cells = LocationCells()
}

/// Every location's grid cell (0.004° squares, ≈ 440 m), in household id order, with the ids as runs of
/// consecutive values: what a what-if run scans to find the locations in a box without reading
/// every household (4 bytes a location).
struct LocationCells: Sendable, Equatable {
    /// Degrees per cell side: the finest whose keys fit 32 bits (90,000 × 45,000 cells).
    ///
    /// A what-if run reads every location of the cells its change meets; 0.01° cells held 2.2× the
    /// households of the national benchmark's change boxes, these 1.35× (D64).
    static let cellDegrees = 0.004
    static let columns: UInt32 = 90_000
    static let rows: UInt32 = 45_000
    /// Runs of consecutive household ids: first id and length.
    var runs: [(first: Int64, count: Int)] = []
    /// The cell key of each location, in id order.
    var keys: [UInt32] = []

    static func == (a: LocationCells, b: LocationCells) -> Bool {
        a.keys == b.keys && a.runs.map(\.first) == b.runs.map(\.first) && a.runs.map(\.count) == b.runs.map(\.count)
    }

    /// The column of a longitude (monotonic, so a box's columns hold every point of the box).
    @inline(__always)
    static func column(_ x: Double) -> UInt32 {
        let c = ((x + 180) / cellDegrees).rounded(.down)
        return c.isFinite ? UInt32(Swift.min(Swift.max(c, 0), Double(columns - 1))) : 0
    }

    /// The row of a latitude (monotonic).
    @inline(__always)
    static func row(_ y: Double) -> UInt32 {
        let r = ((y + 90) / cellDegrees).rounded(.down)
        return r.isFinite ? UInt32(Swift.min(Swift.max(r, 0), Double(rows - 1))) : 0
    }

    /// Appends locations with ascending `rowIDs` greater than every id appended before.
    mutating func append(rowIDs: [Int64], positions: [Coordinate]) {
        keys.reserveCapacity(keys.count + rowIDs.count)
        for (id, p) in zip(rowIDs, positions) {
            if let last = runs.last, last.first + Int64(last.count) == id {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((id, 1))
            }
            keys.append(Self.row(p.y) * Self.columns + Self.column(p.x))
        }
    }

    /// Appends another range's cells (ids after these).
    mutating func append(contentsOf o: LocationCells) {
        for r in o.runs {
            if let last = runs.last, last.first + Int64(last.count) == r.first {
                runs[runs.count - 1].count += r.count
            } else {
                runs.append(r)
            }
        }
        keys += o.keys
    }

    /// The ids of the locations whose cell meets one of `boxes` (a superset of those in the boxes), ascending.
    func rowIDs(meeting boxes: [BoundingBox]) -> [Int64] {
        var wanted = Set<UInt32>()
        for b in boxes {
            for r in Self.row(b.minY)...Self.row(b.maxY) {
                for c in Self.column(b.minX)...Self.column(b.maxX) { wanted.insert(r * Self.columns + c) }
            }
        }
        // A bit per key hash answers "not wanted" for almost every location without hashing the key
        // into the set (the set still decides every key whose bit is set).
        var filter = [UInt64](repeating: 0, count: Self.filterWords)
        for key in wanted { filter[Int(Self.filterSlot(key) >> 6)] |= 1 << (Self.filterSlot(key) & 63) }
        var out: [Int64] = []
        var k = 0
        keys.withUnsafeBufferPointer { keys in
            filter.withUnsafeBufferPointer { filter in
                for run in runs {
                    for j in 0..<run.count {
                        let key = keys[k + j]
                        let slot = Self.filterSlot(key)
                        guard filter[Int(slot >> 6)] & (1 << (slot & 63)) != 0, wanted.contains(key) else { continue }
                        out.append(run.first + Int64(j))
                    }
                    k += run.count
                }
            }
        }
        return out
    }

    /// 64-bit words of `rowIDs(meeting:)`'s key filter (2^20 bits, 128 KiB).
    private static let filterWords = 1 << 14

    /// The filter bit of a cell key: a multiplicative hash, so neighbouring cells spread out.
    @inline(__always)
    private static func filterSlot(_ key: UInt32) -> UInt64 { (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 44 }
}
