import CSpatiaLite

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement owned by one `Connection`; finalized on deinit.
///
/// Not Sendable: use it only on the thread that owns its connection.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw connection.error(rc, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds the values to parameters 1…n after resetting the statement.
    @discardableResult
    public func bind(_ values: [any SQLBindable]) throws -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, v) in values.enumerated() { try bind(v.sqlValue, at: Int32(i + 1)) }
        return self
    }

    /// Binds values to parameters 1…n, skipping values past the statement's highest parameter number.
    ///
    /// For SQL whose optional clauses use some numbered parameters (`?3`) only when present.
    @discardableResult
    public func bindAvailable(_ values: [any SQLBindable]) throws -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let count = Int(sqlite3_bind_parameter_count(handle))
        for (i, v) in values.enumerated() where i < count { try bind(v.sqlValue, at: Int32(i + 1)) }
        return self
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, SQLITE_TRANSIENT)
        case .blob(let b):
            rc = b.withUnsafeBytes {
                sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT)
            }
        }
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
    }

    /// Binds a double without boxing (hot path for bulk imports).
    public func bindDouble(_ value: Double, at index: Int32) {
        sqlite3_bind_double(handle, index, value)
    }

    /// Binds an integer without boxing (hot path for bulk imports).
    public func bindInt(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds NULL.
    public func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds text without boxing (hot path for bulk imports); nil binds NULL.
    public func bindText(_ value: String?, at index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        // The string's own UTF-8, up to its first NUL as a C string would be: no C string is made
        // (an allocation a value).
        let bound: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            let length = utf8.firstIndex(of: 0) ?? utf8.count
            guard let base = utf8.baseAddress, length > 0 else {
                sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT)
                return
            }
            let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(handle, index, text, Int32(length), SQLITE_TRANSIENT)
        }
        if bound == nil { sqlite3_bind_text(handle, index, value, -1, SQLITE_TRANSIENT) }
    }

    /// Binds bytes as a blob without boxing.
    public func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), SQLITE_TRANSIENT)
    }

    /// Binds bytes as a blob without copying them: they must stay unchanged until the statement
    /// has run and is bound again (bulk imports binding from a buffer of their own).
    public func bindBlob(borrowing bytes: UnsafeRawBufferPointer, at index: Int32) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil)  // nil: SQLITE_STATIC
    }

    /// Binds UTF-8 bytes as text without copying them, with the same lifetime rule as
    /// ``bindBlob(borrowing:at:)``; the caller guarantees the bytes are valid UTF-8.
    public func bindText(borrowingUTF8 bytes: UnsafeRawBufferPointer, at index: Int32) {
        // nil: SQLITE_STATIC
        sqlite3_bind_text(
            handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    /// Resets the statement so it can run again with new bindings.
    public func reset() { sqlite3_reset(handle) }

    /// Runs the statement to completion, ignoring any rows.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            if rc != SQLITE_ROW { throw connection.error(rc, sql: sql) }
        }
    }

    /// Steps once: true when a row is available, false when done.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let err = connection.error(rc, sql: sql)
        sqlite3_reset(handle)
        throw err
    }

    /// Calls `body` for every result row, then resets.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        let row = Row(statement: self)
        while try step() { try body(row) }
    }

    /// The current row after `step()` returned true.
    public var row: Row { Row(statement: self) }

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `i`.
    public func columnName(_ i: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(i))) }

    /// The declared type of result column `i` when it is a table column (`INTEGER`, `POINT`, ...), else nil.
    public func columnDeclaredType(_ i: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(i)).map { String(cString: $0).uppercased() }
    }
}

/// The current row of a stepping statement; valid only inside `forEachRow`.
public struct Row {
    let statement: Statement
    var handle: OpaquePointer { statement.handle }

    /// True when column `i` is NULL.
    public func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }

    /// Column `i` as a double (0 for NULL).
    public func double(_ i: Int) -> Double { sqlite3_column_double(handle, Int32(i)) }

    /// Column `i` as a double, or nil for NULL.
    public func optionalDouble(_ i: Int) -> Double? { isNull(i) ? nil : double(i) }

    /// Column `i` as an integer (0 for NULL).
    public func int(_ i: Int) -> Int64 { sqlite3_column_int64(handle, Int32(i)) }

    /// Column `i` as an integer, or nil for NULL.
    public func optionalInt(_ i: Int) -> Int64? { isNull(i) ? nil : int(i) }

    /// Column `i` as text, or nil for NULL.
    public func text(_ i: Int) -> String? {
        guard let p = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return String(cString: p)
    }

    /// Calls `body` with the bytes of blob column `i` (empty for NULL) without copying.
    public func withBlob<T>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let p = sqlite3_column_blob(handle, Int32(i))
        let n = Int(sqlite3_column_bytes(handle, Int32(i)))
        return try body(UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : n))
    }

    /// Column `i` as a blob copy, or nil for NULL.
    public func blob(_ i: Int) -> [UInt8]? {
        isNull(i) ? nil : withBlob(i) { Array($0) }
    }

    /// Column `i` as a dynamically typed value.
    public func value(_ i: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_INTEGER: .integer(int(i))
        case SQLITE_FLOAT: .real(double(i))
        case SQLITE_TEXT: .text(text(i) ?? "")
        case SQLITE_BLOB: .blob(blob(i) ?? [])
        default: .null
        }
    }
}
