import CoverageModel
import Foundation
import SpatialSQL

/// Compact per-location results, in household row order (for `location_coverage`).
struct LocationRows: Sendable {
    var rowIDs: [Int64] = []
    var units: [Int32] = []
    var hamlets: [Int32] = []
    /// Bits: 0 2G, 1 3G, 2 4G, 3 5G, 4 fibre, 5 fibre (network), 6 broadband.
    var flags: [UInt8] = []
    /// Operators covering with 4G.
    var operators4G: [UInt8] = []
    var fibreMetres: [Float] = []
    var networkMetres: [Float] = []

    mutating func append(contentsOf o: LocationRows) {
        rowIDs += o.rowIDs
        units += o.units
        hamlets += o.hamlets
        flags += o.flags
        operators4G += o.operators4G
        fibreMetres += o.fibreMetres
        networkMetres += o.networkMetres
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

/// Streams every location from the store in batches and classifies each batch across all cores.
struct LocationPass {
    let classifier: Classifier
    let evaluator: MeasureEvaluator
    let gapKey: TechnologyKey
    let unitCount: Int
    let hamletCount: Int
    let operatorCount: Int
    let keepRows: Bool
    let batchSize = 1 << 19

    func run(_ db: Connection, progress: ((Int) -> Void)? = nil) throws -> LocationPassOutput {
        var output = LocationPassOutput(
            units: Tally(entities: unitCount, measures: evaluator.measures.count, operators: operatorCount),
            hamlets: Tally(entities: hamletCount, measures: evaluator.measures.count, operators: 0),
            rows: keepRows ? LocationRows() : nil)
        let stmt = try db.prepare("SELECT id, lon, lat, households, persons FROM households")
        var batch = Batch()
        var done = 0
        var exhausted = false
        while !exhausted {
            batch.removeAll()
            // A finished statement restarts when stepped again, so stop at the first "done".
            while batch.count < batchSize {
                guard try stmt.step() else {
                    exhausted = true
                    break
                }
                let r = stmt.row
                batch.append(
                    rowID: r.int(0), position: Coordinate(r.double(1), r.double(2)), households: Int(r.int(3)),
                    persons: r.optionalInt(4).map(Int.init))
            }
            if batch.count == 0 { break }
            process(batch, into: &output)
            done += batch.count
            progress?(done)
        }
        stmt.reset()
        return output
    }

    /// Classifies one batch in parallel chunks and merges the chunk results in order.
    private func process(_ batch: Batch, into output: inout LocationPassOutput) {
        let measures = evaluator.measures.count
        let chunkResults = ParallelChunks.map(0..<batch.count) { [self] _, range in
            var units = Tally(entities: unitCount, measures: measures, operators: operatorCount)
            var hamlets = Tally(entities: hamletCount, measures: measures, operators: 0)
            var outside: [Int64] = []
            var outsideHouseholds = 0
            var gaps = GapPoints()
            var rows = LocationRows()
            for i in range {
                let p = batch.positions[i]
                let c = classifier.classify(p)
                let hh = batch.households[i]
                let persons = batch.persons[i]
                if c.unit >= 0 {
                    units.add(entity: Int(c.unit), households: hh, persons: persons, c, evaluator)
                } else {
                    outside.append(batch.rowIDs[i])
                    outsideHouseholds += hh
                }
                if c.hamlet >= 0 {
                    hamlets.add(entity: Int(c.hamlet), households: hh, persons: persons, c, evaluator)
                }
                if !evaluator.evaluate(c, gapKey).covered {
                    gaps.points.append(p)
                    gaps.households.append(hh)
                    gaps.persons.append(persons ?? 0)
                    gaps.units.append(c.unit)
                }
                if keepRows {
                    rows.rowIDs.append(batch.rowIDs[i])
                    rows.units.append(c.unit)
                    rows.hamlets.append(c.hamlet)
                    var f: UInt8 = 0
                    for (bit, g) in Technology.allCases.enumerated() where c.mask(g) != 0 { f |= 1 << UInt8(bit) }
                    if c.fibreMetres != nil { f |= 1 << 4 }
                    if c.networkMetres != nil { f |= 1 << 5 }
                    if evaluator.evaluate(c, .broadband).covered { f |= 1 << 6 }
                    rows.flags.append(f)
                    rows.operators4G.append(UInt8(c.mask(.g4).nonzeroBitCount))
                    rows.fibreMetres.append(c.fibreMetres.map(Float.init) ?? .nan)
                    rows.networkMetres.append(c.networkMetres.map(Float.init) ?? .nan)
                }
            }
            return ChunkResult(
                units: units, hamlets: hamlets, outside: outside, outsideHouseholds: outsideHouseholds, gaps: gaps,
                rows: rows)
        }
        for r in chunkResults {
            output.units.merge(r.units)
            output.hamlets.merge(r.hamlets)
            output.outsideLocations += r.outside.count
            output.outsideHouseholds += r.outsideHouseholds
            if output.outsideRowIDs.count < 100 {
                output.outsideRowIDs += r.outside.prefix(100 - output.outsideRowIDs.count)
            }
            output.gaps.append(contentsOf: r.gaps)
            output.rows?.append(contentsOf: r.rows)
        }
    }
}

/// What one chunk of a batch produced.
private struct ChunkResult: Sendable {
    var units: Tally
    var hamlets: Tally
    var outside: [Int64]
    var outsideHouseholds: Int
    var gaps: GapPoints
    var rows: LocationRows
}

/// One batch of locations read from the store.
private struct Batch: Sendable {
    var rowIDs: [Int64] = []
    var positions: [Coordinate] = []
    var households: [Int] = []
    var persons: [Int?] = []
    var count: Int { rowIDs.count }

    mutating func removeAll() {
        rowIDs.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        households.removeAll(keepingCapacity: true)
        persons.removeAll(keepingCapacity: true)
    }

    mutating func append(rowID: Int64, position: Coordinate, households: Int, persons: Int?) {
        rowIDs.append(rowID)
        positions.append(position)
        self.households.append(households)
        self.persons.append(persons)
    }
}
