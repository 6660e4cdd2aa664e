import CoverageModel
import CoverageTestSupport
import Testing

@testable import CoverageStore

/// The household cursor reads ascending scattered row ids on one forward cursor (stepping over near
/// ids, seeking far ones): it reads exactly the rows a whole-range read filtered to those ids holds,
/// in the same order, whether the ids are dense, sparse, missing from the table or at its ends.
@Suite struct HouseholdCursorSeekTests {
    /// Households imported (some deleted again, leaving holes in the ids).
    static let count: Int64 = 400
    /// Offsets from the first row id whose rows are deleted: one long hole and scattered ones.
    static let holes: [Int64] = Array(50..<80) + Array(stride(from: 200, to: 260, by: 7)) + [398]
    /// The step limit, as an offset distance.
    static let limit = HouseholdCursor.stepLimit

    /// Which offsets from the first row id each case reads (ascending; some outside the table).
    static let selections: [(name: String, offsets: [Int64])] = [
        ("none", []),
        ("every row and hole", Array(0..<count)),
        ("sparse, every seek", Array(stride(from: 3, to: count, by: Int(limit) * 4 + 1))),
        (
            "near and far mixed",
            Array(stride(from: 0, to: 60, by: 3)) + [90, 91, 140] + Array(stride(from: 141, to: 300, by: 11))
        ),
        ("gaps at the step limit", [0, limit, 2 * limit + 1, 3 * limit + 1, 4 * limit + 3, 6 * limit + 3]),
        ("only missing ids", [-7, -1] + holes + [count, count + 50]),
        ("near ids across a long hole", [45, 48, 49, 80, 81]),
        ("far ids into a long hole", [10, 52, 79, 120]),
        ("first and last rows", [0, count - 1]),
        ("last row only", [count - 1]),
        ("before the first row", [-3, -2, -1, 0, 1]),
        ("past the last row", [390, 397, 398, 399, count, count + 1, count + 1000]),
    ]

    @Test(arguments: selections.indices)
    func seekingCursorReadsWhatTheRangeRead(selection: Int) throws {
        let dir = try FixtureDirectory()
        let store = try NumberedHouseholds.store(count: Int(Self.count), in: dir)
        let first = try #require(try store.db.scalar("SELECT min(id) FROM households").int)
        let holes = Self.holes.map { String(first + $0) }.joined(separator: ",")
        try store.db.execute("DELETE FROM households WHERE id IN (\(holes))")
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let cursor = try snapshot.householdCursor()
        var whole = HouseholdBatch()
        try cursor.read(first...(first + Self.count), into: &whole)
        #expect(whole.count == Int(Self.count) - Self.holes.count)
        let ids = Self.selections[selection].offsets.map { first + $0 }
        var seeking = HouseholdBatch()
        try cursor.read(rowIDs: ids, into: &seeking)
        let wanted = Set(ids)
        let rows = whole.rowIDs.indices.filter { wanted.contains(whole.rowIDs[$0]) }
        #expect(seeking.rowIDs == rows.map { whole.rowIDs[$0] })
        #expect(seeking.positions == rows.map { whole.positions[$0] })
        #expect(seeking.households == rows.map { whole.households[$0] })
        #expect(seeking.persons == rows.map { whole.persons[$0] })
        // Again on the same cursor after a range read: the same rows (statements reset after use).
        var range = HouseholdBatch()
        try cursor.read(first...(first + 9), into: &range)
        var again = HouseholdBatch()
        try cursor.read(rowIDs: ids, into: &again)
        #expect(again.rowIDs == seeking.rowIDs)
        #expect(again.persons == seeking.persons)
    }
}
