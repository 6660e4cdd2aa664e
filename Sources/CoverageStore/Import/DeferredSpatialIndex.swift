import SpatialSQL

/// Inserts many rows into a SpatiaLite table without its per-row insert triggers, then brings the
/// spatial index and the metadata up to date in one statement each.
///
/// Per row, SpatiaLite's triggers check the geometry type against `geometry_columns`, stamp
/// `geometry_columns_time`, and add the row to the R*Tree through `RTreeAlign`, which prepares an
/// SQL statement every time: most of a 10 M-row measurement import. The callers insert geometries
/// they built themselves as valid SRID 4326 values of the column's type (`MakePoint`, a quadkey's
/// polygon), so the type check is redundant; the triggers are re-created, unchanged, in the same
/// transaction, and the new rows (ids above those present before) are added to the R*Tree as
/// `RTreeAlign` adds them (SQLite's R*Tree rounds the box outward to 32-bit floats either way);
/// an index empty before the load is built in one go (``RTreeBulkLoad``).
struct DeferredSpatialIndex {
    let db: Connection
    let table: String
    let geometry: String

    /// Runs `body` (which inserts rows into `table`) with the insert triggers dropped; an empty index
    /// is packed from `boxes` when `body` recorded every row there, else from the rows read back.
    func run<T>(boxes: InsertedBoxes? = nil, _ body: () throws -> T) throws -> T {
        let names = ["ggi", "tmi", "gii"].map { "\($0)_\(table)_\(geometry)" }
        let triggers = try db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?, ?)",
            [table] + names
        ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
        let before = try db.scalar("SELECT coalesce(max(rowid), 0) FROM \"\(table)\"").int ?? 0
        for (name, _) in triggers { try db.execute("DROP TRIGGER \"\(name)\"") }
        let result = try body()
        for (_, sql) in triggers { try db.execute(sql) }
        let bulk = RTreeBulkLoad(db: db, index: "idx_\(table)_\(geometry)")
        if triggers.contains(where: { $0.0 == names[2] }), let nodeSize = try bulk.emptyNodeSize() {
            var entries =
                if let boxes, boxes.isComplete { boxes.entries } else {
                    try bulk.entries(table: table, column: geometry, after: before)
                }
            try bulk.load(&entries, nodeSize: nodeSize)
        } else if triggers.contains(where: { $0.0 == names[2] }) {
            try db.execute(
                """
                INSERT INTO "idx_\(table)_\(geometry)" (pkid, xmin, xmax, ymin, ymax)
                SELECT rowid, MbrMinX("\(geometry)"), MbrMaxX("\(geometry)"), MbrMinY("\(geometry)"), MbrMaxY("\(geometry)")
                FROM "\(table)" WHERE rowid > \(before) AND "\(geometry)" IS NOT NULL
                """)
        }
        try db.execute(
            """
            UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE lower(f_table_name) = lower('\(table)') AND lower(f_geometry_column) = lower('\(geometry)')
            """)
        return result
    }
}
