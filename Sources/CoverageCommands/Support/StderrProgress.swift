import CoverageReport
import CoverageStore
import Foundation

/// Prints import progress on stderr: rows, rows/s and, when the size is known, the ETA.
final class StderrProgress: ProgressSink {
    private let label: String
    private let interactive = isatty(STDERR_FILENO) == 1
    private var printed = false

    init(label: String) { self.label = label }

    func update(rows: Int, elapsed: Double, fraction: Double?) {
        let rate = elapsed > 0 ? Double(rows) / elapsed : 0
        var line = "\(label): \(Formatting.grouped(rows)) rows, \(Formatting.grouped(Int(rate))) rows/s"
        if let fraction, fraction > 0.01 {
            line += String(format: ", %.0f%%, ETA %.0f s", fraction * 100, elapsed / fraction - elapsed)
        }
        Diagnostics.write(interactive ? "\r\(line)\u{1B}[K" : "\(line)\n")
        printed = true
    }

    func finish(rows: Int, elapsed: Double) {
        if printed && interactive { Diagnostics.write("\n") }
    }
}
