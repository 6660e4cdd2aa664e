/// An immutable, heap-allocated buffer of trivial values shared by the kernels' indexes.
///
/// Written once at build time and only read afterwards, so sharing it across threads is safe;
/// reads go through a raw pointer to keep bounds checks and retain/release out of hot loops.
final class FrozenArray<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The first element (valid for `count` elements; a dangling-free 1-element allocation when empty).
    let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    let count: Int

    init(_ array: [Element]) {
        count = array.count
        base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { base.initialize(from: s, count: src.count) }
        }
    }

    deinit { base.deallocate() }

    /// The elements as a Swift array (for tests and diagnostics).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Bytes held.
    var byteCount: Int { count * MemoryLayout<Element>.stride }
}
