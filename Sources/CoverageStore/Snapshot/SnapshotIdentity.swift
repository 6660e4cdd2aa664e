import SpatialSQL

/// The identity of a store's contents, to check that two connections see the same snapshot.
///
/// Every import adds a dataset row and every replace removes one, so the count, the newest id and
/// the total of row counts change whenever the layers change. Read it inside a transaction: a
/// worker connection that reads another identity than its caller's must not be used.
package enum SnapshotIdentity {
    /// The identity of what `db` sees now.
    package static func of(_ db: Connection) throws -> String {
        try db.scalar("SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || total(row_count) FROM datasets").text
            ?? ""
    }
}
