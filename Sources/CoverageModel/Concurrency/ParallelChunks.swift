import Dispatch
import Foundation

/// The one way covaudit runs work in parallel: an index range cut into chunks processed on all
/// cores (`map`, `forEach`), or two jobs side by side (`both`); results come back in order.
///
/// Built on `DispatchQueue.concurrentPerform`, which runs the calling thread and the system's
/// worker threads and returns when every iteration has ended, so no work outlives the call.
public enum ParallelChunks {
    /// The number of worker threads used by default (active processor count, at least 1).
    public static var defaultWorkers: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `range` cut into `count` contiguous, nearly equal, non-empty chunks (fewer if the range is short).
    public static func chunks(of range: Range<Int>, count: Int) -> [Range<Int>] {
        let n = range.count
        guard n > 0 else { return [] }
        let k = Swift.min(n, Swift.max(1, count))
        return (0..<k).map { i in
            (range.lowerBound + n * i / k)..<(range.lowerBound + n * (i + 1) / k)
        }
    }

    /// Runs `body` over chunks of `range` concurrently; result `i` belongs to chunk `i` (in range order).
    ///
    /// - Parameters:
    ///   - chunkCount: chunks to cut (default 4 per worker, for load balance); at most `range.count`.
    ///   - body: called once per chunk with the chunk number and its index range; must be thread-safe.
    public static func map<T: Sendable>(
        _ range: Range<Int>, chunkCount: Int? = nil, _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) -> T
    ) -> [T] {
        let parts = chunks(of: range, count: chunkCount ?? defaultWorkers * 4)
        if parts.count <= 1 || defaultWorkers == 1 {
            return parts.enumerated().map { body($0.offset, $0.element) }
        }
        let slots = ResultSlots<T>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            slots.set(i, body(i, parts[i]))
        }
        return slots.results()
    }

    /// Runs `first` and `second` side by side (one after the other on a single core) and returns both
    /// results. Neither may wait for the other: each must finish on its own.
    public static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        if defaultWorkers == 1 { return (first(), second()) }
        let a = ResultSlots<A>(count: 1)
        let b = ResultSlots<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { a.set(0, first()) } else { b.set(0, second()) }
        }
        return (a.results()[0], b.results()[0])
    }

    /// Runs `background` on a thread of its own while the caller runs `work`, and returns both
    /// results once both have ended (time-sliced on a single core). For overlapping a
    /// self-contained job (writing rows) with the caller's own work, which keeps its thread and may
    /// use its non-`Sendable` state. Neither may wait for the other.
    ///
    /// Not `concurrentPerform`: inside it, every nested `map` (the caller's work uses them) would
    /// run on one thread (libdispatch divides the width of a nested apply by the outer one).
    public static func beside<A: Sendable, B>(_ background: @escaping @Sendable () -> A, _ work: () throws -> B)
        throws -> (A, B)
    {
        let job = BackgroundJob(background)
        let thread = Thread { job.run() }
        thread.name = "covaudit background job"
        thread.start()
        let b = Result { try work() }
        return (job.wait(), try b.get())
    }

    /// Runs `body` over chunks of `range` concurrently, for side effects only.
    public static func forEach(
        _ range: Range<Int>, chunkCount: Int? = nil, _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        _ = map(range, chunkCount: chunkCount, body)
    }
}

/// Per-chunk result slots written under a lock and read once all writers are done.
///
/// `@unchecked Sendable`: `slots` is only touched while holding `lock`.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = [T?](repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// The results in chunk order; every slot is filled when `concurrentPerform` returns.
    func results() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// The job `ParallelChunks.beside` runs on its own thread, and its result.
///
/// `@unchecked Sendable`: `result` is written once by `run` before it signals `done`, and read by
/// `wait` only after `done` was signalled, which orders the write before the read.
private final class BackgroundJob<A: Sendable>: @unchecked Sendable {
    private let body: @Sendable () -> A
    private let done = DispatchSemaphore(value: 0)
    private var result: A?

    init(_ body: @escaping @Sendable () -> A) { self.body = body }

    func run() {
        result = body()
        done.signal()
    }

    /// The job's result, once it has ended.
    func wait() -> A {
        done.wait()
        return result!
    }
}
