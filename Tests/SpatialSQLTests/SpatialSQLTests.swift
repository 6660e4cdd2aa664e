import Foundation
import GeometryTestSupport
import SpatialSQL
import Testing

/// A path for a new database file in its own temporary folder.
private func temporaryDatabase(_ name: String = "t.sqlite") throws -> String {
    let dir = try TestScratch.directory("spatialsql")
    return dir.appendingPathComponent(name).path
}

/// The thin SQLite/SpatiaLite wrapper: connections, statements, rows, values and errors.
@Suite struct ConnectionTests {
    @Test func createOpensANewFileWithSpatiaLiteLoaded() throws {
        let path = try temporaryDatabase()
        let db = try Connection(path: path, mode: .create)
        #expect(db.path == path)
        #expect(!db.isReadOnly)
        #expect(try db.scalar("SELECT ST_AsText(MakePoint(1, 2))").text == "POINT(1 2)")
        let versions = try db.libraryVersions()
        #expect(Set(versions.keys) == ["sqlite", "spatialite", "geos", "proj"])
    }

    @Test func readOnlyRefusesWritesWithAReadOnlyError() throws {
        let path = try temporaryDatabase()
        try Connection(path: path, mode: .create).execute("CREATE TABLE t (x)")
        let db = try Connection(path: path, mode: .readOnly)
        #expect(db.isReadOnly)
        let error = try #require(throws: SQLError.self) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(error.isReadOnly)
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let path = try temporaryDatabase("missing.sqlite")
        let error = try #require(throws: SQLError.self) { try Connection(path: path, mode: .readOnly) }
        #expect(error.isCannotOpen)
    }
}

@Suite struct StatementTests {
    @Test(
        "values round-trip through bind and column",
        arguments: [
            SQLValue.null, .integer(0), .integer(Int64.min), .integer(Int64.max), .real(-0.5), .real(1e-300),
            .text(""), .text("Xã Minh Lương"), .text("a\u{0}b"), .blob([]), .blob([0, 1, 254, 255]),
        ])
    func roundTrip(_ value: SQLValue) throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (v)")
        try db.execute("INSERT INTO t VALUES (?)", [value])
        let back = try db.rows("SELECT v FROM t") { $0.value(0) }
        // An empty blob reads back as a zero-length blob or NULL depending on the SQLite build.
        if value == .blob([]) {
            #expect(back == [.blob([])] || back == [.null])
        } else if case .text(let s) = value, s.contains("\u{0}") {
            #expect(back.count == 1)  // text is bound up to its first NUL (C string)
        } else {
            #expect(back == [value])
        }
    }

    @Test(
        "bindText stores what binding the value as text stores",
        arguments: ["", "a", "Xã Minh Lương", "a\u{0}b", "\u{0}", String(repeating: "dài ", count: 40), "emoji 🇻🇳"])
    func bindTextMatchesBoundValue(_ text: String) throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (k INTEGER, v)")
        try db.execute("INSERT INTO t VALUES (1, ?)", [SQLValue.text(text)])
        let insert = try db.prepare("INSERT INTO t VALUES (2, ?)")
        insert.bindText(text, at: 1)
        try insert.run()
        let rows = try db.rows("SELECT v, typeof(v), length(CAST(v AS BLOB)) FROM t ORDER BY k") {
            [$0.value(0), $0.value(1), $0.value(2)]
        }
        #expect(rows.count == 2 && rows[0] == rows[1])
    }

    @Test func nullsReadAsNilAndIsNull() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (a, b, c)")
        try db.execute("INSERT INTO t VALUES (?, ?, ?)", [Int?.none, String?.none, Double?.none])
        let stmt = try db.prepare("SELECT a, b, c FROM t")
        #expect(try stmt.step())
        let row = stmt.row
        #expect(row.isNull(0) && row.isNull(1) && row.isNull(2))
        #expect(row.optionalInt(0) == nil && row.text(1) == nil && row.optionalDouble(2) == nil)
        #expect(row.blob(0) == nil)
        #expect(try !stmt.step())
    }

    @Test func typedBindsAndBlobsWithoutCopies() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        let bytes: [UInt8] = [1, 2, 3]
        for k in 0..<3 {
            insert.reset()
            insert.bindInt(Int64(k), at: 1)
            insert.bindDouble(Double(k) / 2, at: 2)
            insert.bindText(k == 1 ? nil : "row \(k)", at: 3)
            bytes.withUnsafeBytes { insert.bindBlob($0, at: 4) }
            insert.bindNull(at: 5)
            #expect(try !insert.step())
        }
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 3)
        var seen: [String] = []
        try db.prepare("SELECT i, d, s, b, n FROM t ORDER BY i").forEachRow { r in
            let blobCount = r.withBlob(3) { $0.count }
            seen.append("\(r.int(0)) \(r.double(1)) \(r.text(2) ?? "nil") \(blobCount) \(r.isNull(4))")
        }
        #expect(seen == ["0 0.0 row 0 3 true", "1 0.5 nil 3 true", "2 1.0 row 2 3 true"])
    }

    @Test func bindAvailableSkipsValuesPastTheLastParameter() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        let stmt = try db.prepare("SELECT ?1 + ?2")
        #expect(throws: SQLError.self) { try stmt.bind([1, 2, 3]) }
        try stmt.bindAvailable([1, 2, 3])
        #expect(try stmt.step())
        #expect(stmt.row.int(0) == 3)
    }

    @Test func columnNamesAndDeclaredTypes() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (id INTEGER, name TEXT)")
        let stmt = try db.prepare("SELECT id, name, 1 AS one FROM t")
        #expect(stmt.columnCount == 3)
        #expect((0..<3).map(stmt.columnName) == ["id", "name", "one"])
        #expect(stmt.columnDeclaredType(0) == "INTEGER")
        #expect(stmt.columnDeclaredType(2) == nil)
    }
}

@Suite struct SQLErrorTests {
    @Test func errorsCarrySQLitesMessageAndTheFailingSQL() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        let error = try #require(throws: SQLError.self) { try db.execute("SELECT * FROM nowhere") }
        #expect(error.code == 1)
        #expect(error.message.contains("no such table: nowhere"))
        #expect(error.sql == "SELECT * FROM nowhere")
        #expect(error.description == "SQLite error 1: \(error.message) - while executing `SELECT * FROM nowhere`")
    }

    @Test func constraintErrorsAreNamed() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v NOT NULL)")
        let error = try #require(throws: SQLError.self) { try db.execute("INSERT INTO t (v) VALUES (NULL)") }
        #expect(error.isConstraint)
        #expect(error.extendedCode != error.code)
        #expect(error.description.hasPrefix("SQLite error 19/\(error.extendedCode): "))
    }

    @Test(
        "result codes are named",
        arguments: [
            (5, "busy"), (6, "busy"), (8, "read-only"), (11, "corrupt"), (26, "corrupt"), (13, "disk full"),
            (14, "cannot open"), (19, "constraint"), (1, ""),
        ] as [(Int32, String)])
    func names(code: Int32, name: String) {
        let e = SQLError(code: code, message: "m")
        var names: [String] = []
        if e.isBusy { names.append("busy") }
        if e.isReadOnly { names.append("read-only") }
        if e.isCorrupt { names.append("corrupt") }
        if e.isDiskFull { names.append("disk full") }
        if e.isCannotOpen { names.append("cannot open") }
        if e.isConstraint { names.append("constraint") }
        #expect(names == (name.isEmpty ? [] : [name]))
        #expect(e.description == "SQLite error \(code): m")
    }

    @Test func anIOErrorWithENOSPCIsDiskFull() {
        #expect(SQLError(code: 10, message: "disk I/O error", systemErrno: ENOSPC).isDiskFull)
        #expect(SQLError(code: 10, message: "disk I/O error", systemErrno: EFBIG).isFileSizeLimit)
    }

    @Test func aSecondWriterGetsABusyError() throws {
        let path = try temporaryDatabase()
        let first = try Connection(path: path, mode: .create)
        try first.execute("CREATE TABLE t (x)")
        let second = try Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 10)
        try first.begin(immediate: true)
        let error = try #require(throws: SQLError.self) { try second.begin(immediate: true) }
        #expect(error.isBusy)
        try first.execute("ROLLBACK")
        try second.begin(immediate: true)
        try second.execute("COMMIT")
    }
}

@Suite struct TransactionTests {
    @Test func transactionCommitsOnReturn() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (x)")
        let n = try db.transaction {
            #expect(db.inTransaction)
            try db.execute("INSERT INTO t VALUES (1)")
            return 7
        }
        #expect(n == 7)
        #expect(!db.inTransaction)
        #expect(try db.scalar("SELECT count(*) FROM t").int == 1)
    }

    @Test func transactionRollsBackOnThrow() throws {
        struct Stop: Error {}
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t (x)")
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        #expect(!db.inTransaction)
        #expect(try db.scalar("SELECT count(*) FROM t").int == 0)
    }

    @Test func valuesConvertBetweenKinds() {
        #expect(SQLValue.integer(3).double == 3 && SQLValue.real(2.9).int == 2 && SQLValue.real(.nan).int == nil)
        #expect(SQLValue.integer(3).text == "3" && SQLValue.blob([1]).text == nil && SQLValue.null.text == nil)
        #expect(Optional<Int>.none.sqlValue == .null && true.sqlValue == .integer(1))
    }
}
