import SpatialSQL

extension Migrations {
    /// Why a store's header version cannot be the schema it holds, or nil when it can.
    ///
    /// A negative version was never written by covaudit. An older version must not hold any table
    /// that a later migration creates (else migrating would fail half-way with "table … already
    /// exists", and reading would use the wrong layout).
    static func inconsistency(_ db: Connection, version: Int, path: String) throws -> String? {
        if version < 0 { return "no covaudit schema has a negative version" }
        let later = all.filter { $0.version > version }.flatMap { $0.statements.compactMap(createdTable) }
        guard !later.isEmpty else { return nil }
        let marks = Array(repeating: "?", count: later.count).joined(separator: ",")
        let present = try classified(path) {
            try db.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (\(marks)) ORDER BY name", later
            ) { $0.text(0) ?? "" }
        }
        guard !present.isEmpty else { return nil }
        return "it already holds \(present.joined(separator: ", ")) from a later schema version"
    }

    /// The table a `CREATE TABLE name (…)` statement creates, or nil for other statements.
    static func createdTable(_ sql: String) -> String? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" })
        guard words.count >= 3, words[0] == "CREATE", words[1] == "TABLE" else { return nil }
        return String(words[2])
    }
}
