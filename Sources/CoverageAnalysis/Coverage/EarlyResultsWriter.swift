import CoverageStore
import Foundation
import SpatialSQL

/// Writes a run's per-location rows on a second connection while the analysis goes on, then the
/// rest of the run in the same transaction once `finish` hands it over.
///
/// At national scale the rows are the largest write (24.8 M rows: ~8 s on one core) and the area
/// pass that follows the classification does not need them, so they overlap. The writer takes the
/// store's write lock for that time and checks that it sees the analysis' snapshot (the datasets
/// fingerprint); when it does not (an import committed meanwhile, or the lock stayed busy) it gives
/// up before writing anything and the caller writes everything itself afterwards.
final class EarlyResultsWriter: @unchecked Sendable {
    private enum State {
        case writingRows
        case waiting
        case finishing(ResultsWriter.RunRecord)
        case cancelled
        case done(Result<Int64, any Error>)
        /// Nothing was written: the caller writes the run itself.
        case declined
    }

    private let condition = NSCondition()
    private var state = State.writingRows

    /// Starts writing `rows` in a new write transaction on `path`, if it sees the snapshot `fingerprint`.
    init(path: String, fingerprint: String, rows: LocationRows, unitCodes: [String], hamletCodes: [String]) {
        let thread = Thread { [self] in
            run(path: path, fingerprint: fingerprint) { writer in
                try LocationRowsWriter(db: writer.db).write(rows, unitCodes: unitCodes, hamletCodes: hamletCodes)
            }
        }
        thread.name = "covaudit results writer"
        thread.start()
    }

    /// Writes `record` after the rows and commits; returns the run id, or nil when the writer
    /// declined (nothing written). Rethrows the writer's error (then nothing is written either).
    func finish(_ record: ResultsWriter.RunRecord) throws -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        while case .writingRows = state { condition.wait() }
        if case .waiting = state {
            state = .finishing(record)
            condition.broadcast()
        }
        while true {
            switch state {
            case .done(let result): return try result.get()
            case .declined: return nil
            default: condition.wait()
            }
        }
    }

    /// Rolls back whatever was written (the analysis failed); waits until the transaction has ended.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        while case .writingRows = state { condition.wait() }
        if case .waiting = state {
            state = .cancelled
            condition.broadcast()
        }
        while case .cancelled = state { condition.wait() }
    }

    private func set(_ new: State) {
        condition.lock()
        state = new
        condition.broadcast()
        condition.unlock()
    }

    /// The record to write once the rows are in, or nil when cancelled.
    private func awaitRecord() -> ResultsWriter.RunRecord? {
        condition.lock()
        defer { condition.unlock() }
        state = .waiting
        condition.broadcast()
        while true {
            switch state {
            case .finishing(let record): return record
            case .cancelled: return nil
            default: condition.wait()
            }
        }
    }

    private func run(path: String, fingerprint: String, rows: (ResultsWriter) throws -> Void) {
        guard let db = try? Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 1_000) else {
            return set(.declined)
        }
        let writer = ResultsWriter(db: db)
        do {
            try writer.withBulkSettings {
                guard (try? db.begin(immediate: true)) != nil else { return set(.declined) }
                guard (try? SnapshotIdentity.of(db)) == fingerprint else {
                    try? db.execute("ROLLBACK")
                    return set(.declined)
                }
                do {
                    try writer.clearPreviousRun()
                    try rows(writer)
                    guard let record = awaitRecord() else {
                        try? db.execute("ROLLBACK")
                        return set(.declined)
                    }
                    let id = try writer.writeRun(record)
                    try db.execute("COMMIT")
                    set(.done(.success(id)))
                } catch {
                    if db.inTransaction { try? db.execute("ROLLBACK") }
                    throw error
                }
            }
        } catch {
            set(.done(.failure(error)))
        }
    }
}
