import SpatialSQL

/// A consistent read view of a store: one read transaction, held until `end()` (or release).
///
/// The analysis reads every input through a snapshot, so every figure comes from the same store
/// contents even while an import commits. A snapshot is used from one thread at a time; parallel
/// readers take a `worker()` of their own, which is refused (nil) unless it sees the same contents.
public final class ReadSnapshot {
    /// The store whose connection holds the read transaction (the caller's, or a worker's own).
    package let store: Store
    /// The identity of the contents seen (`SnapshotIdentity`), the same on every worker.
    public let identity: String
    /// Opens workers on this snapshot's contents from any thread.
    public let workers: SnapshotWorkers
    private var isOpen = true

    /// Starts a read transaction on `store`'s connection and reads the contents' identity.
    init(store: Store) throws {
        try store.wrap { try store.db.begin(immediate: false) }
        do {
            identity = try store.wrap { try SnapshotIdentity.of(store.db) }
        } catch {
            try? store.db.execute("ROLLBACK")
            throw error
        }
        self.store = store
        workers = SnapshotWorkers(path: store.path, identity: identity)
    }

    /// The connection of the snapshot (store-internal).
    var db: Connection { store.db }

    /// A read-only snapshot on a connection of its own with the same contents, or nil when the
    /// store cannot be opened or an import committed since this snapshot began.
    public func worker() -> ReadSnapshot? { workers.open() }

    /// Ends the read transaction (idempotent; also done when the snapshot is released).
    public func end() {
        guard isOpen else { return }
        isOpen = false
        if db.inTransaction { try? db.execute("COMMIT") }
    }

    deinit { end() }
}

/// Opens worker snapshots of one store's contents: a path and an identity, safe to share between threads.
public struct SnapshotWorkers: Sendable {
    /// The store file.
    package let path: String
    /// The identity a worker must see.
    public let identity: String

    package init(path: String, identity: String) {
        self.path = path
        self.identity = identity
    }

    /// A read-only snapshot on a new connection, or nil when it cannot open or sees other contents.
    public func open() -> ReadSnapshot? {
        guard let store = try? Store.open(at: path, readOnly: true),
            let snapshot = try? ReadSnapshot(store: store), snapshot.identity == identity
        else { return nil }
        return snapshot
    }
}

extension Store {
    /// Starts a read snapshot on this store's connection (one read transaction until `end()`).
    ///
    /// - Throws: `StoreError` when the transaction cannot start (e.g. one is already open).
    public func readSnapshot() throws -> ReadSnapshot { try ReadSnapshot(store: self) }
}
