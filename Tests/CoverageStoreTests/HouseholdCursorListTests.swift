import CoverageModel
import CoverageStore
import CoverageTestSupport
import Testing

/// The household cursor reads scattered row ids in lists and runs of consecutive ids as ranges:
/// whatever the mix, it reads exactly the rows a whole-range read filtered to those ids holds.
@Suite struct HouseholdCursorListTests {
    /// Households in the store (more than two lists of scattered ids).
    static let count = 300

    /// Which offsets from the first row id each case reads (ascending; some past the last row).
    static let selections: [(name: String, offsets: [Int64])] = [
        ("none", []),
        ("one", [7]),
        ("every third", Array(stride(from: 0, to: Int64(count), by: 3))),
        ("runs and scattered", [0, 1, 2, 3, 9, 20, 21, 22, 23, 24, 25, 40, 42, 44] + Array(100..<170) + [250, 299]),
        ("short runs only", Array(stride(from: 0, to: Int64(count), by: 5)).flatMap { [$0, $0 + 1, $0 + 2] }),
        ("past the end", [5, 150, Int64(count) + 3, Int64(count) + 70]),
        ("every row", Array(0..<Int64(count))),
    ]

    @Test(arguments: selections.indices)
    func scatteredIDsReadAsTheRangeHoldsThem(selection: Int) throws {
        let dir = try FixtureDirectory()
        let store = try NumberedHouseholds.store(count: Self.count, in: dir)
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let span = try #require(try snapshot.householdIDSpan())
        let cursor = try snapshot.householdCursor()
        var whole = HouseholdBatch()
        try cursor.read(span, into: &whole)
        #expect(whole.count == Self.count)
        let ids = Self.selections[selection].offsets.map { span.lowerBound + $0 }
        var batch = HouseholdBatch()
        try cursor.read(rowIDs: ids, into: &batch)
        let wanted = Set(ids)
        let rows = whole.rowIDs.indices.filter { wanted.contains(whole.rowIDs[$0]) }
        #expect(batch.rowIDs == rows.map { whole.rowIDs[$0] })
        #expect(batch.positions == rows.map { whole.positions[$0] })
        #expect(batch.households == rows.map { whole.households[$0] })
        #expect(batch.persons == rows.map { whole.persons[$0] })
        // Read again on the same cursor: the same rows (the statements are reset after each use).
        var again = HouseholdBatch()
        try cursor.read(rowIDs: ids, into: &again)
        #expect(again.rowIDs == batch.rowIDs)
    }
}
