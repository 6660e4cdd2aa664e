import Foundation
import Testing

/// Compares text with a committed snapshot under Tests/CoverageReportTests/Snapshots.
///
/// RECORD_SNAPSHOTS=1 rewrites the snapshot and fails on purpose.
enum Snapshot {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record(
                "recorded snapshot \(name); unset RECORD_SNAPSHOTS and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            let exp = line < e.count ? String(e[line]) : "<end>"
            let act = line < a.count ? String(a[line]) : "<end>"
            Issue.record(
                "snapshot \(name) differs at line \(line + 1):\n expected: \(exp)\n actual:   \(act)",
                sourceLocation: sourceLocation)
        }
    }
}
