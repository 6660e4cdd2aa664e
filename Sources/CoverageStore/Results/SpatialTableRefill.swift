import SpatialSQL

/// Replaces every row of a SpatiaLite table that has an R*Tree spatial index, with the table's
/// per-row triggers suspended (inside the caller's transaction, which also restores them on failure);
/// an index emptied is built again in one go (``RTreeBulkLoad``).
///
/// SpatiaLite checks the geometry constraint, stamps `geometry_columns_time` and updates the R*Tree
/// in triggers on every inserted or deleted row: ~40 µs a row (71 k gap clusters: 2.9 s to delete
/// and insert). Here the old rows and index entries go in two statements, the new rows are inserted
/// plainly, and the index is filled in one statement. Only for rows whose geometry meets the column's
/// constraint by construction (the type and SRID checks are skipped). With `keeping`, the rows whose
/// id is at most `keeping` stay (a what-if run rewrites the clusters after the first that changed).
/// With `entries` (the caller knows every row's box), the index is emptied and built from them in
/// one go whatever stays, without reading the geometries back.
struct SpatialTableRefill {
    let db: Connection
    let table: String
    var geometry = "geom"
    /// Rows with an id up to this stay, with their index entries.
    var keeping: Int64 = 0
    /// The index entries of every row the table holds after the refill, when the caller knows them.
    var entries: [RTreeBulkLoad.Entry]?

    init(db: Connection, table: String, keeping: Int64 = 0) {
        self.db = db
        self.table = table
        self.keeping = keeping
    }

    /// Deletes the rows (after `keeping`), runs `insert` (which adds the new rows), then indexes them.
    func run(_ insert: () throws -> Void) throws {
        let triggers = try db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", [table]
        ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
        for (name, _) in triggers { try db.execute("DROP TRIGGER \(quoted(name))") }
        let index = quoted("idx_\(table)_\(geometry)")
        let g = quoted(geometry)
        // The index is built again whole when the entries are known or no row stays.
        let rebuild = entries != nil || keeping == 0
        if keeping > 0 {
            try db.execute("DELETE FROM \(quoted(table)) WHERE ROWID > ?", [keeping])
        } else {
            // Without WHERE SQLite empties the table in one go.
            try db.execute("DELETE FROM \(quoted(table))")
        }
        if rebuild {
            try clearIndex()
        } else {
            try db.execute("DELETE FROM \(index) WHERE pkid > ?", [keeping])
        }
        try insert()
        let bulk = RTreeBulkLoad(db: db, index: "idx_\(table)_\(geometry)")
        if rebuild, let nodeSize = try bulk.emptyNodeSize() {
            // An empty index is built in one go, not entry by entry.
            var all = try entries ?? bulk.entries(table: table, column: geometry, after: 0)
            try bulk.load(&all, nodeSize: nodeSize)
        } else {
            try db.execute(
                """
                INSERT INTO \(index)(pkid, xmin, xmax, ymin, ymax)
                SELECT ROWID, MbrMinX(\(g)), MbrMaxX(\(g)), MbrMinY(\(g)), MbrMaxY(\(g)) FROM \(quoted(table))
                WHERE ROWID > ? AND \(g) IS NOT NULL
                """, [rebuild ? 0 : keeping])
        }
        try db.execute(
            """
            UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
              last_delete = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE Lower(f_table_name) = Lower(?) AND Lower(f_geometry_column) = Lower(?)
            """, [table, geometry])
        for (_, sql) in triggers { try db.execute(sql) }
    }

    /// Empties the R*Tree as creating it does: its shadow tables emptied and an empty root node
    /// (a zero blob of the tree's node size). The R*Tree module deletes entry by entry, rebalancing
    /// the tree each time (30 k gap clusters: 0.9 s; this: milliseconds).
    private func clearIndex() throws {
        let name = "idx_\(table)_\(geometry)"
        let rootSize = try db.scalar("SELECT length(data) FROM \(quoted(name + "_node")) WHERE nodeno = 1").int
        guard let rootSize, rootSize > 0 else { return try db.execute("DELETE FROM \(quoted(name))") }
        for shadow in ["_node", "_rowid", "_parent"] { try db.execute("DELETE FROM \(quoted(name + shadow))") }
        try db.execute("INSERT INTO \(quoted(name + "_node"))(nodeno, data) VALUES (1, zeroblob(?))", [rootSize])
    }

    private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
