import CoverageModel
import CoverageStore

extension LocationRowBlock {
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
}
