/// The UTF-8 of a batch of optional strings in one buffer, to bind as text without SQLite copying
/// each (`Statement.bindText(borrowingUTF8:at:)`); a text ends at its string's first NUL, as
/// `Statement.bindText(_:at:)` binds it.
struct BoundTexts {
    private var bytes: [UInt8] = []
    /// Per text, its range in `bytes` (nil: the string was nil).
    private var ranges: [Range<Int>?] = []

    /// Replaces the held texts by `strings`'.
    mutating func set<S: Sequence<String?>>(_ strings: S) {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for string in strings {
            guard let string else {
                ranges.append(nil)
                continue
            }
            let start = bytes.count
            bytes.append(contentsOf: string.utf8)
            if let nul = bytes[start...].firstIndex(of: 0) { bytes.removeSubrange(nul...) }
            ranges.append(start..<bytes.count)
        }
        // Never an empty buffer: an empty text gets an address (SQLite binds a NULL address as NULL).
        bytes.append(0)
    }

    /// Calls `body` with a function giving the `k`-th text's bytes (nil for a nil string), valid only
    /// inside `body`.
    func withTexts<R>(_ body: ((Int) -> UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { all in
            try body { k in ranges[k].map { UnsafeRawBufferPointer(rebasing: all[$0]) } }
        }
    }
}
