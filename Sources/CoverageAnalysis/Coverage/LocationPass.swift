import CoverageModel
import CoverageStore
import Dispatch
import Foundation
import SpatialSQL

/// Reads and classifies every location, in ranges of household ids spread over all cores.
///
/// The caller's thread works on the caller's connection (inside its read transaction); every other
/// core reads its ranges on a `SnapshotReader` of its own, so reading is parallel too. A core whose
/// reader is refused (the store changed since the caller's snapshot) takes no range. Within a range
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
    /// Outside rows kept as a sample for the report.
    static let outsideSample = 100

    /// Classifies every household row; `storePath` (the caller's store file) enables worker readers.
    func run(_ db: Connection, storePath: String?, progress: ((Int) -> Void)? = nil) throws -> LocationPassOutput {
        var output = LocationPassOutput(
            units: Tally(entities: unitCount, measures: evaluator.measures.count, operators: operatorCount),
            hamlets: Tally(entities: hamletCount, measures: evaluator.measures.count, operators: 0),
            rows: keepRows ? LocationRows() : nil)
        // Two subqueries: SQLite reads min() or max() of the key from one end of the B-tree only when
        // it is the query's single aggregate; `SELECT min(id), max(id)` scans the table (3 s at 25 M).
        let span = try db.rows("SELECT (SELECT min(id) FROM households), (SELECT max(id) FROM households)") {
            ($0.optionalInt(0), $0.optionalInt(1))
        }
        guard let first = span.first?.0, let last = span.first?.1 else { return output }
        let workers = ParallelChunks.defaultWorkers
        let ranges = Self.ranges(first...last, workers: workers)
        let work = RangeWork(ranges: ranges)
        let helpers = storePath == nil || ranges.count < 2 ? 0 : workers - 1
        let fingerprint = helpers > 0 ? try SnapshotIdentity.of(db) : ""
        let group = DispatchGroup()
        for _ in 0..<helpers {
            DispatchQueue.global().async(group: group) { [self] in
                help(storePath: storePath ?? "", fingerprint: fingerprint, work: work)
            }
        }
        var worker = LocationWorker(pass: self)
        do {
            let stmt = try db.prepare(LocationWorker.sql)
            // A second round picks up ranges a failing helper handed back.
            for round in 0..<2 {
                if round == 1 { group.wait() }
                while let r = work.next() {
                    work.finish(r, try worker.process(stmt, ids: ranges[r]))
                    progress?(work.locationsDone)
                }
            }
        } catch {
            work.cancel()
            group.wait()
            throw error
        }
        progress?(work.locationsDone)
        work.addTallies(worker.units, worker.hamlets)
        for (units, hamlets) in work.tallies {
            output.units.merge(units)
            output.hamlets.merge(hamlets)
        }
        var parts = work.takeResults()
        merge(&parts, into: &output)
        return output
    }

    /// A helper core: reads ranges on its own snapshot reader until none is left.
    private func help(storePath: String, fingerprint: String, work: RangeWork) {
        guard let reader = SnapshotReader(path: storePath, fingerprint: fingerprint) else { return }
        // The reader's read transaction must outlive every read (it is the snapshot).
        withExtendedLifetime(reader) {
            guard let stmt = try? reader.db.prepare(LocationWorker.sql) else { return }
            var worker = LocationWorker(pass: self)
            while let r = work.next() {
                do {
                    work.finish(r, try worker.process(stmt, ids: work.ranges[r]))
                } catch {
                    work.giveBack(r)
                    break
                }
            }
            work.addTallies(worker.units, worker.hamlets)
        }
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

/// The ranges still to do, the results per range and the workers' tallies, shared under a lock.
private final class RangeWork: @unchecked Sendable {
    let ranges: [ClosedRange<Int64>]
    private let lock = NSLock()
    private var pending: [Int]
    private var results: [RangeOutput?]
    private var done = 0
    private var collected: [(Tally, Tally)] = []

    init(ranges: [ClosedRange<Int64>]) {
        self.ranges = ranges
        pending = Array(ranges.indices.reversed())
        results = Array(repeating: nil, count: ranges.count)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The next range to do, or nil.
    func next() -> Int? { locked { pending.popLast() } }

    /// Puts a range back for another worker.
    func giveBack(_ r: Int) { locked { pending.append(r) } }

    /// Drops every range not yet started.
    func cancel() { locked { pending.removeAll() } }

    func finish(_ r: Int, _ output: RangeOutput) {
        locked {
            done += output.locations
            results[r] = output
        }
    }

    var locationsDone: Int { locked { done } }

    func addTallies(_ units: Tally, _ hamlets: Tally) { locked { collected.append((units, hamlets)) } }

    var tallies: [(Tally, Tally)] { locked { collected } }

    /// The results in range order (every range is done when this is called).
    func takeResults() -> [RangeOutput] {
        locked {
            defer { results = [] }
            return results.map { $0 ?? RangeOutput() }
        }
    }
}
