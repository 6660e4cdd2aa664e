import SpatialSQL

/// Errors raised by the covaudit store.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The file exists but is not a covaudit store.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer covaudit.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The store file does not exist.
    case missing(path: String)
    /// An SQLite or SpatiaLite failure.
    case sql(SQLError)

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a covaudit store: \(reason)"
        case .newerSchema(let path, let found, let supported):
            "\(path) has schema version \(found), newer than this covaudit supports (\(supported)); upgrade covaudit"
        case .missing(let path): "\(path): no such store (create it with `covaudit init --db \(path)`)"
        case .sql(let e): e.description
        }
    }
}
