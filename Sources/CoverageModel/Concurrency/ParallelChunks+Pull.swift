import Dispatch
import Foundation

extension ParallelChunks {
    /// Runs `body` for every index of `0..<count` on all cores, each worker pulling the next index
    /// of `order` as soon as it is free (put the costliest first: the cores then end together);
    /// result `i` belongs to index `i`.
    ///
    /// - Parameters:
    ///   - order: every index of `0..<count` once, in the order to start them.
    ///   - state: makes a worker's scratch (once a worker), passed to each of its `body` calls.
    ///   - body: called once per index; must be thread-safe.
    public static func pull<State, T: Sendable>(
        _ count: Int, order: [Int], state: @Sendable () -> State,
        _ body: @Sendable (_ state: inout State, _ index: Int) -> T
    ) -> [T] {
        precondition(order.count == count, "order lists every index once")
        let slots = ResultSlots<T>(count: count)
        let next = NextIndex()
        let workers = Swift.min(defaultWorkers, count)
        forEach(0..<workers, chunkCount: workers) { _, _ in
            var scratch = state()
            while let k = next.take(below: count) {
                slots.set(order[k], body(&scratch, order[k]))
            }
        }
        return slots.results()
    }
}

/// The next position to take, shared by the workers of `ParallelChunks.pull`.
///
/// `@unchecked Sendable`: `value` is only touched while holding `lock`.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next position, or nil once `count` have been taken.
    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}
