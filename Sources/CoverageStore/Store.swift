import Foundation
import SpatialSQL

/// A covaudit store: one SpatiaLite file holding every layer, its provenance and results.
///
/// Owns one connection. Not Sendable: use a store from one thread; open another `Store` on the
/// same file for concurrent work (WAL lets readers run while one writer writes).
public final class Store {
    /// The SQLite `application_id` that marks a covaudit store ("CVAD").
    public static let applicationID: Int64 = 0x4356_4144
    /// The schema version this build reads and writes.
    public static var schemaVersion: Int { Migrations.current }

    /// The underlying connection (package access for the store's own modules and tests).
    package let db: Connection
    /// The file path.
    public let path: String
    /// The schema version the file had when opening it for writing migrated it (nil: not migrated).
    public private(set) var migratedFrom: Int?

    private init(db: Connection, path: String) {
        self.db = db
        self.path = path
    }

    /// Creates a new store at `path`, or opens it when it already is a covaudit store.
    ///
    /// - Throws: `StoreError.notAStore` when the file exists and holds something else.
    @discardableResult
    public static func create(at path: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path) {
            return try open(at: path, readOnly: false)
        }
        let db = try connect(path, mode: .create)
        do {
            try classified(path) {
                try db.execute("PRAGMA journal_mode=WAL")
                try db.execute("PRAGMA application_id=\(applicationID)")
                // InitSpatialMetadata(1) runs its own transaction: never inside BEGIN.
                let ok = try db.scalar("SELECT InitSpatialMetadata(1)").int
                guard ok == 1 else {
                    throw SQLError(code: -1, message: "InitSpatialMetadata(1) returned \(ok ?? 0)")
                }
            }
            let store = Store(db: db, path: path)
            try store.migrate()
            // As `open` does: a new store enforces its foreign keys from the first write.
            try store.wrap { try db.execute("PRAGMA foreign_keys=ON") }
            return store
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + "-wal")
            try? FileManager.default.removeItem(atPath: path + "-shm")
            throw error
        }
    }

    /// Opens an existing store, migrating an older schema when opened for writing.
    ///
    /// A store opened for writing must be writable: read-only permission bits are honoured even
    /// for root, and a read-only file or file system is refused before anything is written. A store
    /// opened for reading on read-only media is read without locks (SQLite's `immutable`).
    /// - Throws: `StoreError.missing`, `.notAStore`, `.newerSchema`, `.olderSchema`, `.inconsistentSchema`, `.readOnly`, `.damaged`,
    ///   `.unavailable`.
    public static func open(at path: String, readOnly: Bool = false) throws -> Store {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.missing(path: path)
        }
        if isDirectory.boolValue { throw StoreError.notAStore(path: path, reason: "it is a directory") }
        if !readOnly, let reason = StoreAccess.writeRefusal(path) {
            throw StoreError.readOnly(path: path, reason: reason)
        }
        var db = try connect(path, mode: readOnly ? .readOnly : .readWrite)
        if !readOnly, db.isReadOnly {
            throw StoreError.readOnly(path: path, reason: "the file or its file system does not allow writing")
        }
        let header: (appID: Int64, version: Int)
        do {
            header = try readHeader(db, path: path)
        } catch StoreError.unavailable where readOnly && StoreAccess.isOnReadOnlyFileSystem(path) {
            // WAL needs a -shm file beside the store; on read-only media read it immutably instead.
            db = try connect(path, mode: .immutable)
            header = try readHeader(db, path: path)
        }
        guard header.appID == applicationID else {
            let reason =
                header.appID == 0
                ? "it has no covaudit application id (an ordinary SQLite or SpatiaLite file?)"
                : "its application id is \(header.appID), not covaudit's \(applicationID)"
            throw StoreError.notAStore(path: path, reason: reason)
        }
        let version = header.version
        guard version <= Migrations.current else {
            throw StoreError.newerSchema(path: path, found: version, supported: Migrations.current)
        }
        if let reason = try Migrations.inconsistency(db, version: version, path: path) {
            throw StoreError.inconsistentSchema(path: path, found: version, reason: reason)
        }
        let store = Store(db: db, path: path)
        if !readOnly {
            try store.wrap { try db.execute("PRAGMA journal_mode=WAL") }
            if version < Migrations.current {
                try store.migrate()
                store.migratedFrom = version
            }
        } else if version < Migrations.current {
            throw StoreError.olderSchema(path: path, found: version, current: Migrations.current)
        }
        try store.wrap {
            try db.execute("PRAGMA foreign_keys=ON")
            // An integrity probe that fails fast on a damaged file.
            _ = try db.scalar("SELECT count(*) FROM datasets")
        }
        return store
    }

    /// Opens a connection, classifying failures as store errors.
    private static func connect(_ path: String, mode: OpenMode) throws -> Connection {
        do {
            return try Connection(path: path, mode: mode)
        } catch let error as SQLError {
            throw error.code == 26
                ? StoreError.notAStore(path: path, reason: error.message) : StoreError(error, path: path)
        }
    }

    /// Reads `application_id` and `user_version`: the first reads of the file.
    private static func readHeader(_ db: Connection, path: String) throws -> (appID: Int64, version: Int) {
        do {
            return (try db.scalar("PRAGMA application_id").int ?? 0, Int(try db.scalar("PRAGMA user_version").int ?? 0))
        } catch let error as SQLError {
            // SQLITE_NOTADB on the first read: some other kind of file.
            throw error.code == 26
                ? StoreError.notAStore(path: path, reason: error.message) : StoreError(error, path: path)
        }
    }

    /// Applies pending migrations, each in its own transaction, checking SpatiaLite's 0/1 results.
    private func migrate() throws {
        let from = Int(try wrap { try db.scalar("PRAGMA user_version").int } ?? 0)
        for migration in Migrations.all where migration.version > from {
            try wrap {
                try db.transaction {
                    for sql in migration.statements {
                        if sql.hasPrefix("SELECT") {
                            let result = try db.scalar(sql).int
                            guard result == 1 else {
                                throw SQLError(code: -1, message: "returned \(result ?? 0), expected 1", sql: sql)
                            }
                        } else {
                            try db.execute(sql)
                        }
                    }
                    try migration.finish?(db)
                    try db.execute(
                        "INSERT OR REPLACE INTO covaudit_meta(key, value) VALUES ('schema_version', ?)",
                        [String(migration.version)])
                    try db.execute("PRAGMA user_version=\(migration.version)")
                }
            }
        }
    }

    /// Runs `body` in one write transaction; everything it did is rolled back if it throws.
    package func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try db.transaction { try body() }
    }

    /// Versions of SQLite, SpatiaLite, GEOS and PROJ behind this store.
    public func libraryVersions() throws -> [String: String] {
        try wrap { try db.libraryVersions() }
    }
}

/// Runs `body`, turning SQL errors into `StoreError`s about the store at `path`.
@discardableResult
func classified<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as SQLError { throw StoreError(error, path: path) }
}

extension Store {
    /// Runs `body`, turning SQL errors into `StoreError`s that name this store (read-only,
    /// damaged, full, locked) or `StoreError.sql`.
    ///
    /// Callers outside the store use it around work that reads a snapshot or writes through a
    /// sink, so they never see the SQL layer's errors.
    @discardableResult
    package func wrap<T>(_ body: () throws -> T) throws -> T {
        try classified(path, body)
    }
}
