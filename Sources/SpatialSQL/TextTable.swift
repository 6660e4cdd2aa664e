import CSpatiaLite

/// Texts stored once as UTF-8 and bound to statements without copying (SQLite's `SQLITE_STATIC`).
///
/// For bulk inserts that bind the same few texts millions of times. A statement keeps reading the
/// bytes until it is rebound, cleared or finalized: keep the table alive while the statement may
/// run, and call `Statement.clearBindings()` before the table goes away.
public final class TextTable {
    private let bytes: UnsafeMutablePointer<CChar>
    private let starts: [Int]
    private let lengths: [Int32]

    /// Copies `texts`.
    public init(_ texts: [String]) {
        var starts: [Int] = []
        var lengths: [Int32] = []
        var total = 0
        for t in texts {
            starts.append(total)
            lengths.append(Int32(t.utf8.count))
            total += t.utf8.count + 1
        }
        bytes = .allocate(capacity: Swift.max(1, total))
        for (t, start) in zip(texts, starts) {
            var p = start
            for b in t.utf8 {
                bytes[p] = CChar(bitPattern: b)
                p += 1
            }
            bytes[p] = 0
        }
        self.starts = starts
        self.lengths = lengths
    }

    deinit { bytes.deallocate() }

    /// The number of texts.
    public var count: Int { starts.count }

    fileprivate func pointer(_ i: Int) -> (UnsafePointer<CChar>, Int32) {
        (UnsafePointer(bytes + starts[i]), lengths[i])
    }
}

extension Statement {
    /// Binds text `i` of `table` (no copy; see `TextTable`), or NULL when `i` is negative.
    public func bind(_ table: TextTable, _ i: Int, at index: Int32) {
        guard i >= 0 else {
            sqlite3_bind_null(handle, index)
            return
        }
        let (p, n) = table.pointer(i)
        sqlite3_bind_text(handle, index, p, n, nil)
    }

    /// Sets every parameter to NULL (releases references to bound buffers).
    public func clearBindings() { sqlite3_clear_bindings(handle) }
}
