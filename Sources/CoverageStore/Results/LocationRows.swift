/// Per-location results, in household row order (for `location_coverage`): the blocks of the id
/// ranges in order, kept as they are (merging them would need the memory twice, ~0.65 GB at 25 M).
package struct LocationRows: Sendable {
    package var blocks: [LocationRowBlock] = []

    package init(blocks: [LocationRowBlock] = []) { self.blocks = blocks }

    /// The number of locations.
    package var count: Int { blocks.reduce(0) { $0 + $1.rowIDs.count } }
}

/// Compact per-location results of consecutive household rows, as `location_results` stores them.
package struct LocationRowBlock: Sendable {
    package var rowIDs: [Int64] = []
    /// Positions into the run's unit codes (-1: outside every unit).
    package var units: [Int32] = []
    /// Positions into the run's hamlet codes (-1: in no hamlet).
    package var hamlets: [Int32] = []
    /// Bits: 0 2G, 1 3G, 2 4G, 3 5G, 4 fibre, 5 fibre (network), 6 broadband.
    package var flags: [UInt8] = []
    /// Operators covering with 4G.
    package var operators4G: [UInt8] = []
    /// Distance to fibre in metres (NaN: none within reach).
    package var fibreMetres: [Float] = []
    /// Distance along the network in metres (NaN: none within reach).
    package var networkMetres: [Float] = []

    package init() {}

    /// Rows for `rowIDs`, every other field empty until the analysis fills it.
    package init(rowIDs: [Int64]) {
        let n = rowIDs.count
        self.rowIDs = rowIDs
        units = Array(repeating: -1, count: n)
        hamlets = Array(repeating: -1, count: n)
        flags = Array(repeating: 0, count: n)
        operators4G = Array(repeating: 0, count: n)
        fibreMetres = Array(repeating: .nan, count: n)
        networkMetres = Array(repeating: .nan, count: n)
    }
}
