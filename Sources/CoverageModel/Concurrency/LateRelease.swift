import Foundation

/// Holds a value until `release()`, which frees it on the thread that calls it.
///
/// Large layers (hundreds of thousands of arrays) are then freed by a `ParallelChunks.beside` job
/// while the caller writes, instead of on the caller's thread.
///
/// `@unchecked Sendable`: `value` is read and cleared only under `lock`; the value itself is never
/// used again once held here, only freed, so the thread that frees it touches nothing another
/// thread uses.
package final class LateRelease<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    package init(_ value: Value) { self.value = value }

    /// Drops the value on the calling thread (its memory is freed here when nothing else holds it).
    package func release() {
        lock.lock()
        let held = value
        value = nil
        lock.unlock()
        withExtendedLifetime(held) {}
    }
}
