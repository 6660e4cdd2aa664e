import CoverageModel
import CoverageStore
import Foundation

/// Reads and classifies every location, in ranges of household ids spread over all cores.
///
/// One lane works on the caller's snapshot; every other core reads its ranges through a worker
/// snapshot of its own (`ReadSnapshot.worker()`), so reading is parallel too. A core whose worker
/// is refused (the store changed since the caller's snapshot) takes no range, and ranges a failing
/// helper hands back are redone on the caller's snapshot in a second round. Within a range
/// locations are classified in spatial order (far fewer cache misses in the indexes); results that
/// keep rows (per-location rows, gaps, outside sample) stay in id order, as before.
struct LocationPass: Sendable {
    let classifier: Classifier
    let evaluator: MeasureEvaluator
    let gapKey: Measure
    let unitCount: Int
    let hamletCount: Int
    let operatorCount: Int
    let keepRows: Bool
    /// Where helpers' worker snapshots come from (nil: the caller's snapshot; tests pass others).
    var workerSource: SnapshotWorkers? = nil
    /// Other definitions tallied in the same pass (`runAll`); units, hamlets and coverage are
    /// classified once for all of them.
    var variants: [LocationPassVariant] = []
    /// The classifiers whose fibre reach variants use (`LocationPassVariant.fibreSource`).
    var fibreSources: [Classifier] = []
    /// Per variant: it evaluates as the pass's own evaluator, so its tallies are kept as the
    /// difference from the pass's own (only points whose fibre reach differs touch them) and
    /// the pass's own tallies are added at the end.
    var relative: [Bool] { variants.map { $0.evaluator == evaluator } }
    /// Outside rows kept as a sample for the report.
    static let outsideSample = 100

    /// Classifies every household row of `snapshot`.
    func run(_ snapshot: ReadSnapshot, progress: ((Int) -> Void)? = nil) throws -> LocationPassOutput {
        try runAll(snapshot, progress: progress)[0]
    }

    /// Classifies every household row of `snapshot` once, tallied for each definition.
    ///
    /// The outputs are the pass's own definition's (the only one keeping rows), then each of
    /// `variants`', in their order.
    func runAll(_ snapshot: ReadSnapshot, progress: ((Int) -> Void)? = nil) throws -> [LocationPassOutput] {
        var output = LocationPassOutput(
            units: Tally(entities: unitCount, measures: evaluator.measures.count, operators: operatorCount),
            hamlets: Tally(entities: hamletCount, measures: evaluator.measures.count, operators: 0),
            rows: keepRows ? LocationRows() : nil)
        var outputs = variants.map { v in
            LocationPassOutput(
                units: Tally(entities: unitCount, measures: v.evaluator.measures.count, operators: operatorCount),
                hamlets: Tally(entities: hamletCount, measures: v.evaluator.measures.count, operators: 0))
        }
        guard let span = try snapshot.householdIDSpan() else { return [output] + outputs }
        let workers = ParallelChunks.defaultWorkers
        let ranges = Self.ranges(span, workers: workers)
        let work = RangeQueue<RangeOutput>(ranges: ranges)
        let helpers = ranges.count < 2 ? 0 : workers - 1
        let source = workerSource ?? snapshot.workers
        let caller = CallerLane(
            CallerState(cursor: try snapshot.householdCursor(), worker: LocationWorker(pass: self), progress: progress))
        // Round one: the caller's lane and the helpers side by side; each helper returns its tallies.
        let helperTallies = ParallelChunks.map(0..<(helpers + 1), chunkCount: helpers + 1) {
            lane, _ -> LaneTallies? in
            if lane == 0 {
                caller.run { $0.drain(work) }
                return nil
            }
            return help(source, work: work)
        }
        // Round two, alone: the ranges a failing helper handed back.
        let callerTallies = try caller.run { state in
            if let error = state.error { throw error }
            state.drain(work)
            if let error = state.error { throw error }
            state.progress?(work.finishedWeight)
            return LaneTallies(state.worker)
        }
        for lane in helperTallies.compactMap({ $0 }) + [callerTallies] {
            output.units.merge(lane.units)
            output.hamlets.merge(lane.hamlets)
            for v in outputs.indices {
                outputs[v].units.merge(lane.variantUnits[v])
                outputs[v].hamlets.merge(lane.variantHamlets[v])
            }
        }
        for (v, relative) in relative.enumerated() where relative {
            outputs[v].units.merge(output.units)
            outputs[v].hamlets.merge(output.hamlets)
        }
        var parts = work.takeResults().map { $0 ?? RangeOutput() }
        for v in outputs.indices {
            for part in parts { outputs[v].gaps.append(contentsOf: part.variantGaps[v]) }
        }
        merge(&parts, into: &output)
        for v in outputs.indices {
            outputs[v].outsideRowIDs = output.outsideRowIDs
            outputs[v].outsideLocations = output.outsideLocations
            outputs[v].outsideHouseholds = output.outsideHouseholds
        }
        return [output] + outputs
    }

    /// One lane's tallies: the pass's own definition and each variant's.
    private struct LaneTallies: Sendable {
        let units: Tally
        let hamlets: Tally
        let variantUnits: [Tally]
        let variantHamlets: [Tally]

        init(_ worker: LocationWorker) {
            units = worker.units
            hamlets = worker.hamlets
            variantUnits = worker.variantUnits
            variantHamlets = worker.variantHamlets
        }
    }

    /// The caller's lane: its cursor on the caller's snapshot, its worker, progress, and its error.
    private struct CallerState {
        let cursor: HouseholdCursor
        var worker: LocationWorker
        let progress: ((Int) -> Void)?
        var error: (any Error)?

        /// Does ranges until none is left; on an error, drops every range not started and keeps the error.
        mutating func drain(_ work: RangeQueue<RangeOutput>) {
            guard error == nil else { return }
            while let r = work.next() {
                do {
                    let output = try worker.process(cursor, ids: work.ranges[r])
                    work.finish(r, output, weight: output.locations)
                } catch {
                    self.error = error
                    work.cancel()
                    return
                }
                progress?(work.finishedWeight)
            }
        }
    }

    /// A helper core: reads ranges on a worker snapshot of its own until none is left; returns its
    /// tallies (nil when it could not start).
    private func help(_ source: SnapshotWorkers, work: RangeQueue<RangeOutput>) -> LaneTallies? {
        // The worker's read transaction must outlive every read (it is the snapshot); the cursor keeps it.
        guard let snapshot = source.open(), let cursor = try? snapshot.householdCursor() else { return nil }
        var worker = LocationWorker(pass: self)
        while let r = work.next() {
            do {
                let output = try worker.process(cursor, ids: work.ranges[r])
                work.finish(r, output, weight: output.locations)
            } catch {
                work.giveBack(r)
                break
            }
        }
        return LaneTallies(worker)
    }

    /// Appends the range results in id order (row blocks are kept, not copied).
    private func merge(_ parts: inout [RangeOutput], into output: inout LocationPassOutput) {
        for i in parts.indices {
            let part = parts[i]
            parts[i] = RangeOutput()
            output.outsideLocations += part.outsideLocations
            output.outsideHouseholds += part.outsideHouseholds
            let room = Self.outsideSample - output.outsideRowIDs.count
            if room > 0 { output.outsideRowIDs += part.outside.prefix(room) }
            output.gaps.append(contentsOf: part.gaps)
            output.cells.append(contentsOf: part.cells)
            if let rows = part.rows { output.rows?.blocks.append(rows) }
        }
    }

    /// `ids` cut into contiguous ranges: at least two per worker (load balance), at most 2 Mi ids
    /// each (memory: ~110 bytes a location while a range is in flight; larger ranges give a better
    /// spatial order), at least 16 Ki ids each (a worker connection costs a few milliseconds).
    static func ranges(_ ids: ClosedRange<Int64>, workers: Int) -> [ClosedRange<Int64>] {
        let span = Double(ids.upperBound) - Double(ids.lowerBound) + 1
        let perWorker = Swift.max(2, Int((span / Double(workers << 21)).rounded(.up)))
        let count = Swift.max(1, Swift.min(workers * perWorker, Int((span / Double(1 << 14)).rounded(.up))))
        let step = Swift.max(1, Int64((span / Double(count)).rounded(.up)))
        var out: [ClosedRange<Int64>] = []
        var lo = ids.lowerBound
        while true {
            let (end, overflow) = lo.addingReportingOverflow(step - 1)
            let hi = overflow ? ids.upperBound : Swift.min(end, ids.upperBound)
            out.append(lo...hi)
            if hi >= ids.upperBound { return out }
            lo = hi + 1
        }
    }
}

/// Another definition tallied in the same location pass: its fibre reach and its evaluator (the
/// broadband minimum, the measures); units, hamlets and coverage come from the pass's classifier.
struct LocationPassVariant: Sendable {
    /// The position in `LocationPass.fibreSources` of the classifier giving its fibre reach (nil:
    /// the pass's own classifier).
    let fibreSource: Int?
    let evaluator: MeasureEvaluator
    /// The measure whose uncovered locations are its gap points.
    let gapKey: Measure
}
