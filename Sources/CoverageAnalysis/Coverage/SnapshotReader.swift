import CoverageStore
import Foundation
import SpatialSQL

/// A read-only worker connection that sees the same store contents as the caller's snapshot.
///
/// SQLite connections are not shared across threads, so parallel readers open their own. The
/// reader starts a read transaction and compares the store's `SnapshotIdentity`
/// with the caller's: an import that committed meanwhile changes it, and the reader is refused
/// (nil), so the caller does that work itself and never mixes two states of the store.
final class SnapshotReader {
    let db: Connection

    /// Opens `path` read-only on the snapshot with `fingerprint`, or nil when it cannot.
    init?(path: String, fingerprint: String) {
        guard let db = try? Connection(path: path, mode: .readOnly) else { return nil }
        guard (try? db.begin(immediate: false)) != nil else { return nil }
        guard (try? SnapshotIdentity.of(db)) == fingerprint else {
            try? db.execute("ROLLBACK")
            return nil
        }
        self.db = db
    }

    deinit { try? db.execute("COMMIT") }
}
