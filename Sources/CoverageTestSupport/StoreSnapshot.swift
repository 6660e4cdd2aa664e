import CoverageStore
import Foundation
import SpatialSQL

/// Row counts and content hashes of every user table, to prove a failed operation changed nothing.
public struct StoreSnapshot: Equatable, Sendable, CustomStringConvertible {
    /// Table name → (row count, hash of every row's values in primary-key order).
    public var tables: [String: String]

    /// Reads the snapshot of the store at `path` through a fresh read-only connection.
    public static func take(_ path: String) throws -> StoreSnapshot {
        let db = try Connection(path: path, mode: .readOnly)
        let names = try db.rows(
            """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
              AND name NOT LIKE 'idx_%' AND name NOT LIKE '%_log' ORDER BY name
            """
        ) { $0.text(0) ?? "" }
        var tables: [String: String] = [:]
        for name in names {
            // Every column in the ORDER BY: works for WITHOUT ROWID tables and is deterministic.
            let columns = try db.prepare("SELECT * FROM \"\(name)\"").columnCount
            let order = (1...max(columns, 1)).map(String.init).joined(separator: ", ")
            let stmt = try db.prepare("SELECT * FROM \"\(name)\" ORDER BY \(order)")
            var hasher = FNV1a()
            var count = 0
            try stmt.forEachRow { row in
                count += 1
                for i in 0..<stmt.columnCount {
                    switch row.value(i) {
                    case .null: hasher.add("∅")
                    case .integer(let v): hasher.add("i\(v)")
                    case .real(let v): hasher.add("r\(v.bitPattern)")
                    case .text(let v): hasher.add("t\(v)")
                    case .blob(let v): hasher.add(v)
                    }
                }
            }
            tables[name] = "\(count):\(String(hasher.value, radix: 16))"
        }
        return StoreSnapshot(tables: tables)
    }

    public var description: String {
        tables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// A tiny deterministic 64-bit FNV-1a hasher for snapshots.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01b3
        }
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ text: String) { add(text.utf8) }
}
