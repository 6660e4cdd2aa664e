import CoverageModel

/// Per-location results, in household row order (for `location_coverage`): the blocks of the id
/// ranges in order, kept as they are (merging them would need the memory twice, ~0.65 GB at 25 M).
struct LocationRows: Sendable {
    var blocks: [LocationRowBlock] = []

    /// The number of locations.
    var count: Int { blocks.reduce(0) { $0 + $1.rowIDs.count } }
}

/// Compact per-location results of consecutive household rows.
struct LocationRowBlock: Sendable {
    var rowIDs: [Int64] = []
    var units: [Int32] = []
    var hamlets: [Int32] = []
    /// Bits: 0 2G, 1 3G, 2 4G, 3 5G, 4 fibre, 5 fibre (network), 6 broadband.
    var flags: [UInt8] = []
    /// Operators covering with 4G.
    var operators4G: [UInt8] = []
    var fibreMetres: [Float] = []
    var networkMetres: [Float] = []

    init() {}

    /// Rows for `rowIDs`, every other field zero until `set` fills it.
    init(rowIDs: [Int64]) {
        let n = rowIDs.count
        self.rowIDs = rowIDs
        units = Array(repeating: -1, count: n)
        hamlets = Array(repeating: -1, count: n)
        flags = Array(repeating: 0, count: n)
        operators4G = Array(repeating: 0, count: n)
        fibreMetres = Array(repeating: .nan, count: n)
        networkMetres = Array(repeating: .nan, count: n)
    }

    /// Records the classification of row `i`.
    @inline(__always)
    mutating func set(_ i: Int, _ c: PointClass, _ evaluator: MeasureEvaluator) {
        units[i] = c.unit
        hamlets[i] = c.hamlet
        var f: UInt8 = 0
        for (bit, g) in Technology.allCases.enumerated() where c.mask(g) != 0 { f |= 1 << UInt8(bit) }
        if c.fibreMetres != nil { f |= 1 << 4 }
        if c.networkMetres != nil { f |= 1 << 5 }
        if evaluator.evaluate(c, .broadband).covered { f |= 1 << 6 }
        flags[i] = f
        operators4G[i] = UInt8(c.mask(.g4).nonzeroBitCount)
        fibreMetres[i] = c.fibreMetres.map(Float.init) ?? .nan
        networkMetres[i] = c.networkMetres.map(Float.init) ?? .nan
    }
}

/// Uncovered locations (for the gap measure), to cluster afterwards.
struct GapPoints: Sendable {
    var points: [Coordinate] = []
    var households: [Int] = []
    var persons: [Int] = []
    var units: [Int32] = []

    mutating func append(contentsOf o: GapPoints) {
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
}
