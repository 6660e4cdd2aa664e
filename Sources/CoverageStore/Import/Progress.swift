import Foundation

/// Receives import progress; the CLI prints it on stderr.
public protocol ProgressSink: AnyObject {
    /// Called at most a few times a second with the rows so far and the elapsed seconds.
    func update(rows: Int, elapsed: Double, fraction: Double?)
    /// Called once when the work is done.
    func finish(rows: Int, elapsed: Double)
}

/// Throttles progress calls to one every `interval` seconds.
struct ProgressThrottle {
    let sink: (any ProgressSink)?
    let start = Date()
    var last = Date.distantPast
    let interval: TimeInterval = 0.5

    mutating func tick(rows: Int, fraction: Double? = nil) {
        guard let sink, rows & 1023 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= interval else { return }
        last = now
        sink.update(rows: rows, elapsed: now.timeIntervalSince(start), fraction: fraction)
    }

    /// `tick` for callers that count rows in batches (not one at a time): no row-count mask.
    mutating func tick(afterBatchOf rows: Int, fraction: Double? = nil) {
        guard let sink else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= interval else { return }
        last = now
        sink.update(rows: rows, elapsed: now.timeIntervalSince(start), fraction: fraction)
    }

    func finish(rows: Int) { sink?.finish(rows: rows, elapsed: Date().timeIntervalSince(start)) }
}
