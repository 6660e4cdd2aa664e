import SpatialSQL

/// Inserts the per-location rows of a run into `location_results` and its code tables (inside the
/// caller's transaction); the view `location_coverage` unpacks them.
///
/// A row costs SQLite about half a microsecond plus its bindings, so the rows are packed (schema
/// version 3: household id as the row id, unit and hamlet as integer positions, the seven yes/no
/// columns as one bit field, distances in centimetres — 7 values instead of 14) and written 128 per
/// INSERT in row-id order (appends to the B-tree). 24.8 M rows: 27.8 s with version 2's layout.
struct LocationRowsWriter {
    let db: Connection
    /// Rows per INSERT statement.
    static let rowsPerStatement = 128
    static let columnsPerRow: Int32 = 7

    static let sqlPrefix = """
        INSERT INTO location_results(household_id, unit, hamlet, flags, operators_4g, fibre_cm, fibre_network_cm)
        VALUES
        """

    /// Inserts every row of `rows`; unit and hamlet positions index `unitCodes` and `hamletCodes`.
    func write(_ rows: LocationRows, unitCodes: [String], hamletCodes: [String]) throws {
        try writeCodes(unitCodes, table: "location_units")
        try writeCodes(hamletCodes, table: "location_hamlets")
        let k = Self.rowsPerStatement
        let full = try db.prepare(Self.sql(rows: k))
        for block in rows.blocks {
            let n = block.rowIDs.count
            var start = 0
            while start < n {
                let m = Swift.min(k, n - start)
                let stmt = m == k ? full : try db.prepare(Self.sql(rows: m))
                for j in 0..<m { bind(block, start + j, to: stmt, at: Int32(j) * Self.columnsPerRow) }
                _ = try stmt.step()
                stmt.reset()
                start += m
            }
        }
    }

    /// Replaces the rows of `block` (same household ids, new values), keeping every other row and
    /// the code tables (a what-if run changes no unit or hamlet).
    func replace(_ block: LocationRowBlock) throws {
        let stmt = try db.prepare(
            "REPLACE" + Self.sqlPrefix.dropFirst("INSERT".count) + " (?,?,?,?,?,?,?)")
        for r in block.rowIDs.indices {
            bind(block, r, to: stmt, at: 0)
            _ = try stmt.step()
            stmt.reset()
        }
    }

    private func writeCodes(_ codes: [String], table: String) throws {
        let insert = try db.prepare("INSERT INTO \(table)(position, code) VALUES (?, ?)")
        for (position, code) in codes.enumerated() { try insert.bind([position, code]).run() }
    }

    static func sql(rows: Int) -> String {
        sqlPrefix + " " + repeatElement("(?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
    }

    /// Binds row `r` to parameters `base + 1 … base + 7`.
    @inline(__always)
    private func bind(_ rows: LocationRowBlock, _ r: Int, to stmt: Statement, at base: Int32) {
        stmt.bindInt(rows.rowIDs[r], at: base + 1)
        bindPosition(stmt, rows.units[r], at: base + 2)
        bindPosition(stmt, rows.hamlets[r], at: base + 3)
        stmt.bindInt(Int64(rows.flags[r]), at: base + 4)
        stmt.bindInt(Int64(rows.operators4G[r]), at: base + 5)
        bindCentimetres(stmt, rows.fibreMetres[r], at: base + 6)
        bindCentimetres(stmt, rows.networkMetres[r], at: base + 7)
    }

    @inline(__always)
    private func bindPosition(_ stmt: Statement, _ position: Int32, at i: Int32) {
        if position < 0 { stmt.bindNull(at: i) } else { stmt.bindInt(Int64(position), at: i) }
    }

    @inline(__always)
    private func bindCentimetres(_ stmt: Statement, _ metres: Float, at i: Int32) {
        if metres.isNaN { stmt.bindNull(at: i) } else { stmt.bindInt(Int64((Double(metres) * 100).rounded()), at: i) }
    }
}
