import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageStore

/// Texts bound from one buffer (`BoundTexts`) are stored as `Statement.bindText(_:at:)` stores the
/// same strings: nil as NULL, empty as '', up to the first NUL, any UTF-8.
@Suite struct BoundTextsTests {
    /// The strings bound, a batch of every kind twice (a buffer refilled keeps no earlier text).
    static let batches: [[String?]] = [
        [nil, "", "U12", "a\u{0}b", "Thái Nguyên — Đại Từ", String(repeating: "x", count: 40), "\u{0}"],
        ["", nil, "75056", "", "Hà Nội", nil, "z"],
    ]

    /// Every batch bound both ways into a table: the stored values and their types are equal.
    @Test(arguments: batches.indices)
    func boundTextsStoreWhatBindTextStores(_ batch: Int) throws {
        let path = try TestPaths.temporaryDirectory("bound-texts").appendingPathComponent("t.sqlite").path
        let db = try Connection(path: path, mode: .create)
        try db.execute("CREATE TABLE t (k INTEGER, way TEXT, v)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
        var texts = BoundTexts()
        // A batch before, so the buffer is reused.
        texts.set(Self.batches[1 - batch])
        texts.set(Self.batches[batch])
        try texts.withTexts { text in
            for (k, string) in Self.batches[batch].enumerated() {
                insert.bindInt(Int64(k), at: 1)
                insert.bindText("borrowed", at: 2)
                if let bytes = text(k) { insert.bindText(borrowingUTF8: bytes, at: 3) } else { insert.bindNull(at: 3) }
                try insert.run()
                insert.bindText("copied", at: 2)
                insert.bindText(string, at: 3)
                try insert.run()
            }
        }
        let rows = try db.rows("SELECT k, way, typeof(v), hex(v) FROM t ORDER BY k, way") {
            [$0.text(1) ?? "", $0.text(2) ?? "", $0.text(3) ?? ""]
        }
        #expect(rows.count == 2 * Self.batches[batch].count)
        for pair in stride(from: 0, to: rows.count, by: 2) {
            // "borrowed" sorts before "copied": the same type and bytes.
            #expect(rows[pair][1...] == rows[pair + 1][1...])
        }
        // Not all NULL or empty: the texts are really there.
        #expect(rows.contains { $0[2] == "3735303536" || $0[2] == "553132" })
    }
}
