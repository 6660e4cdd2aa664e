/// Reuse of scratch arrays: kernels keep their buffers from call to call so that steady state allocates nothing.
extension Array where Element == Double {
    /// Makes the array hold at least `count` entries (new ones zero), keeping its storage.
    mutating func grow(to count: Int) {
        if self.count < count { append(contentsOf: repeatElement(0, count: count - self.count)) }
    }

    /// Copies the values into `target`'s own storage (sharing it would make the next write here reallocate).
    func copy(to target: inout [Double]) {
        target.removeAll(keepingCapacity: true)
        target.append(contentsOf: self)
    }
}
