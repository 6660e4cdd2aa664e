import Foundation

/// Ranges of row ids handed out to the lanes that read them (the caller's and helper cores), and
/// each range's result, kept under a lock: the shared queue of the household and measurement passes.
///
/// `@unchecked Sendable`: every mutable property is read and written only inside `locked`, under
/// `lock`; `ranges` is immutable.
public final class RangeQueue<Output: Sendable>: @unchecked Sendable {
    /// The ranges, in id order; a range's index is its place here.
    public let ranges: [ClosedRange<Int64>]
    private let lock = NSLock()
    private var pending: [Int]
    private var results: [Output?]
    private var weightDone = 0

    public init(ranges: [ClosedRange<Int64>]) {
        self.ranges = ranges
        pending = Array(ranges.indices.reversed())
        results = Array(repeating: nil, count: ranges.count)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The next range to do (lowest ids first), or nil.
    public func next() -> Int? { locked { pending.popLast() } }

    /// Puts a range back for another lane (a helper that failed on it).
    public func giveBack(_ r: Int) { locked { pending.append(r) } }

    /// Drops every range not yet started.
    public func cancel() { locked { pending.removeAll() } }

    /// Records range `r`'s result and adds `weight` (e.g. the rows it held) to `finishedWeight`.
    public func finish(_ r: Int, _ output: Output, weight: Int = 0) {
        locked {
            results[r] = output
            weightDone += weight
        }
    }

    /// The weight of the ranges finished so far (for progress).
    public var finishedWeight: Int { locked { weightDone } }

    /// The results in range order, nil for a range never finished; handed over (the queue keeps none).
    public func takeResults() -> [Output?] {
        locked {
            defer { results = [] }
            return results
        }
    }
}
