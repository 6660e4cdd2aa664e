/// The base of an array that parallel chunks fill, each chunk its own index range.
///
/// `@unchecked Sendable`: every chunk writes only the indexes of its own range (ranges from
/// `ParallelChunks` are disjoint, and callers pass only those), the array outlives the parallel
/// call (`withUnsafeMutableBufferPointer` encloses it), and nothing reads it until
/// `ParallelChunks.forEach` has returned, which orders every write before the reads.
struct DisjointWrites<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>?

    @inline(__always)
    func write(_ value: Element, at i: Int) { base?[i] = value }

    /// The elements `range` as a mutable buffer (for sorting a chunk's own slice in place).
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base.map { $0 + range.lowerBound }, count: base == nil ? 0 : range.count)
    }
}

/// The base of an array that parallel chunks only read.
///
/// `@unchecked Sendable`: the array outlives the parallel call (`withUnsafeBufferPointer` encloses
/// it) and nothing writes it while the chunks run.
struct SharedReads<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>?

    /// Element `i` (within the array).
    @inline(__always) subscript(i: Int) -> Element { base.unsafelyUnwrapped[i] }
}
