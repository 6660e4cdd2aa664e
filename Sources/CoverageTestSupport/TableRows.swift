import SpatialSQL

/// Rows of a query as comparable text, for tests that check two stores hold the same tables.
public enum TableRows {
    /// Every row of `sql` on `db`, its values joined by "|" (doubles by their bits, BLOBs in hex).
    public static func text(_ db: Connection, _ sql: String) throws -> [String] {
        let statement = try db.prepare(sql)
        var rows: [String] = []
        try statement.forEachRow { row in
            rows.append(
                (0..<statement.columnCount).map { i -> String in
                    switch row.value(i) {
                    case .null: "NULL"
                    case .integer(let v): String(v)
                    case .real(let v): String(v.bitPattern, radix: 16)
                    case .text(let v): v
                    case .blob(let v): v.map { String($0, radix: 16) }.joined(separator: ".")
                    }
                }.joined(separator: "|"))
        }
        return rows
    }
}
