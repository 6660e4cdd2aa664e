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

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// True for SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock.
    public var isBusy: Bool { code == 5 || code == 6 }

    /// True for SQLITE_CONSTRAINT (unique, not-null, check, foreign key).
    public var isConstraint: Bool { code == 19 }

    /// True for SQLITE_FULL (disk or quota full) and SQLITE_IOERR.
    public var isDiskFull: Bool { code == 13 || (code == 10 && extendedCode == 3338) }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) - while executing `\(sql)`" }
        return "SQLite error \(code): \(message)"
    }
}
