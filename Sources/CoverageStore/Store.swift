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
        let db = try wrap { try Connection(path: path, mode: .create) }
        do {
            try wrap {
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
    /// - Throws: `StoreError.missing`, `.notAStore` or `.newerSchema`.
    public static func open(at path: String, readOnly: Bool = false) throws -> Store {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.missing(path: path)
        }
        if isDirectory.boolValue { throw StoreError.notAStore(path: path, reason: "it is a directory") }
        let db: Connection
        do {
            db = try Connection(path: path, mode: readOnly ? .readOnly : .readWrite)
        } catch let error as SQLError {
            throw StoreError.notAStore(path: path, reason: error.message)
        }
        let appID: Int64
        let version: Int
        do {
            appID = try db.scalar("PRAGMA application_id").int ?? 0
            version = Int(try db.scalar("PRAGMA user_version").int ?? 0)
        } catch let error as SQLError {
            throw StoreError.notAStore(path: path, reason: error.message)
        }
        guard appID == applicationID else {
            let reason =
                appID == 0
                ? "it has no covaudit application id (an ordinary SQLite or SpatiaLite file?)"
                : "its application id is \(appID), not covaudit's \(applicationID)"
            throw StoreError.notAStore(path: path, reason: reason)
        }
        guard version <= Migrations.current else {
            throw StoreError.newerSchema(path: path, found: version, supported: Migrations.current)
        }
        let store = Store(db: db, path: path)
        if !readOnly {
            try wrap { try db.execute("PRAGMA journal_mode=WAL") }
            if version < Migrations.current { try store.migrate() }
        } else if version < Migrations.current {
            throw StoreError.notAStore(
                path: path,
                reason: "schema version \(version) needs migrating to \(Migrations.current); open it for writing once")
        }
        try wrap {
            try db.execute("PRAGMA foreign_keys=ON")
            // An integrity probe that fails fast on a damaged file.
            _ = try db.scalar("SELECT count(*) FROM datasets")
        }
        return store
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

/// Runs `body`, turning SQL errors into `StoreError.sql`.
@discardableResult
func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as SQLError { throw StoreError.sql(error) }
}
