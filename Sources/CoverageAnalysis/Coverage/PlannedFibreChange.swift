import CoverageModel
import CoverageStore
import GeometryKernels

/// The tallies of a definition that differs from a stored run's only in counting planned fibre
/// routes and nodes (or not), from the run's tallies: only the locations whose fibre reach can
/// differ are classified again.
///
/// A location's fibre reach is its nearest counted line or node within the drop distance (ties:
/// lowest line, then node, position; then lowest segment) and, through that segment, the network
/// distances of its two vertices. Counting planned routes and nodes adds lines and nodes (the others
/// keep their relative order, so every tie is broken the same way) and may change the network
/// distances of the others' vertices or whether a line is connected. A location farther than the
/// drop distance from every planned line and node, from every segment one of whose vertices'
/// network distance changed and from every line whose connection changed therefore has the same
/// nearest hit, segment and network distance under both definitions. The others (found through the
/// run's location cells, then by distance to those pieces) are classified with both classifiers:
/// each loses its stored class and gains its new one (integer counts, so exact).
struct PlannedFibreChange {
    /// The segments of the planned lines and of the lines whose connection changed, and the
    /// segments whose reach changed.
    private let lines: [[Coordinate]]
    /// The planned nodes.
    private let points: [Coordinate]
    /// The pieces' boxes grown by the drop distance (every location within it lies in one).
    private let boxes: [BoundingBox]
    private let dropMetres: Double

    /// The change between `stored` (the run's fibre) and `other` (the same layers with planned
    /// routes and nodes counted, or not counted): nil when it cannot be bounded (one definition has
    /// a fibre network and the other none, the lists are not one the other plus planned rows, or a
    /// line or node has no finite box).
    init?(
        stored: AnalysisInputs, storedClassifier: Classifier, other: AnalysisInputs, otherClassifier: Classifier,
        dropMetres: Double
    ) {
        guard dropMetres.isFinite, dropMetres >= 0 else { return nil }
        let storedIncludes =
            stored.fibreRoutes.count + stored.fibreNodes.count >= other.fibreRoutes.count + other.fibreNodes.count
        let (with, without) = storedIncludes ? (stored, other) : (other, stored)
        let (withNetwork, withoutNetwork) =
            storedIncludes
            ? (storedClassifier.network, otherClassifier.network) : (otherClassifier.network, storedClassifier.network)
        guard with.fibreRoutes.filter({ $0.status != .planned }) == without.fibreRoutes,
            with.fibreNodes.filter({ $0.status != .planned }) == without.fibreNodes,
            (withNetwork == nil) == (withoutNetwork == nil)
        else { return nil }
        var lines: [[Coordinate]] = []
        var points: [Coordinate] = []
        for node in with.fibreNodes where node.status == .planned { points.append(node.position) }
        // Line positions in each definition's fibre index (lines of the routes, in route order).
        var withLine = 0
        var withoutLine = 0
        for route in with.fibreRoutes {
            for line in route.geometry.lines {
                defer { withLine += 1 }
                guard route.status != .planned else {
                    lines += Self.segments(line)
                    continue
                }
                defer { withoutLine += 1 }
                guard let a = withNetwork, let b = withoutNetwork else { continue }
                guard a.connected[withLine] == b.connected[withoutLine] else {
                    lines += Self.segments(line)
                    continue
                }
                let changed = Self.changedVertices(a, withLine, b, withoutLine)
                guard changed.count == line.count else { return nil }
                for k in line.indices.dropLast() where changed[k] || changed[k + 1] {
                    lines.append([line[k], line[k + 1]])
                }
            }
        }
        var boxes: [BoundingBox] = []
        for piece in lines + points.map({ [$0] }) {
            guard let box = Self.box(piece) else { return nil }
            boxes.append(box.grown(byMetres: dropMetres))
        }
        self.lines = lines
        self.points = points
        self.boxes = boxes
        self.dropMetres = dropMetres
    }

    /// Per vertex of line `i` of `a` (line `j` of `b`, the same line): whether its network distance differs.
    static func changedVertices(_ a: FibreNetwork, _ i: Int, _ b: FibreNetwork, _ j: Int) -> [Bool] {
        let (aStart, bStart) = (a.routeStart[i], b.routeStart[j])
        let count = a.routeStart[i + 1] - aStart
        guard b.routeStart[j + 1] - bStart == count else { return [] }
        return (0..<count).map {
            a.distance[Int(a.vertexIDs[aStart + $0])] != b.distance[Int(b.vertexIDs[bStart + $0])]
        }
    }

    /// The segments of `line` as two-point lines (a line of fewer points as it is): tighter boxes.
    private static func segments(_ line: [Coordinate]) -> [[Coordinate]] {
        line.count < 3 ? [line] : line.indices.dropLast().map { [line[$0], line[$0 + 1]] }
    }

    /// The box of `points`, nil when one is not finite (or there is none).
    private static func box(_ points: [Coordinate]) -> BoundingBox? {
        guard let first = points.first, points.allSatisfy(\.isFinite) else { return nil }
        var box = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for p in points.dropFirst() {
            box.minX = Swift.min(box.minX, p.x)
            box.minY = Swift.min(box.minY, p.y)
            box.maxX = Swift.max(box.maxX, p.x)
            box.maxY = Swift.max(box.maxY, p.y)
        }
        return box
    }

    /// The other definition's output, from `stored` (the run's, classified by `storedClassifier`).
    ///
    /// Both are evaluated by `evaluator`. The locations near the pieces lose their stored class and gain
    /// the other's (unit, hamlet and coverage as stored, the fibre reach of `otherClassifier`); the
    /// gap points of `gapKey` are the stored ones with these locations' entries replaced. Also
    /// returns how many locations were classified again.
    func output(
        from stored: LocationPassOutput, snapshot: ReadSnapshot, cells: LocationCells, storedClassifier: Classifier,
        otherClassifier: Classifier, evaluator: MeasureEvaluator, gapKey: Measure
    ) throws -> (output: LocationPassOutput, locations: Int) {
        let change = try locations(snapshot, cells: cells)
        var output = stored
        output.rows = nil
        var removed = Tally(
            entities: stored.units.entities, measures: stored.units.measures, operators: stored.units.operators)
        var added = removed
        var removedHamlets = Tally(entities: stored.hamlets.entities, measures: stored.hamlets.measures, operators: 0)
        var addedHamlets = removedHamlets
        var gaps = GapPoints()
        var hint = SegmentSearchHint()
        var otherHint = SegmentSearchHint()
        for i in change.rowIDs.indices {
            let p = change.positions[i]
            let before = storedClassifier.classify(p, fibreHint: &hint)
            var now = before
            otherClassifier.classifyFibre(p, into: &now, hint: &otherHint)
            let households = change.households[i]
            let persons = change.persons[i] >= 0 ? change.persons[i] : nil
            if before.unit >= 0 {
                removed.add(entity: Int(before.unit), households: households, persons: persons, before, evaluator)
                added.add(entity: Int(now.unit), households: households, persons: persons, now, evaluator)
            }
            if before.hamlet >= 0 {
                removedHamlets.add(
                    entity: Int(before.hamlet), households: households, persons: persons, before, evaluator)
                addedHamlets.add(
                    entity: Int(now.hamlet), households: households, persons: persons, now, evaluator)
            }
            if !evaluator.evaluate(now, gapKey).covered {
                gaps.rowIDs.append(change.rowIDs[i])
                gaps.points.append(p)
                gaps.households.append(households)
                gaps.persons.append(Swift.max(0, change.persons[i]))
                gaps.units.append(now.unit)
            }
        }
        output.units.subtract(removed)
        output.units.merge(added)
        output.hamlets.subtract(removedHamlets)
        output.hamlets.merge(addedHamlets)
        output.gaps = WhatIfChange.merge(stored.gaps, dropping: change.rowIDs, adding: gaps)
        return (output, change.rowIDs.count)
    }

    /// The locations within the drop distance (and a metre) of a piece, read by id through the
    /// cells meeting the pieces' boxes.
    private func locations(_ snapshot: ReadSnapshot, cells: LocationCells) throws -> WhatIfChange {
        var out = WhatIfChange()
        guard !boxes.isEmpty else { return out }
        let pieces = SegmentIndex(lines: lines, points: points, cellMetres: Swift.max(dropMetres, 100))
        var batch = HouseholdBatch()
        try snapshot.householdCursor().read(rowIDs: cells.rowIDs(meeting: boxes), into: &batch)
        for (i, p) in batch.positions.enumerated() where pieces.anyWithin(p, metres: dropMetres + 1) {
            out.rowIDs.append(batch.rowIDs[i])
            out.positions.append(p)
            out.households.append(batch.households[i])
            out.persons.append(batch.persons[i])
        }
        return out
    }
}
