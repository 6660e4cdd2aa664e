import Foundation
import SpatialSQL

/// Where a coverage run's results go: the store's result tables, replacing the previous run in one
/// write transaction.
///
/// The per-location rows are the largest write (24.8 M rows: ~8 s on one core) and nothing computed
/// after the classification needs them, so `writeRowsEarly` writes them on a connection of the
/// sink's own while the analysis computes the rest (call it beside that work, in
/// `ParallelChunks.beside`). That connection takes the write lock and must see the analysis' snapshot
/// (`SnapshotIdentity`); when it does not (an import committed meanwhile, or the lock stayed busy for
/// a second), it writes nothing and `finish` writes everything on the store's connection instead.
/// Then `finish` adds the run and commits, or `cancel` rolls back.
///
/// `@unchecked Sendable`: the one mutable field, `early`, is only read and written while holding
/// `lock`; the early connection is used by one thread at a time (by `writeRowsEarly` until it
/// returns, then by `finish` or `cancel`, which the caller calls after that).
public final class ResultsSink: @unchecked Sendable {
    private let store: Store
    private let lock = NSLock()
    private var early: EarlyRows?

    /// The rows written on the sink's own connection, inside its open write transaction.
    private struct EarlyRows {
        let db: Connection
        let tables: ResultTables
        /// Restores the connection's foreign-key and cache settings.
        let restore: () -> Void
        /// Set when writing the rows failed (rethrown by `finish`).
        var failure: (any Error)?
    }

    init(store: Store) { self.store = store }

    /// Writes `rows` (unit and hamlet positions index `unitCodes` and `hamletCodes`) in a write
    /// transaction left open on a connection of the sink's own, if it sees the snapshot `identity`.
    ///
    /// - Returns: false when nothing was written (the lock stayed busy, another snapshot, or the
    ///   store could not be opened): `finish` then writes the rows itself. A write error is kept and
    ///   rethrown by `finish`.
    @discardableResult
    package func writeRowsEarly(
        _ rows: LocationRows, unitCodes: [String], hamletCodes: [String], identity: String
    ) -> Bool {
        guard let db = try? Connection(path: store.path, mode: .readWrite, busyTimeoutMilliseconds: 1_000) else {
            return false
        }
        let tables = ResultTables(db: db)
        guard let restore = try? tables.bulkSettings() else { return false }
        guard (try? db.begin(immediate: true)) != nil else {
            restore()
            return false
        }
        guard (try? SnapshotIdentity.of(db)) == identity else {
            try? db.execute("ROLLBACK")
            restore()
            return false
        }
        var written = EarlyRows(db: db, tables: tables, restore: restore)
        do {
            try tables.clearPreviousRun()
            try LocationRowsWriter(db: db).write(rows, unitCodes: unitCodes, hamletCodes: hamletCodes)
        } catch {
            written.failure = error
        }
        lock.withLock { early = written }
        return true
    }

    /// Stores `run` (with `rows` unless they were written early) and commits; returns the run id.
    ///
    /// - Throws: the error of writing the rows early, or of writing now; nothing is stored then.
    package func finish(_ run: StoredRun, rows: LocationRows?, unitCodes: [String], hamletCodes: [String]) throws
        -> Int64
    {
        guard let e = takeEarly() else {
            return try ResultTables(db: store.db).write(run, rows: rows, unitCodes: unitCodes, hamletCodes: hamletCodes)
        }
        defer { e.restore() }
        do {
            if let failure = e.failure { throw failure }
            let id = try e.tables.writeRun(run)
            try e.db.execute("COMMIT")
            return id
        } catch {
            if e.db.inTransaction { try? e.db.execute("ROLLBACK") }
            throw error
        }
    }

    /// Rolls back the rows written early, if any (the analysis failed).
    package func cancel() {
        guard let e = takeEarly() else { return }
        if e.db.inTransaction { try? e.db.execute("ROLLBACK") }
        e.restore()
    }

    private func takeEarly() -> EarlyRows? {
        lock.withLock {
            defer { early = nil }
            return early
        }
    }
}

extension Store {
    /// A sink for one coverage run's results.
    package func resultsSink() -> ResultsSink { ResultsSink(store: self) }
}
