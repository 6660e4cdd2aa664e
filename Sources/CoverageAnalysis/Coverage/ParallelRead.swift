import CoverageStore
import Foundation

/// Reads something from the store on a second connection and thread, on the caller's snapshot.
///
/// The reader opens the store read-only, starts a read transaction and compares the datasets
/// fingerprint with the caller's (inside the caller's read transaction); when they differ (an
/// import committed in between) or the second connection fails, `value()` reads on the caller's
/// store instead, so the result always comes from the caller's snapshot.
final class ParallelRead<Value: Sendable>: @unchecked Sendable {
    private let store: Store
    private let read: @Sendable (Store) throws -> Value
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    /// Starts reading with `read` on a second connection to `store`'s file.
    init(store: Store, read: @escaping @Sendable (Store) throws -> Value) {
        self.store = store
        self.read = read
        let path = store.path
        guard let fingerprint = try? SnapshotIdentity.of(store.db) else {
            done.signal()
            return
        }
        let thread = Thread { [self] in
            defer { done.signal() }
            guard let other = try? Store.open(at: path, readOnly: true),
                (try? other.db.begin(immediate: false)) != nil
            else { return }
            defer { try? other.db.execute("COMMIT") }
            guard (try? SnapshotIdentity.of(other.db)) == fingerprint else { return }
            result = Result { try read(other) }
        }
        thread.name = "covaudit parallel read"
        thread.start()
    }

    /// The value read in parallel, or read now on the caller's store when the reader could not.
    func value() throws -> Value {
        done.wait()
        done.signal()  // later calls do not wait
        if let result { return try result.get() }
        return try read(store)
    }
}
