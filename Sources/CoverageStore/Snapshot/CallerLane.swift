/// A value owned by the calling thread, handed to exactly one job of a `ParallelChunks` call.
///
/// `@unchecked Sendable`: the value (a snapshot with its connection, a worker's running state) is
/// not thread-safe, but it is touched only by `run`, which the caller invokes from a single job of
/// one `ParallelChunks.map`/`forEach`/`both` call (or after that call returned); `concurrentPerform`
/// returns only once every job has ended, so those accesses never overlap and the caller's later
/// accesses happen after them. The connection of a snapshot is opened without SQLite's mutex
/// (multi-thread mode), which allows use from another thread when uses do not overlap.
package final class CallerLane<Value>: @unchecked Sendable {
    private var value: Value

    package init(_ value: Value) { self.value = value }

    /// Runs `body` on the value; callers guarantee no two calls overlap (see the type's comment).
    package func run<T>(_ body: (inout Value) throws -> T) rethrows -> T { try body(&value) }
}
