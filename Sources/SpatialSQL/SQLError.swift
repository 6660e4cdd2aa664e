import Foundation

/// An error reported by SQLite or SpatiaLite, with the library's own message and the failing SQL.
public struct SQLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The SQLite primary result code (e.g. 19 for SQLITE_CONSTRAINT), or -1 for wrapper errors.
    public var code: Int32
    /// The extended result code, when SQLite reported one.
    public var extendedCode: Int32
    /// The message from `sqlite3_errmsg` (or SpatiaLite), verbatim.
    public var message: String
    /// The SQL statement that failed, when there was one.
    public var sql: String?
    /// The operating system's `errno` behind an I/O failure (`sqlite3_system_errno`), or 0.
    public var systemErrno: Int32

    public init(
        code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil, systemErrno: Int32 = 0
    ) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
        self.systemErrno = systemErrno
    }

    /// True for SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock.
    public var isBusy: Bool { code == 5 || code == 6 }

    /// True for SQLITE_CONSTRAINT (unique, not-null, check, foreign key).
    public var isConstraint: Bool { code == 19 }

    /// True when a write failed for lack of room: SQLITE_FULL, or an I/O error whose `errno` is
    /// ENOSPC (disk full), EFBIG (file size limit, `ulimit -f`) or EDQUOT (quota exceeded).
    public var isDiskFull: Bool {
        code == 13 || (code == 10 && [ENOSPC, EFBIG, EDQUOT].contains(systemErrno)) || isFileSizeLimit
    }

    /// True when the file size limit (`ulimit -f`, RLIMIT_FSIZE) stopped a write (errno EFBIG).
    public var isFileSizeLimit: Bool {
        if systemErrno == EFBIG { return true }
        // A write cut short by RLIMIT_FSIZE can leave errno unset: an I/O error while a limit is set.
        var limit = rlimit()
        return code == 10 && getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
    }

    /// True for SQLITE_READONLY: the database, its file or its file system cannot be written.
    public var isReadOnly: Bool { code == 8 }

    /// True for SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database.
    public var isCorrupt: Bool { code == 11 || code == 26 }

    /// True for SQLITE_CANTOPEN: the file (or its `-wal`/`-shm` companion) cannot be opened.
    public var isCannotOpen: Bool { code == 14 }

    /// True for SQLITE_IOERR: the operating system reported a read or write failure.
    public var isIOError: Bool { code == 10 }

    public var description: String {
        let codes = extendedCode != code ? "\(code)/\(extendedCode)" : "\(code)"
        if let sql { return "SQLite error \(codes): \(message) - while executing `\(sql)`" }
        return "SQLite error \(codes): \(message)"
    }
}
