import Foundation

extension ParallelChunks {
    /// Produces chunks on worker threads while the caller takes their results in order.
    ///
    /// Runs `produce` for chunks `0..<count` on `workers` threads of their own, at most `ahead` chunks
    /// beyond the one the caller last took, while the caller's `work` takes the results in chunk order
    /// (``OrderedResults/next()``) on its own thread. When `work` returns or throws, chunks not yet
    /// started are dropped and the call returns once every worker has ended: nothing outlives it.
    ///
    /// For a producer/consumer split where the consumer must stay on the caller's thread (a store
    /// connection) and keep the input's order; memory stays bounded by `ahead` results.
    public static func ordered<T: Sendable, R>(
        count: Int, ahead: Int, workers: Int = defaultWorkers, produce: @escaping @Sendable (Int) -> T,
        _ work: (OrderedResults<T>) throws -> R
    ) throws -> R {
        let results = OrderedResults<T>(count: count, ahead: Swift.max(1, ahead), produce: produce)
        let threads = Swift.max(1, Swift.min(workers, count))
        results.started(threads)
        for _ in 0..<threads {
            let thread = Thread { results.runWorker() }
            thread.name = "covaudit ordered chunks"
            thread.start()
        }
        defer { results.stopAndJoin() }
        return try work(results)
    }
}

/// The chunks `ParallelChunks.ordered` produces, handed to the caller in order.
///
/// `@unchecked Sendable`: every mutable property is read and written only while holding `condition`;
/// `produce` and `count` are immutable.
public final class OrderedResults<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let produce: @Sendable (Int) -> T
    private let count: Int
    private let ahead: Int
    private var slots: [T?]
    private var nextToStart = 0
    private var nextToTake = 0
    private var stopped = false
    private var running = 0

    fileprivate init(count: Int, ahead: Int, produce: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.ahead = ahead
        self.produce = produce
        slots = Array(repeating: nil, count: count)
    }

    /// Counts the workers started, so that ``stopAndJoin()`` waits for them all.
    fileprivate func started(_ workers: Int) {
        condition.lock()
        running += workers
        condition.unlock()
    }

    /// The next chunk's result in chunk order, waiting for it; nil once every chunk was taken.
    public func next() -> T? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToTake < count else { return nil }
        let k = nextToTake
        while slots[k] == nil { condition.wait() }
        let value = slots[k]
        slots[k] = nil
        nextToTake += 1
        condition.broadcast()
        return value
    }

    /// A worker's loop: start the next chunk allowed (within `ahead` of the caller), store its result.
    fileprivate func runWorker() {
        condition.lock()
        while true {
            while !stopped, nextToStart < count, nextToStart >= nextToTake + ahead { condition.wait() }
            guard !stopped, nextToStart < count else { break }
            let k = nextToStart
            nextToStart += 1
            condition.unlock()
            let value = produce(k)
            condition.lock()
            slots[k] = value
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Drops the chunks not yet started and waits until every worker has ended.
    fileprivate func stopAndJoin() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        slots = []
        condition.unlock()
    }
}
