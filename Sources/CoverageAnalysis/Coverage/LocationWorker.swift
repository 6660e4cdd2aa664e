import CoverageModel
import CoverageStore
import GeometryKernels

/// What one range of household ids produced (everything but the tallies, which stay per worker).
struct RangeOutput: Sendable {
    var locations = 0
    /// The first outside rows (at most `LocationPass.outsideSample`), in id order.
    var outside: [Int64] = []
    var outsideLocations = 0
    var outsideHouseholds = 0
    var gaps = GapPoints()
    var rows: LocationRowBlock?
    /// The gap points of each of the pass's variants, in its order.
    var variantGaps: [GapPoints] = []
    /// Every location's `LocationCells` key and row id, in id order (what-if runs select by cell).
    var cells = LocationCells()
}

/// A location's inputs in visiting order (persons -1 when unknown).
private struct Located {
    var position: Coordinate
    var households: Int
    var persons: Int
}

/// Reads and classifies ranges of household ids on one thread, keeping its own running tallies.
///
/// A range is read completely before anything is classified, so a read error leaves the tallies
/// untouched and the range can be redone elsewhere.
struct LocationWorker {
    let pass: LocationPass
    var units: Tally
    var hamlets: Tally
    /// The tallies of each of the pass's variants, in its order.
    var variantUnits: [Tally]
    var variantHamlets: [Tally]
    /// `LocationPass.relative`, computed once.
    private let relativeVariants: [Bool]
    /// The range being classified (persons -1 when unknown), reused from range to range.
    private var batch = HouseholdBatch()
    private var order: [UInt64] = []
    private var scratch: [UInt64] = []
    private var located: [Located] = []
    /// Per variant and row of the range: uncovered for the variant's gap measure.
    private var variantUncovered: [[Bool]] = []
    /// Per fibre source: where its search starts, and the point's class with its fibre reach.
    private var variantHints: [SegmentSearchHint] = []
    private var variantClasses: [PointClass] = []

    init(pass: LocationPass) {
        self.pass = pass
        let measures = pass.evaluator.measures.count
        units = Tally(entities: pass.unitCount, measures: measures, operators: pass.operatorCount)
        hamlets = Tally(entities: pass.hamletCount, measures: measures, operators: 0)
        variantUnits = pass.variants.map {
            Tally(entities: pass.unitCount, measures: $0.evaluator.measures.count, operators: pass.operatorCount)
        }
        variantHamlets = pass.variants.map {
            Tally(entities: pass.hamletCount, measures: $0.evaluator.measures.count, operators: 0)
        }
        relativeVariants = pass.relative
    }

    /// Reads the households with ids in `ids` through `cursor` and classifies them.
    mutating func process(_ cursor: HouseholdCursor, ids: ClosedRange<Int64>) throws -> RangeOutput {
        try cursor.read(ids, into: &batch)
        arrange()
        if !pass.variants.isEmpty { startVariants() }
        let classes = classifyInOrder()
        var out = collect(classes)
        if !pass.variants.isEmpty { out.variantGaps = variantGaps(unitOf: classes.unit) }
        return out
    }

    /// The spatial visiting order, and the inputs gathered in it (the lookups then read sequentially).
    private mutating func arrange() {
        batch.positions.withUnsafeBufferPointer { SpatialOrder.sort($0, into: &order, scratch: &scratch) }
        located.removeAll(keepingCapacity: true)
        for key in order {
            let i = SpatialOrder.index(key)
            located.append(
                Located(position: batch.positions[i], households: batch.households[i], persons: batch.persons[i]))
        }
    }

    /// Classifies in visiting order, adding to the tallies (sums: order does not matter); the
    /// per-location results go to their row positions.
    private mutating func classifyInOrder() -> (unit: [Int32], uncovered: [Bool], rows: LocationRowBlock?) {
        let n = batch.count
        var unitOf = [Int32](repeating: -1, count: n)
        var uncovered = [Bool](repeating: false, count: n)
        var rows = pass.keepRows ? LocationRowBlock(rowIDs: batch.rowIDs) : nil
        let classifier = pass.classifier
        let evaluator = pass.evaluator
        var fibreHint = SegmentSearchHint()
        for (k, key) in order.enumerated() {
            let i = SpatialOrder.index(key)
            let l = located[k]
            let c = classifier.classify(l.position, fibreHint: &fibreHint)
            let pp = l.persons >= 0 ? l.persons : nil
            if c.unit >= 0 { units.add(entity: Int(c.unit), households: l.households, persons: pp, c, evaluator) }
            if c.hamlet >= 0 {
                hamlets.add(entity: Int(c.hamlet), households: l.households, persons: pp, c, evaluator)
            }
            unitOf[i] = c.unit
            if !evaluator.evaluate(c, pass.gapKey).covered { uncovered[i] = true }
            rows?.set(i, c, evaluator)
            if !pass.variants.isEmpty { tallyVariants(c, at: i, l) }
        }
        return (unitOf, uncovered, rows)
    }

    /// The outside sample and the gap points, in row (id) order.
    private func collect(_ classes: (unit: [Int32], uncovered: [Bool], rows: LocationRowBlock?)) -> RangeOutput {
        let rowIDs = batch.rowIDs
        let positions = batch.positions
        let households = batch.households
        let persons = batch.persons
        var out = RangeOutput(locations: rowIDs.count, rows: classes.rows)
        out.cells.append(rowIDs: rowIDs, positions: positions)
        for i in rowIDs.indices {
            let unit = classes.unit[i]
            if unit < 0 {
                if out.outside.count < LocationPass.outsideSample { out.outside.append(rowIDs[i]) }
                out.outsideLocations += 1
                out.outsideHouseholds += households[i]
            }
            if classes.uncovered[i] {
                out.gaps.rowIDs.append(rowIDs[i])
                out.gaps.points.append(positions[i])
                out.gaps.households.append(households[i])
                out.gaps.persons.append(Swift.max(0, persons[i]))
                out.gaps.units.append(unit)
            }
        }
        return out
    }
}

extension LocationWorker {
    /// Resets the variants' per-range state.
    fileprivate mutating func startVariants() {
        let n = batch.count
        variantUncovered = [[Bool]](repeating: [Bool](repeating: false, count: n), count: pass.variants.count)
        variantHints = [SegmentSearchHint](repeating: SegmentSearchHint(), count: pass.fibreSources.count)
        variantClasses = [PointClass](repeating: PointClass(), count: pass.fibreSources.count)
    }

    /// Tallies one point, classified as `c` by the pass's classifier, for each variant: the unit,
    /// hamlet and coverage are `c`'s; the fibre reach is computed once per fibre source.
    @inline(__always)
    fileprivate mutating func tallyVariants(_ c: PointClass, at i: Int, _ l: Located) {
        for s in pass.fibreSources.indices {
            variantClasses[s] = c
            pass.fibreSources[s].classifyFibre(l.position, into: &variantClasses[s], hint: &variantHints[s])
        }
        let pp = l.persons >= 0 ? l.persons : nil
        for (v, variant) in pass.variants.enumerated() {
            let vc = variant.fibreSource.map { variantClasses[$0] } ?? c
            if !variant.evaluator.evaluate(vc, variant.gapKey).covered { variantUncovered[v][i] = true }
            if relativeVariants[v] {
                // Tallies relative to the pass's own: only points classified otherwise change them.
                guard vc.fibreMetres != c.fibreMetres || vc.networkMetres != c.networkMetres else { continue }
                if c.unit >= 0 {
                    variantUnits[v].remove(
                        entity: Int(c.unit), households: l.households, persons: pp, c, pass.evaluator)
                }
                if c.hamlet >= 0 {
                    variantHamlets[v].remove(
                        entity: Int(c.hamlet), households: l.households, persons: pp, c, pass.evaluator)
                }
            }
            if vc.unit >= 0 {
                variantUnits[v].add(
                    entity: Int(vc.unit), households: l.households, persons: pp, vc, variant.evaluator)
            }
            if vc.hamlet >= 0 {
                variantHamlets[v].add(
                    entity: Int(vc.hamlet), households: l.households, persons: pp, vc, variant.evaluator)
            }
        }
    }

    /// Each variant's gap points of the range, in row (id) order.
    fileprivate func variantGaps(unitOf: [Int32]) -> [GapPoints] {
        variantUncovered.map { flags in
            var gaps = GapPoints()
            for i in flags.indices where flags[i] {
                gaps.rowIDs.append(batch.rowIDs[i])
                gaps.points.append(batch.positions[i])
                gaps.households.append(batch.households[i])
                gaps.persons.append(Swift.max(0, batch.persons[i]))
                gaps.units.append(unitOf[i])
            }
            return gaps
        }
    }
}
