import CoverageModel
import CoverageStore
import Foundation
import GeometryKernels

/// What-if runs (issue 18): after coverage areas (or sites, or routes and nodes the run does not
/// count) were added, start from the latest stored run and recompute only the locations inside the
/// added areas' boxes and the area shares of the units meeting them; everything else comes from
/// the run's state, and the figures are assembled by the same code as a full run (D33).
extension CoverageAnalyzer {
    /// How a what-if attempt ended.
    enum WhatIfOutcome {
        /// The run was computed from the stored one; the closure stores it (after the snapshot ends).
        case ready(() throws -> CoverageResult)
        /// Every location must be computed; the reason for stderr (nil: no run to start from).
        case full(String?)
    }

    /// The latest stored run and the coverage areas added since, when a what-if run can start from it.
    private struct WhatIfBase {
        let latest: LatestRunState
        let state: RunState
        /// Added coverage areas (operator filter applied), by generation, in row order.
        let added: [Technology: [CoverageArea]]
        /// The row id of the first added coverage area (nil: none).
        let firstAddedRow: Int64?
        /// The features added since the run, for the stderr line.
        let summary: String
        /// The run's uncovered-area polygons (kept as they are when nothing was added).
        var gapAreas: [StoredGapArea] = []
    }

    /// Computes a what-if run on `snapshot` (returning what stores it), or says why every location
    /// must be computed.
    func whatIfRun(_ snapshot: ReadSnapshot) throws -> WhatIfOutcome {
        var clock = StageClock(onStage: onStage)
        let base: WhatIfBase
        switch try whatIfBase(snapshot) {
        case .success(let b): base = b
        case .failure(let reason): return .full(reason.text)
        }
        clock.stage("read run state")
        let boxes = base.added.values.joined().compactMap(\.geometry.boundingBox)
        // The changed locations are read on a worker snapshot of their own while the layers load.
        let (workers, cells) = (snapshot.workers, base.state.cells)
        let (selected, inputs) = try ParallelChunks.beside(
            { WhatIfChange.locations(on: workers, in: boxes, cells: cells) },
            {
                try AnalysisInputs.whatIf(
                    from: snapshot, parameters: parameters, boxes: boxes,
                    allGeometry: parameters.operatorAreas && base.state.operatorAreas == nil,
                    stored: base.state, firstAdded: base.firstAddedRow)
            })
        let run = "run \(base.latest.runID)"
        guard inputs.operators == base.state.operators else {
            return .full("the coverage operators changed since \(run)")
        }
        guard base.state.fits(inputs, parameters: parameters) else { return .full("the units changed since \(run)") }
        var old: [Technology: [CoverageArea]] = [:]
        for (tech, added) in base.added where !added.isEmpty {
            let all = inputs.coverage[tech] ?? []
            // Added rows have the largest ids, so they end each generation's list.
            guard all.count >= added.count, Array(all.suffix(added.count)) == added else {
                return .full("the added coverage areas are not the newest rows")
            }
            old[tech] = Array(all.dropLast(added.count))
        }
        // Only points inside the change's boxes are classified, so the coverage indexes need only
        // the areas meeting them (a point is inside an area only inside its box), and the fibre
        // index only the routes and nodes near them; the centroid hamlet rule classifies every
        // hamlet's point, so it keeps them all. Unit facts and institutions' reach, the other
        // users of the fibre index, come from the state.
        let near =
            parameters.hamletRule == .centroid
            ? inputs : inputs.near(boxes, dropMetres: parameters.fibreDistanceMetres)
        let (classifier, evaluator) = try index(near, clock: &clock)
        var change = try selected?.get() ?? WhatIfChange.locations(snapshot, in: boxes, cells: base.state.cells)
        clock.stage("select changed locations")
        let before = OldCoverage(
            classifier: classifier, coverage: near.coverage, added: base.added, operators: inputs.operators)
        var output = base.state.passOutput
        let rows = change.reclassify(
            classifier: classifier, evaluator: evaluator, before: before, gapKey: parameters.gapTechnology,
            keepRows: parameters.storeLocationResults, stored: base.state.gaps, into: &output)
        clock.stage("classify changed locations")
        // The tallies are now those of a full run on the snapshot (an audit's alternatives reuse them).
        locationCache?.store(output, for: LocationPassCache.key(parameters, vintage: inputs.vintage))
        var touched = Set(change.units.filter { $0 >= 0 }.map(Int.init))
        let changeBoxes = BoxSet(boxes)
        let areaUnits = inputs.units.indices.filter { u in
            guard let box = inputs.units[u].geometry.boundingBox else { return false }
            return changeBoxes.meetsAny(box)
        }
        touched.formUnion(areaUnits)
        let classified = Classified(inputs: inputs, classifier: classifier, evaluator: evaluator, output: output)
        let computed = try summarise(snapshot, classified, clock: clock, keepState: true, stored: base.state) {
            facts, clock in
            var out = base.state.areaFigures(parameters)
            guard parameters.computeAreas else { return out }
            WhatIfAreas(parameters: parameters).update(
                &out, inputs: inputs, facts: facts, units: areaUnits, change: boxes, stored: base.state.areaBoxes,
                fibreLayout: base.state.fibreLayout)
            out.gapAreas = base.gapAreas  // asked for only when nothing was added (`whatIfBase`)
            clock.stage("areas")
            if parameters.operatorAreas {
                // Kept with the run since this build; computed again for a run stored without them.
                out.perOperator = base.state.operatorAreas ?? operatorAreaShares(inputs, facts: facts)
                clock.stage("areas per operator")
            }
            return out
        }
        onWhatIf?(
            "\(base.summary) since \(run); recomputed \(DigitGrouping.grouped(change.rowIDs.count)) locations in "
                + "\(DigitGrouping.grouped(touched.count)) unit\(touched.count == 1 ? "" : "s")")
        progress?("writing results")
        // A generation that had no area before turns measures from unavailable to available in every
        // unit: then every unit row is written.
        let firstAreas = base.added.contains { tech, added in
            !added.isEmpty && (inputs.totals.coverage[tech] ?? 0) == added.count
        }
        let changedUnits: [Int]?
        switch parameters.grouping {
        case _ where firstAreas: changedUnits = nil
        case .province: changedUnits = []
        case .commune: changedUnits = touched.sorted()
        case .hamlet: changedUnits = output.hamlets.changedEntities(from: base.state.hamlets)
        }
        let record = { (units: [Int]?) throws -> StoredRun in
            var stored = try StoredRun(
                computed.result, parameters: parameters, toolVersion: toolVersion, gapClusters: computed.clusters,
                gapAreas: computed.gapAreas, units: units)
            stored.inputs = computed.datasets
            return stored
        }
        var stored = try record(changedUnits)
        let encoding = Date()
        // Only the parts that changed are written; the households are those of the stored run, so
        // its cells part is kept as it is.
        stored.state = StatePartChanges.changed(
            computed.state?.encoded(skipping: ["cells"]) ?? [:], from: base.latest.parts)
        onStage?("encode run state", Date().timeIntervalSince(encoding))
        let (token, onStage, state) = (base.state.token, self.onStage, stored.state)
        // The output is encoded (`whileStoring`) and the layers read and indexed are freed on a thread
        // of their own while the run is written.
        let layers = LateRelease((inputs, near, old, before, classified))
        return .ready { [store, whileStoring] in
            let start = Date()
            var result = computed.result
            _ = try ParallelChunks.beside({ [figures = result] in
                whileStoring?(figures)
                layers.release()
            }) {
                do {
                    result.runID = try store.storeWhatIfRun(
                        stored, rows: rows, token: "token", tokenValue: token,
                        unitRows: changedUnits == nil ? .all : .changed, onStage: onStage)
                } catch is UnitRowsMismatch {
                    // The stored rows are not key for key those of this run: every unit row is written.
                    var all = try record(nil)
                    all.state = state
                    result.runID = try store.storeWhatIfRun(
                        all, rows: rows, token: "token", tokenValue: token, unitRows: .all, onStage: onStage)
                }
            }
            onStage?("write results", Date().timeIntervalSince(start))
            return result
        }
    }

    /// Why a what-if run cannot start (the reason for stderr; nil: no stored run at all).
    private struct NotEligible: Error {
        let text: String?
    }

    /// The stored run to start from and the added areas, or why every location must be computed.
    private func whatIfBase(_ snapshot: ReadSnapshot) throws -> Result<WhatIfBase, NotEligible> {
        guard let latest = try snapshot.latestRunState() else { return .failure(NotEligible(text: nil)) }
        let changes = latest.changes
        let run = "run \(latest.runID)"
        func no(_ why: String) -> Result<WhatIfBase, NotEligible> { .failure(NotEligible(text: why)) }
        guard changes.inputsRecorded else { return no("\(run) was stored before runs recorded their inputs") }
        if !changes.removed.isEmpty {
            let n = changes.removed.count
            return no("\(n) dataset\(n == 1 ? "" : "s") removed or replaced since \(run)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard String(decoding: try encoder.encode(parameters), as: UTF8.self) == latest.parametersJSON else {
            return no("\(run) was computed with other parameters")
        }
        // With nothing added the polygons are the stored run's and the per-operator areas are computed again.
        guard changes.added.isEmpty || (!parameters.gapAreas && !parameters.operatorAreas) else {
            return no("what-if runs do not recompute uncovered-area polygons or per-operator areas")
        }
        // The state decodes on a thread of its own while the added rows are read.
        let (decoded, read) = try ParallelChunks.beside({ [parts = latest.parts] in RunState(parts) }) {
            try WhatIfAddedRows.read(snapshot, changes: changes, parameters: parameters, run: run)
        }
        guard let state = decoded else { return no("\(run) kept no what-if state of this build") }
        let rows: WhatIfAddedRows
        switch read {
        case .success(let r): rows = r
        case .failure(let refusal): return no(refusal.text)
        }
        let (added, counts) = (rows.added, rows.counts)
        guard try snapshot.inputMarks(excluding: changes.added.map(\.id)) == state.inputMarks else {
            return no("rows read by \(run) were imported again since")
        }
        let nouns = ["coverage": "coverage areas", "routes": "routes", "nodes": "nodes", "sites": "sites"]
        let summary =
            counts.isEmpty
            ? "nothing imported"
            : counts.sorted { $0.key < $1.key }.map { "\(DigitGrouping.grouped($1)) \(nouns[$0] ?? $0)" }
                .joined(separator: ", ") + " added"
        var base = WhatIfBase(
            latest: latest, state: state, added: added, firstAddedRow: rows.firstCoverageRow, summary: summary)
        if parameters.gapAreas { base.gapAreas = try snapshot.gapAreas(run: latest.runID) }
        return .success(base)
    }
}

extension AnalysisInputs {
    /// What classifying points inside `boxes` needs: the coverage areas whose box meets one of them
    /// and, unless the routes and nodes make a fibre network (whose distances are not local, D18),
    /// only the counted routes and nodes that can lie within `dropMetres` of such a point (the
    /// nearest distance within the drop is a minimum over those segments alone, the same value).
    func near(_ boxes: [BoundingBox], dropMetres: Double) -> AnalysisInputs {
        let changeBoxes = BoxSet(boxes)
        let coverage = coverage.mapValues { areas in
            areas.filter { a in a.geometry.boundingBox.map { changeBoxes.meetsAny($0) } ?? false }
        }
        let network = !fibreNodes.isEmpty && fibreRoutes.contains { !$0.geometry.lines.isEmpty }
        var routes = fibreRoutes
        var nodes = fibreNodes
        if !network, dropMetres.isFinite, dropMetres >= 0 {
            let reach = BoxSet(boxes.map { $0.grown(byMetres: dropMetres) })
            // A route or node with no finite box is kept (the index decides what it holds).
            func near(_ box: BoundingBox?) -> Bool {
                guard let box, box.minX.isFinite, box.minY.isFinite, box.maxX.isFinite, box.maxY.isFinite else {
                    return true
                }
                return reach.meetsAny(box)
            }
            // A route without lines (also one whose geometry a what-if run did not read) holds nothing.
            routes = fibreRoutes.filter { !$0.geometry.lines.isEmpty && near($0.geometry.boundingBox) }
            nodes = fibreNodes.filter { near(BoundingBox($0.position)) }
        }
        return AnalysisInputs(
            vintage: vintage, units: units, province: province, hamlets: hamlets, coverage: coverage,
            operators: operators, fibreRoutes: routes, fibreNodes: nodes, institutions: institutions, notes: notes,
            warnings: warnings, totals: totals)
    }
}

extension BoundingBox {
    /// Whether the boxes share a point (boundaries included).
    func meets(_ b: BoundingBox) -> Bool { minX <= b.maxX && b.minX <= maxX && minY <= b.maxY && b.minY <= maxY }

    /// The box grown on every side by at least `metres` (twice the metres at its latitude farthest
    /// from the equator for longitude, at the equator for latitude: the fewest degrees a metre spans).
    func grown(byMetres metres: Double) -> BoundingBox {
        let lat = Swift.min(Swift.max(abs(minY), abs(maxY)), 89)
        let dx = 2 * metres / Swift.max(LocalScale(latitude: lat).metresPerDegreeX, 1)
        let dy = 2 * metres / LocalScale(latitude: 0).metresPerDegreeY
        return BoundingBox(minX: minX - dx, minY: minY - dy, maxX: maxX + dx, maxY: maxY + dy)
    }

    /// Whether `p` lies in the box (boundary included).
    func holds(_ p: Coordinate) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}

/// Boxes to test others against ("does this box meet one of them?"), through a grid of them: the
/// same answer as testing each with `BoundingBox.meets`, without a pass over all of them per test.
struct BoxSet {
    private let boxes: [BoundingBox]
    private let grid: BoxGrid
    /// Boxes the grid never reports (inverted or NaN), tested one by one.
    private let unindexed: [BoundingBox]

    init(_ boxes: [BoundingBox]) {
        self.boxes = boxes
        grid = BoxGrid(boxes)
        unindexed = boxes.filter { !($0.minX <= $0.maxX && $0.minY <= $0.maxY) }
    }

    /// Whether `b` meets one of the boxes (boundaries included), as `contains { $0.meets(b) }`.
    func meetsAny(_ b: BoundingBox) -> Bool {
        // The grid answers only for a proper query box; any other is tested against every box.
        guard b.minX <= b.maxX, b.minY <= b.maxY else { return boxes.contains { $0.meets(b) } }
        if unindexed.contains(where: { $0.meets(b) }) { return true }
        var hit = false
        grid.forEach(meeting: b) { _ in hit = true }
        return hit
    }
}
