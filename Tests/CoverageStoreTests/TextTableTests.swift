import Foundation
import SpatialSQL
import Testing

/// Texts bound from a `TextTable` (no copy) read back exactly, NULL for a negative position, and
/// survive reuse of a multi-row statement.
@Suite struct TextTableTests {
    @Test func boundTextsReadBackInMultiRowInserts() throws {
        let db = try Connection(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t(k INTEGER PRIMARY KEY, code TEXT)")
        let texts = TextTable(["27001", "", "Xã Đông Hưng", "27001-05"])
        #expect(texts.count == 4)
        let insert = try db.prepare("INSERT INTO t(k, code) VALUES (?, ?), (?, ?)")
        let picks = [0, 2, -1, 3, 1, 2]
        for pair in stride(from: 0, to: picks.count, by: 2) {
            for j in 0..<2 {
                insert.bindInt(Int64(pair + j), at: Int32(2 * j + 1))
                insert.bind(texts, picks[pair + j], at: Int32(2 * j + 2))
            }
            _ = try insert.step()
            insert.reset()
        }
        insert.clearBindings()
        let rows = try db.rows("SELECT code, typeof(code) FROM t ORDER BY k") { ($0.text(0), $0.text(1)) }
        #expect(rows.map(\.0) == ["27001", "Xã Đông Hưng", nil, "27001-05", "", "Xã Đông Hưng"])
        #expect(rows.map(\.1) == ["text", "text", "null", "text", "text", "text"])
    }
}
