import SpatialSQL

extension Migrations {
    /// Why a store's header version cannot be the schema it holds, or nil when it can.
    ///
    /// A negative version was never written by covaudit. An older version must not hold any table
    /// that a later migration creates (else migrating would fail half-way with "table … already
    /// exists", and reading would use the wrong layout).
    static func inconsistency(_ db: Connection, version: Int, path: String) throws -> String? {
        if version < 0 { return "no covaudit schema has a negative version" }
        let statements = all.filter { $0.version > version }.flatMap(\.statements)
        let later = statements.compactMap(createdTable)
        var present: [String] = []
        if !later.isEmpty {
            let marks = Array(repeating: "?", count: later.count).joined(separator: ",")
            present = try classified(path) {
                try db.rows(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (\(marks)) ORDER BY name", later
                ) { $0.text(0) ?? "" }
            }
        }
        // Columns a later migration adds to an existing table (`ALTER TABLE t ADD COLUMN c`).
        for (table, column) in statements.compactMap(addedColumn) where !present.contains(table) {
            let found = try classified(path) {
                try db.scalar("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", [table, column]).int ?? 0
            }
            if found > 0 { present.append("\(table).\(column)") }
        }
        guard !present.isEmpty else { return nil }
        return "it already holds \(present.joined(separator: ", ")) from a later schema version"
    }

    /// The table and column an `ALTER TABLE t ADD COLUMN c …` statement adds, or nil for other statements.
    static func addedColumn(_ sql: String) -> (table: String, column: String)? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard words.count >= 6, words[0] == "ALTER", words[1] == "TABLE", words[3] == "ADD", words[4] == "COLUMN"
        else { return nil }
        return (String(words[2]), String(words[5]))
    }

    /// The table a `CREATE TABLE name (…)` statement creates, or nil for other statements.
    static func createdTable(_ sql: String) -> String? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" })
        guard words.count >= 3, words[0] == "CREATE", words[1] == "TABLE" else { return nil }
        return String(words[2])
    }
}
