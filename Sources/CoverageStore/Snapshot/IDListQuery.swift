import SpatialSQL

/// One prepared `… WHERE id IN (?1, …, ?n) ORDER BY id` statement on a snapshot, for reading
/// scattered ids a list at a time: one statement run per `size` ids instead of one per id (a
/// what-if run reads tens of thousands of households whose ids are nearly all apart, issue 18).
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
final class IDListQuery {
    /// The ids bound per run of the statement.
    let size: Int
    private let snapshot: ReadSnapshot
    private let stmt: Statement

    /// `select` is the statement up to its `WHERE` (it reads the table's `id` column).
    init(_ snapshot: ReadSnapshot, select: String, size: Int) throws {
        precondition(size > 0)
        self.size = size
        self.snapshot = snapshot
        let list = (1...size).map { "?\($0)" }.joined(separator: ",")
        stmt = try snapshot.store.wrap { try snapshot.db.prepare("\(select) WHERE id IN (\(list)) ORDER BY id") }
    }

    /// Calls `row` for every row whose id is among `ids` (at most `size` of them), in id order; SQL
    /// errors come out as `StoreError`.
    func forEachRow(in ids: ArraySlice<Int64>, _ row: (Row) throws -> Void) throws {
        precondition(ids.count <= size)
        try snapshot.store.wrap {
            // The places left over hold NULL, which no id equals.
            var place: Int32 = 1
            for id in ids {
                stmt.bindInt(id, at: place)
                place += 1
            }
            while place <= Int32(size) {
                stmt.bindNull(at: place)
                place += 1
            }
            defer { stmt.reset() }
            while try stmt.step() { try row(stmt.row) }
        }
    }
}
