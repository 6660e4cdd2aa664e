import Foundation
import SpatialSQL

/// Errors raised by the covaudit store.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The file exists but is not a covaudit store.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer covaudit.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The store was written by an older covaudit and is opened for reading: it needs migrating once.
    case olderSchema(path: String, found: Int, current: Int)
    /// The schema version in the file's header is not the schema the file holds (the header was changed).
    case inconsistentSchema(path: String, found: Int, reason: String)
    /// The store file does not exist.
    case missing(path: String)
    /// The store cannot be written: read-only permissions, file or file system.
    case readOnly(path: String, reason: String)
    /// The store file is damaged: SQLite found a malformed page.
    case damaged(path: String, reason: String)
    /// A write ran out of room: the disk is full or a file size limit was reached.
    case diskFull(path: String, reason: String)
    /// Another process holds the store's write lock and did not release it in time.
    case busy(path: String, reason: String)
    /// The store (or its `-wal`/`-shm` companion) cannot be opened or read.
    case unavailable(path: String, reason: String)
    /// An SQLite or SpatiaLite failure.
    case sql(SQLError)

    /// Classifies an SQLite failure on the store at `path`: problems with the file itself
    /// (read-only, damaged, full, locked, unreadable) become their own case; the rest stay `.sql`.
    public init(_ error: SQLError, path: String) {
        if error.isDiskFull {
            let why =
                error.isFileSizeLimit
                ? "the file size limit was reached (ulimit -f)"
                : "the disk is full or a file size limit was reached"
            self = .diskFull(path: path, reason: "\(why): \(error.message)")
        } else if error.isReadOnly {
            self = .readOnly(path: path, reason: error.message)
        } else if error.isCorrupt {
            self = .damaged(path: path, reason: error.message)
        } else if error.isBusy {
            self = .busy(path: path, reason: error.message)
        } else if error.isCannotOpen || error.isIOError {
            let os = error.systemErrno != 0 ? " (\(String(cString: strerror(error.systemErrno))))" : ""
            self = .unavailable(path: path, reason: error.message + os)
        } else {
            self = .sql(error)
        }
    }

    /// The store path the error is about, when it names one.
    public var path: String? {
        switch self {
        case .notAStore(let path, _), .newerSchema(let path, _, _), .olderSchema(let path, _, _),
            .inconsistentSchema(let path, _, _),
            .missing(let path), .readOnly(let path, _),
            .damaged(let path, _), .diskFull(let path, _), .busy(let path, _), .unavailable(let path, _):
            path
        case .sql: nil
        }
    }

    /// What went wrong, without the path (for messages that name the store themselves).
    public var summary: String {
        switch self {
        case .notAStore(_, let reason): "not a covaudit store: \(reason)"
        case .newerSchema(_, let found, let supported):
            "schema version \(found) is newer than this covaudit supports (\(supported)); upgrade covaudit"
        case .olderSchema(let path, let found, let current):
            "schema version \(found) is older than this covaudit's (\(current)); migrate it once with "
                + "`covaudit init --db \(path)` (every row is kept; on a large store this takes a while)"
        case .inconsistentSchema(_, let found, let reason):
            "its header says schema version \(found), but \(reason); the header was changed outside covaudit, "
                + "so the store is neither read nor migrated: restore it from a backup"
        case .missing(let path): "no such store (create it with `covaudit init --db \(path)`)"
        case .readOnly(_, let reason): "the store is read-only: \(reason)"
        case .damaged(_, let reason):
            "the store file is damaged (\(reason)); restore it from a backup or rebuild it with `covaudit init`"
        case .diskFull(_, let reason): "cannot write the store: \(reason)"
        case .busy(_, let reason):
            "the store is locked by another process writing to it (an import, or a coverage or report run "
                + "saving its results) for longer than the \(Connection.defaultBusyTimeoutMilliseconds / 1000) s "
                + "busy timeout (\(reason)); try again when it has finished"
        case .unavailable(_, let reason): "cannot open or read the store: \(reason)"
        case .sql(let e): e.description
        }
    }

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a covaudit store: \(reason)"
        case .newerSchema(let path, let found, let supported):
            "\(path) has schema version \(found), newer than this covaudit supports (\(supported)); upgrade covaudit"
        case .missing(let path): "\(path): no such store (create it with `covaudit init --db \(path)`)"
        case .sql(let e): e.description
        default: "\(path ?? ""): \(summary)"
        }
    }
}
