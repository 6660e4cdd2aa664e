import SpatialSQL

/// One prepared `… WHERE id BETWEEN ? AND ?` statement on a snapshot, stepped row by row for a range
/// of ids: what the household and measurement cursors share.
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
final class IDRangeQuery {
    private let snapshot: ReadSnapshot
    private let stmt: Statement

    init(_ snapshot: ReadSnapshot, sql: String) throws {
        self.snapshot = snapshot
        stmt = try snapshot.store.wrap { try snapshot.db.prepare(sql) }
    }

    /// Calls `row` for every row whose id lies in `ids`, in id order; SQL errors come out as `StoreError`.
    @inline(__always)
    func forEachRow(in ids: ClosedRange<Int64>, _ row: (Row) throws -> Void) throws {
        try snapshot.store.wrap {
            // Bound without boxing: a what-if run reads tens of thousands of one-row ranges. The
            // statement is reset after every use, so it is ready for new bindings.
            stmt.bindInt(ids.lowerBound, at: 1)
            stmt.bindInt(ids.upperBound, at: 2)
            defer { stmt.reset() }
            while try stmt.step() { try row(stmt.row) }
        }
    }
}
