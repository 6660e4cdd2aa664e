import SpatialSQL

/// One prepared `… WHERE id >= ? ORDER BY id` statement, for reading ascending ids that may lie
/// close together or far apart: the cursor steps forward while the next id is near and seeks again
/// when it is far, so no statement run builds a temporary table (an `IN` list does: one ephemeral
/// b-tree per list) and ids a few rows apart cost a step each instead of a seek (issue 18).
///
/// Use it on its store's thread only.
final class IDSeekQuery {
    /// The largest id distance crossed by stepping rather than by a new seek (on a 5 M-row table a
    /// step costs ≈ 1,300 instructions, a seek with its reset ≈ 4,500).
    let stepLimit: Int64
    private let store: Store
    private let stmt: Statement

    /// `select` is the statement up to its `WHERE`; it reads the table's integer primary key `id`
    /// as its first column.
    init(_ store: Store, select: String, stepLimit: Int64) throws {
        precondition(stepLimit > 0)
        self.stepLimit = stepLimit
        self.store = store
        stmt = try store.wrap { try store.db.prepare("\(select) WHERE id >= ?1 ORDER BY id") }
    }

    /// Calls `row` for every row whose id is among the ascending `ids`, in id order (ids without a
    /// row are skipped); SQL errors come out as `StoreError`.
    func forEachRow(of ids: [Int64], _ row: (Row) throws -> Void) throws {
        var k = 0
        try store.wrap {
            defer { stmt.reset() }
            seeking: while k < ids.count {
                stmt.reset()
                stmt.bindInt(ids[k], at: 1)
                while try stmt.step() {
                    let id = stmt.row.int(0)
                    while ids[k] < id {
                        k += 1
                        if k == ids.count { return }
                    }
                    if ids[k] == id {
                        try row(stmt.row)
                        k += 1
                        if k == ids.count { return }
                    }
                    // ids[k] > id: step there when it is near, seek it when it is far.
                    if ids[k] - id > stepLimit { continue seeking }
                }
                // No row at or after ids[k]: no later id has one either.
                return
            }
        }
    }
}
