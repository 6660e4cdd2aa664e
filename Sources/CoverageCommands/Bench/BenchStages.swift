import Foundation

/// One measured stage: wall seconds, items processed and the process's peak memory so far.
struct BenchStage: Codable {
    var name: String
    var seconds: Double
    var items: Int?
    var itemsPerSecond: Double?
    var peakRSSMiB: Double

    enum CodingKeys: String, CodingKey {
        case name, seconds, items
        case itemsPerSecond = "items_per_second"
        case peakRSSMiB = "peak_rss_mib"
    }
}

/// Collects stages with wall time and peak resident memory (getrusage).
final class BenchRecorder {
    private(set) var stages: [BenchStage] = []

    /// The process's peak resident set size so far, MiB.
    static var peakRSSMiB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Times `body` as a stage; `items` counts what it processed (rows, locations).
    @discardableResult
    func measure<T>(_ name: String, items: ((T) -> Int?)? = nil, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let value = try body()
        record(name, seconds: Date().timeIntervalSince(start), items: items?(value))
        return value
    }

    /// Records a stage timed elsewhere.
    func record(_ name: String, seconds: Double, items: Int? = nil) {
        stages.append(
            BenchStage(
                name: name, seconds: seconds, items: items,
                itemsPerSecond: items.map { seconds > 0 ? Double($0) / seconds : 0 }, peakRSSMiB: Self.peakRSSMiB))
        Self.stageEnded()
    }

    /// Marks the end of a stage for profilers.
    ///
    /// `Benchmarks/profile.sh` runs callgrind with `--dump-after=*BenchRecorder*stageEnded*`, so each
    /// stage's instructions land in a part of their own. It makes one system call, which the
    /// optimizer cannot remove with the call.
    @inline(never)
    static func stageEnded() {
        _ = getpid()
    }
}
