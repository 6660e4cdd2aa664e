import CoverageModel
import CoverageStore
import GeometryKernels

/// The locations inside the changed boxes, read from the snapshot in id order.
struct WhatIfChange: Sendable {
    var rowIDs: [Int64] = []
    var positions: [Coordinate] = []
    var households: [Int] = []
    var persons: [Int] = []
    /// Each location's unit after reclassifying (filled by `reclassify`).
    var units: [Int32] = []

    /// Every household whose position lies in one of `boxes` (boundary inclusive): those of the
    /// cells meeting the boxes (the stored run's `cells`, the households being unchanged), read by id.
    static func locations(_ snapshot: ReadSnapshot, in boxes: [BoundingBox], cells: LocationCells) throws
        -> WhatIfChange
    {
        var out = WhatIfChange()
        guard !boxes.isEmpty else { return out }
        var batch = HouseholdBatch()
        try snapshot.householdCursor().read(rowIDs: cells.rowIDs(meeting: boxes), into: &batch)
        for (i, p) in batch.positions.enumerated() where boxes.contains(where: { $0.holds(p) }) {
            out.rowIDs.append(batch.rowIDs[i])
            out.positions.append(p)
            out.households.append(batch.households[i])
            out.persons.append(batch.persons[i])
        }
        return out
    }

    /// `locations(_:in:cells:)` on a worker snapshot of its own (opened here), for a thread beside
    /// the caller's load; nil when the worker is refused (the caller then reads on its snapshot),
    /// an empty change without opening anything when there is no box.
    static func locations(on workers: SnapshotWorkers, in boxes: [BoundingBox], cells: LocationCells)
        -> Result<WhatIfChange, any Error>?
    {
        guard !boxes.isEmpty else { return .success(WhatIfChange()) }
        guard let worker = workers.open() else { return nil }
        defer { worker.end() }
        return Result { try locations(worker, in: boxes, cells: cells) }
    }

    /// What one chunk of the changed locations adds to and takes from a run's output.
    private struct Part: Sendable {
        var removed: Tally
        var added: Tally
        var removedHamlets: Tally
        var addedHamlets: Tally
        var rows: LocationRowBlock?
        var gaps = GapPoints()
        var units: [Int32] = []
    }

    /// Classifies the locations now and before the change: the tallies of `output` lose the
    /// before and gain the now; its gap points become `stored` with these locations' entries
    /// replaced; returns the rows to rewrite (when `keepRows`): those whose coverage columns differ
    /// from before (the others are stored as they are).
    ///
    /// The locations are split into consecutive id ranges classified on the cores; the parts are
    /// joined in range order (rows, gaps and units stay in id order) and the tallies' integer counts
    /// summed, so any split gives the same output (`chunks`: how many ranges; nil: `chunkCount`).
    mutating func reclassify(
        classifier: Classifier, evaluator: MeasureEvaluator, before old: OldCoverage, gapKey: Measure, keepRows: Bool,
        stored: GapPoints, into output: inout LocationPassOutput, chunks: Int? = nil
    ) -> LocationRowBlock? {
        let shapes = (units: output.units, hamlets: output.hamlets)
        let change = self
        let parts = ParallelChunks.map(rowIDs.indices, chunkCount: chunks ?? Self.chunkCount(rowIDs.count)) {
            _, range in
            change.classify(
                range, classifier: classifier, evaluator: evaluator, before: old, gapKey: gapKey, keepRows: keepRows,
                units: shapes.units, hamlets: shapes.hamlets)
        }
        var rows: LocationRowBlock? = keepRows ? LocationRowBlock() : nil
        var gaps = GapPoints()
        units = []
        units.reserveCapacity(rowIDs.count)
        for part in parts {
            output.units.subtract(part.removed)
            output.units.merge(part.added)
            output.hamlets.subtract(part.removedHamlets)
            output.hamlets.merge(part.addedHamlets)
            if let r = part.rows { rows?.append(contentsOf: r) }
            gaps.append(contentsOf: part.gaps)
            units += part.units
        }
        output.gaps = Self.merge(stored, dropping: rowIDs, adding: gaps)
        return rows
    }

    /// How many ranges `reclassify` splits `count` locations into: one a core, one when few.
    static func chunkCount(_ count: Int) -> Int { count < 2_048 ? 1 : ParallelChunks.defaultWorkers }

    /// Classifies the locations of `range` now and before the change (`reclassify`'s work on one range).
    private func classify(
        _ range: Range<Int>, classifier: Classifier, evaluator: MeasureEvaluator, before old: OldCoverage,
        gapKey: Measure, keepRows: Bool, units unitShape: Tally, hamlets hamletShape: Tally
    ) -> Part {
        let empty = Tally(entities: unitShape.entities, measures: unitShape.measures, operators: unitShape.operators)
        let emptyHamlets = Tally(entities: hamletShape.entities, measures: hamletShape.measures, operators: 0)
        var part = Part(
            removed: empty, added: empty, removedHamlets: emptyHamlets, addedHamlets: emptyHamlets,
            rows: keepRows ? LocationRowBlock() : nil)
        let classes = classesInSpatialOrder(range, classifier: classifier)
        part.units.reserveCapacity(range.count)
        for i in range {
            let now = classes[i - range.lowerBound]
            let before = old.before(now, at: positions[i])
            let pp = persons[i] >= 0 ? persons[i] : nil
            // Unchanged coverage: the tallies would lose and gain the same counts, the row stays.
            let changed = before.operators != now.operators
            if changed, now.unit >= 0 {
                part.removed.add(entity: Int(now.unit), households: households[i], persons: pp, before, evaluator)
                part.added.add(entity: Int(now.unit), households: households[i], persons: pp, now, evaluator)
            }
            if changed, now.hamlet >= 0 {
                part.removedHamlets.add(
                    entity: Int(now.hamlet), households: households[i], persons: pp, before, evaluator)
                part.addedHamlets.add(entity: Int(now.hamlet), households: households[i], persons: pp, now, evaluator)
            }
            part.units.append(now.unit)
            if keepRows, changed,
                LocationRowBlock.coverageColumns(now, evaluator) != LocationRowBlock.coverageColumns(before, evaluator)
            {
                part.rows?.append(rowIDs[i], now, evaluator)
            }
            if !evaluator.evaluate(now, gapKey).covered {
                part.gaps.rowIDs.append(rowIDs[i])
                part.gaps.points.append(positions[i])
                part.gaps.households.append(households[i])
                part.gaps.persons.append(Swift.max(0, persons[i]))
                part.gaps.units.append(now.unit)
            }
        }
        return part
    }

    /// The classes of the locations of `range`, in range order, classified along a Z-order curve of
    /// their positions (as a full run's location pass visits them): consecutive points then share
    /// their index cells and the fibre search starts from a nearby route (the same classes in any
    /// order; the ids of a box are scattered over it).
    private func classesInSpatialOrder(_ range: Range<Int>, classifier: Classifier) -> [PointClass] {
        var order: [UInt64] = []
        var scratch: [UInt64] = []
        positions[range].withUnsafeBufferPointer { SpatialOrder.sort($0, into: &order, scratch: &scratch) }
        var classes = [PointClass](repeating: PointClass(), count: range.count)
        var hint = SegmentSearchHint()
        for key in order {
            let k = SpatialOrder.index(key)
            classes[k] = classifier.classify(positions[range.lowerBound + k], fibreHint: &hint)
        }
        return classes
    }

    /// `stored` without the entries of `dropped`, merged with `added` (all three in id order) in id order.
    static func merge(_ stored: GapPoints, dropping dropped: [Int64], adding added: GapPoints) -> GapPoints {
        var out = GapPoints()
        var j = 0
        var d = 0
        func take(_ g: GapPoints, _ k: Int) {
            out.rowIDs.append(g.rowIDs[k])
            out.points.append(g.points[k])
            out.households.append(g.households[k])
            out.persons.append(g.persons[k])
            out.units.append(g.units[k])
        }
        for k in stored.rowIDs.indices {
            // Both ascending: the dropped ids below this one are passed once.
            while d < dropped.count, dropped[d] < stored.rowIDs[k] { d += 1 }
            if d < dropped.count, dropped[d] == stored.rowIDs[k] { continue }
            while j < added.rowIDs.count, added.rowIDs[j] < stored.rowIDs[k] {
                take(added, j)
                j += 1
            }
            take(stored, k)
        }
        while j < added.rowIDs.count {
            take(added, j)
            j += 1
        }
        return out
    }
}

extension LocationRowBlock {
    /// Appends the rows of `other` (whose ids follow these) after these.
    mutating func append(contentsOf other: LocationRowBlock) {
        rowIDs += other.rowIDs
        units += other.units
        hamlets += other.hamlets
        flags += other.flags
        operators4G += other.operators4G
        fibreMetres += other.fibreMetres
        networkMetres += other.networkMetres
    }
}
