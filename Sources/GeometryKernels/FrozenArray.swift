/// An immutable, heap-allocated buffer of trivial values shared by the kernels' indexes.
///
/// Reads go through a raw pointer to keep bounds checks and retain/release out of hot loops.
///
/// `@unchecked Sendable` is sound because no thread can observe a write: `init` allocates and
/// initialises the whole buffer before the object is returned (so before it can be shared), both
/// stored properties are `let`, and `base` is an `UnsafePointer` — nothing can write through it
/// after `init` (the only mutable pointer is a local of `init`). `Element` is `BitwiseCopyable`, so
/// elements hold no references whose counts concurrent reads could race on. The buffer lives as long
/// as the object (`deinit` frees it); callers that keep `base` must keep the object alive.
final class FrozenArray<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The first element (valid for `count` elements; a dangling-free 1-element allocation when empty).
    let base: UnsafePointer<Element>
    /// The number of elements.
    let count: Int

    /// Copies `array` into a new buffer.
    init(_ array: [Element]) {
        count = array.count
        let buffer = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { buffer.initialize(from: s, count: src.count) }
        }
        base = UnsafePointer(buffer)
    }

    deinit { base.deallocate() }

    /// The elements as a Swift array (for tests and diagnostics).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Bytes held.
    var byteCount: Int { count * MemoryLayout<Element>.stride }
}
