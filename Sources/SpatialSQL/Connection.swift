import CSpatiaLite

/// How to open a database file.
public enum OpenMode: Sendable {
    /// Read-only; the file must exist.
    case readOnly
    /// Read-write; the file must exist.
    case readWrite
    /// Read-write; the file is created when missing.
    case create
    /// Read-only on a file nobody can change while it is open (read-only media): SQLite's
    /// `immutable=1`, which needs no `-shm` file and takes no locks.
    case immutable
}

/// One SQLite connection with SpatiaLite initialised on it.
///
/// Owns the `sqlite3*` handle and the SpatiaLite cache, and frees both on deinit (cache after
/// close, as SpatiaLite requires). Not Sendable: one connection is used by one thread at a time.
public final class Connection {
    let handle: OpaquePointer
    private let spatialCache: UnsafeMutableRawPointer
    /// The path the connection was opened with.
    public let path: String
    /// How long a statement waits for another connection's write lock before failing (10 s).
    public static let defaultBusyTimeoutMilliseconds: Int32 = 10_000

    /// Opens `path` and initialises SpatiaLite on the connection.
    ///
    /// - Parameter busyTimeoutMilliseconds: how long a statement waits for another writer's lock.
    /// - Throws: `SQLError` with SQLite's message when the file cannot be opened.
    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds) throws {
        var db: OpaquePointer?
        let flags: Int32 =
            switch mode {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWrite: SQLITE_OPEN_READWRITE
            case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .immutable: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            }
        let name = mode == .immutable ? Self.immutableURI(path) : path
        let rc = sqlite3_open_v2(name, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            let errno = db.map { sqlite3_system_errno($0) } ?? 0
            if let db { sqlite3_close_v2(db) }
            throw SQLError(code: rc & 0xFF, extendedCode: rc, message: "\(message) (\(path))", systemErrno: errno)
        }
        guard let cache = spatialite_alloc_connection() else {
            sqlite3_close_v2(db)
            throw SQLError(code: -1, message: "SpatiaLite could not allocate its connection cache")
        }
        spatialite_init_ex(db, cache, 0)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        self.handle = db
        self.spatialCache = cache
        self.path = path
    }

    deinit {
        sqlite3_close_v2(handle)
        spatialite_cleanup_ex(spatialCache)
    }

    /// A `file:` URI for `path` with `immutable=1` (`?`, `#` and `%` percent-encoded).
    static func immutableURI(_ path: String) -> String {
        var uri = "file:"
        for c in path.unicodeScalars {
            switch c {
            case "?": uri += "%3f"
            case "#": uri += "%23"
            case "%": uri += "%25"
            default: uri.unicodeScalars.append(c)
            }
        }
        return uri + "?immutable=1"
    }

    /// Builds an error from a result code and the connection's current message.
    func error(_ rc: Int32, sql: String?) -> SQLError {
        let ext = sqlite3_extended_errcode(handle)
        return SQLError(
            code: rc & 0xFF, extendedCode: ext, message: String(cString: sqlite3_errmsg(handle)),
            sql: sql, systemErrno: sqlite3_system_errno(handle))
    }

    /// True when the main database was opened read-only (asked for, or the file or its file
    /// system did not allow writing and SQLite fell back to reading).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Runs one or more SQL statements with no parameters.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw SQLError(
                code: rc & 0xFF, extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql,
                systemErrno: sqlite3_system_errno(handle))
        }
    }

    /// Runs one statement with parameters.
    public func execute(_ sql: String, _ values: [any SQLBindable]) throws {
        try prepare(sql).bind(values).run()
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement { try Statement(connection: self, sql: sql) }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ values: [any SQLBindable] = []) throws -> SQLValue {
        let stmt = try prepare(sql).bind(values)
        defer { stmt.reset() }
        return try stmt.step() ? Row(statement: stmt).value(0) : .null
    }

    /// Every row, mapped by `body`.
    public func rows<T>(_ sql: String, _ values: [any SQLBindable] = [], _ body: (Row) throws -> T)
        throws -> [T]
    {
        var out: [T] = []
        try prepare(sql).bind(values).forEachRow { out.append(try body($0)) }
        return out
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True when a transaction is open.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Starts a transaction (`BEGIN IMMEDIATE` to write, `BEGIN` to read) on the current schema.
    public func begin(immediate: Bool) throws {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            try refreshSchema()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Reloads the schema when another connection changed it since this one last read it.
    ///
    /// SQLite notices a changed schema only when a statement runs. A statement compiled on the old
    /// schema whose triggers write an R*Tree (every SpatiaLite spatial index) fails with "no such
    /// table" for its own table: the R*Tree's internal statements reload the schema in the middle of
    /// the compile. One read of `sqlite_master` reloads it first; inside a transaction the snapshot
    /// (and, for a writer, the write lock) keeps it current until the end.
    public func refreshSchema() throws {
        _ = try scalar("SELECT 1 FROM sqlite_master LIMIT 1")
    }

    /// Runs `body` in a transaction (BEGIN IMMEDIATE): commits on return, rolls back on throw.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin(immediate: true)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if inTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Turns foreign-key enforcement off when `condition` holds and it is on; returns whether it did.
    ///
    /// Then call ``turnForeignKeyChecksOn()`` when done, also after a throw. Only outside a
    /// transaction: SQLite ignores the pragma inside one. For bulk writers that reference only rows
    /// they have just written themselves, where the per-row lookup is waste.
    public func turnForeignKeyChecksOff(if condition: Bool) throws -> Bool {
        guard condition, !inTransaction, try scalar("PRAGMA foreign_keys").int == 1 else { return false }
        try execute("PRAGMA foreign_keys=OFF")
        return true
    }

    /// Turns foreign-key enforcement back on (after ``turnForeignKeyChecksOff(if:)`` returned true).
    public func turnForeignKeyChecksOn() {
        try? execute("PRAGMA foreign_keys=ON")
    }

    /// Versions of the linked libraries: SQLite, SpatiaLite, GEOS, PROJ.
    public func libraryVersions() throws -> [String: String] {
        var out: [String: String] = ["sqlite": String(cString: sqlite3_libversion())]
        out["spatialite"] = String(cString: spatialite_version())
        out["geos"] = try scalar("SELECT geos_version()").text
        out["proj"] = try scalar("SELECT proj_version()").text
        return out
    }
}
