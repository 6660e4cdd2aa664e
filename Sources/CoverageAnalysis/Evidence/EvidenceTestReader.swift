import CoverageModel
import CoverageStore
import Foundation

/// Reads every stored measurement as compact test records, in ranges of row ids spread over all
/// cores: one lane on the caller's snapshot, the others on worker snapshots of their own (as the
/// coverage pass reads households). No allocation per row; ids stay the store's row ids. The store's
/// cursor reads the packed measurement blocks where they are valid and the rows elsewhere (D26).
enum EvidenceTestReader {
    /// Ids per range (about 16 MB of records): enough ranges for load balance on a shared machine.
    static let rangeSize: Int64 = 1 << 18

    /// The tests of `snapshot` in row-id order and the newest recorded time.
    static func read(_ snapshot: ReadSnapshot, rangeSize: Int64 = rangeSize) throws -> (
        EvidenceTestSet, newest: Double?
    ) {
        var tests = EvidenceTestSet()
        guard let span = try snapshot.measurementIDSpan() else { return (tests, nil) }
        let work = RangeQueue<EvidenceTestChunk>(ranges: ranges(span, size: rangeSize))
        let helpers = work.ranges.count < 2 ? 0 : ParallelChunks.defaultWorkers - 1
        let workers = snapshot.workers
        let caller = CallerLane(Lane(cursor: try snapshot.compactMeasurementCursor()))
        ParallelChunks.forEach(0..<(helpers + 1), chunkCount: helpers + 1) { lane, _ in
            if lane == 0 {
                caller.run { $0.drain(work) }
            } else if let cursor = try? workers.open()?.compactMeasurementCursor() {
                // The cursor keeps the worker snapshot (its read transaction) open.
                var helper = Lane(cursor: cursor)
                helper.drain(work)
                if helper.error != nil, let r = helper.failed { work.giveBack(r) }
            }
        }
        // Round two, alone: what a failing helper handed back.
        try caller.run { lane in
            lane.drain(work)
            if let error = lane.error { throw error }
        }
        var newest: Double?
        tests.reserveStoreCapacity(work.finishedWeight)
        // Each chunk is released as soon as it is appended, so the set and all its chunks (640 MB
        // each at 10 M tests) are never resident at once: the set's reserved pages fill as chunks go.
        var chunks = work.takeResults()
        for i in chunks.indices {
            guard let chunk = chunks[i].take() else { continue }
            tests.append(chunk)
            if let t = chunk.newest, t > (newest ?? -.infinity) { newest = t }
        }
        return (tests, newest)
    }

    /// `span` cut into ranges of at most `size` ids.
    static func ranges(_ span: ClosedRange<Int64>, size: Int64) -> [ClosedRange<Int64>] {
        stride(from: span.lowerBound, through: span.upperBound, by: Int(size)).map {
            $0...Swift.min(span.upperBound, $0 + (size - 1))
        }
    }

    /// One lane: a cursor, and the error that stopped it (with the range it was reading).
    private struct Lane {
        let cursor: CompactMeasurementCursor
        var error: (any Error)?
        var failed: Int?

        /// Reads ranges until none is left or one fails.
        mutating func drain(_ work: RangeQueue<EvidenceTestChunk>) {
            guard error == nil else { return }
            while let r = work.next() {
                do {
                    let chunk = try EvidenceTestChunk(cursor, ids: work.ranges[r])
                    work.finish(r, chunk, weight: chunk.records.count)
                } catch {
                    self.error = error
                    failed = r
                    return
                }
            }
        }
    }
}

/// The tests of one range of row ids: records whose operator index is the reading cursor's code.
struct EvidenceTestChunk: Sendable {
    var records: [EvidenceTestRecord] = []
    var rowIDs: [Int64] = []
    /// The reading cursor's operator names (what the records' operator indexes point into).
    var operatorNames: [String] = []
    var newest: Double?
    /// The probe tests naming an institution: the test's position in the chunk and the id.
    var probeInstitutions: [(test: Int, institution: String)] = []

    init(_ cursor: CompactMeasurementCursor, ids: ClosedRange<Int64>) throws {
        let expected = Int(ids.upperBound - ids.lowerBound + 1)
        records.reserveCapacity(expected)
        rowIDs.reserveCapacity(expected)
        var newest = -Double.infinity
        try cursor.forEach(in: ids) { m in
            let record = EvidenceTestRecord(m)
            if record.isProbe, let institution = m.institutionID, !institution.isEmpty {
                probeInstitutions.append((records.count, institution))
            }
            records.append(record)
            rowIDs.append(m.rowID)
            if m.time > newest { newest = m.time }
        }
        operatorNames = cursor.operatorNames
        self.newest = newest > -.infinity ? newest : nil
    }
}

extension EvidenceTestRecord {
    /// The record of a stored measurement; the operator index is the cursor's operator code.
    init(_ m: CompactMeasurement) {
        self.init(
            recorded: 0, technology: -1, environment: -1, operatorIndex: m.operatorCode, lon: m.lon, lat: m.lat,
            time: 0, downloadMbps: 0, uploadMbps: 0, latencyMs: 0, rsrpDbm: 0)
        if let t = m.technology { technology = Int8(TestJudge.technologyIndex(t)) }
        if let e = m.environment { environment = e == .indoor ? 0 : 1 }
        source = Self.sourceIndex(m.source)
        typealias R = Recorded
        if !m.time.isNaN { (time, recorded) = (m.time, recorded | R.time) }
        if !m.downloadMbps.isNaN { (downloadMbps, recorded) = (m.downloadMbps, recorded | R.download) }
        if !m.uploadMbps.isNaN { (uploadMbps, recorded) = (m.uploadMbps, recorded | R.upload) }
        if !m.latencyMs.isNaN { (latencyMs, recorded) = (m.latencyMs, recorded | R.latency) }
        if !m.rsrpDbm.isNaN { (rsrpDbm, recorded) = (m.rsrpDbm, recorded | R.rsrp) }
    }
}
