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
                    case .null: hasher.add(tag: 0)
                    case .integer(let v): hasher.add(tag: 1, word: UInt64(bitPattern: v))
                    case .real(let v): hasher.add(tag: 2, word: v.bitPattern)
                    case .text(var v): v.withUTF8 { hasher.add(tag: 3, UnsafeRawBufferPointer($0)) }
                    case .blob(let v): v.withUnsafeBytes { hasher.add(tag: 4, $0) }
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

/// A tiny deterministic 64-bit FNV-1a-style hasher for snapshots (eight bytes per step, so that
/// hashing a whole store stays fast in debug builds).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Adds a type tag and one 64-bit word.
    mutating func add(tag: UInt8, word: UInt64 = 0) {
        value = (value ^ UInt64(tag)) &* Self.prime
        value = (value ^ word) &* Self.prime
    }

    /// Adds a type tag, the length and the bytes.
    mutating func add(tag: UInt8, _ bytes: UnsafeRawBufferPointer) {
        add(tag: tag, word: UInt64(bytes.count))
        var v = value
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            v = (v ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* Self.prime
            i += 8
        }
        while i < n {
            v = (v ^ UInt64(bytes[i])) &* Self.prime
            i += 1
        }
        value = v
    }
}
