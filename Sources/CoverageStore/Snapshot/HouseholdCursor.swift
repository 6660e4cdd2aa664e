import CoverageModel
import SpatialSQL

/// One range of household rows, in id order, in parallel arrays reused from range to range.
public struct HouseholdBatch: Sendable {
    /// Store row ids (the key of per-location results), ascending.
    public internal(set) var rowIDs: [Int64] = []
    /// Positions (lon, lat).
    public internal(set) var positions: [Coordinate] = []
    /// Households at each location.
    public internal(set) var households: [Int] = []
    /// Persons at each location, -1 when unknown (NULL).
    public internal(set) var persons: [Int] = []

    public init() {}

    /// The number of locations in the batch.
    public var count: Int { rowIDs.count }

    /// Empties the batch, keeping the arrays' capacity.
    mutating func removeAll() {
        rowIDs.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        households.removeAll(keepingCapacity: true)
        persons.removeAll(keepingCapacity: true)
    }
}

/// Reads ranges of household ids from a snapshot into a batch: the hot path of classification
/// (5–25 M rows), one prepared statement, no allocation per row.
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
public final class HouseholdCursor {
    static let select = "SELECT id, lon, lat, households, persons FROM households"
    static let sql = "\(select) WHERE id BETWEEN ? AND ?"
    /// The largest id distance the scattered-id cursor (`IDSeekQuery`) steps over rather than seeks.
    ///
    /// A step costs ≈ 1,300 instructions and a seek ≈ 4,500 on the national table, so ids up to 3
    /// apart are stepped to.
    static let stepLimit: Int64 = 3

    private let query: IDRangeQuery
    private let snapshot: ReadSnapshot
    /// Made at the first read of scattered ids.
    private var seeks: IDSeekQuery?

    init(_ snapshot: ReadSnapshot) throws {
        query = try IDRangeQuery(snapshot, sql: Self.sql)
        self.snapshot = snapshot
    }

    /// Replaces `batch`'s contents with the households whose ids lie in `ids`, in id order.
    public func read(_ ids: ClosedRange<Int64>, into batch: inout HouseholdBatch) throws {
        batch.removeAll()
        try query.forEachRow(in: ids) { append($0, to: &batch) }
    }

    /// Replaces `batch`'s contents with the households of the ascending `rowIDs`, in id order; ids
    /// not found are skipped.
    ///
    /// One forward cursor (`IDSeekQuery`): it steps to ids up to `stepLimit` apart and seeks
    /// further ones; no statement run builds a temporary table as the `IN` lists did. The province
    /// what-if run's 125,000 ids, mostly 1–3 apart: 0.66 → 0.42 G instructions; the national run's,
    /// mostly far apart, cost what they did in lists (≈ 5,100 each, SQLite's seek; D63).
    public func read(rowIDs: [Int64], into batch: inout HouseholdBatch) throws {
        batch.removeAll()
        if seeks == nil { seeks = try IDSeekQuery(snapshot.store, select: Self.select, stepLimit: Self.stepLimit) }
        try seeks?.forEachRow(of: rowIDs) { append($0, to: &batch) }
    }

    /// Appends the row's household to `batch`.
    @inline(__always)
    private func append(_ r: Row, to batch: inout HouseholdBatch) {
        batch.rowIDs.append(r.int(0))
        batch.positions.append(Coordinate(r.double(1), r.double(2)))
        batch.households.append(Int(r.int(3)))
        batch.persons.append(r.optionalInt(4).map(Int.init) ?? -1)
    }
}

extension ReadSnapshot {
    /// The smallest and largest household id, or nil when there are no households.
    public func householdIDSpan() throws -> ClosedRange<Int64>? {
        // Two subqueries: SQLite reads min() or max() of the key from one end of the B-tree only when
        // it is the query's single aggregate; `SELECT min(id), max(id)` scans the table (3 s at 25 M).
        let span = try store.wrap {
            try db.rows("SELECT (SELECT min(id) FROM households), (SELECT max(id) FROM households)") {
                ($0.optionalInt(0), $0.optionalInt(1))
            }
        }
        guard let first = span.first?.0, let last = span.first?.1, first <= last else { return nil }
        return first...last
    }

    /// A cursor over household id ranges on this snapshot.
    public func householdCursor() throws -> HouseholdCursor { try HouseholdCursor(self) }

    /// The households with the given row ids, in that order (ids not found are skipped).
    public func households(rowIDs: [Int64]) throws -> [Location] {
        guard !rowIDs.isEmpty else { return [] }
        return try store.wrap {
            let stmt = try db.prepare(
                "SELECT ext_id, lon, lat, households, persons, kind FROM households WHERE id = ?")
            return try rowIDs.compactMap { id in
                try stmt.bind([id])
                defer { stmt.reset() }
                guard try stmt.step() else { return nil }
                let r = stmt.row
                return Location(
                    id: r.text(0) ?? "", position: Coordinate(r.double(1), r.double(2)), households: Int(r.int(3)),
                    persons: r.optionalInt(4).map(Int.init),
                    kind: LocationKind(lenient: r.text(5) ?? "") ?? .residential)
            }
        }
    }
}
