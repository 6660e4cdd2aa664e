import CoverageModel

/// The spatial-index entries of the rows an import inserts, taken from the boxes it already has
/// instead of read back from the table, when it knows every inserted row's box.
///
/// Used on the import thread only. A row inserted without a known box makes the whole set unusable
/// (``isComplete`` false): the index then reads the boxes back with SQL, as before.
final class InsertedBoxes {
    /// One entry per inserted row, in insertion (row id) order, as ``RTreeBulkLoad/entries(table:column:after:)`` gives them.
    private(set) var entries: [RTreeBulkLoad.Entry] = []
    /// False once a row was inserted whose box is not known here.
    private(set) var isComplete = true

    /// Records the row `rowid` just inserted with a geometry whose MBR (the BLOB's) is `box`, or
    /// without a geometry (no entry) for nil.
    func add(rowid: Int64, box: BoundingBox?) {
        guard isComplete, let box else { return }
        entries.append(
            RTreeBulkLoad.Entry(
                rowid: rowid, minX: RTreeBulkLoad.down(box.minX), maxX: RTreeBulkLoad.up(box.maxX),
                minY: RTreeBulkLoad.down(box.minY), maxY: RTreeBulkLoad.up(box.maxY)))
    }

    /// Records that a row was inserted whose box is not known here: the entries are not used.
    func markUnknown() {
        isComplete = false
        entries = []
    }
}
