import Foundation

/// What parsing and writing a dataset's records left for the checks that need its hash.
struct ParsedDataset {
    let datasetID: Int64
    let formatName: String
    /// Rows of the layer before this import (after a replace's deletions).
    let existingRows: Int64
    let replaced: Int
    let rows: Int
    let skipped: Int
    let circlesMade: Int
    /// Whether any crosswalk record gave a share.
    let sawShare: Bool
    let pipeline: GeometryPipeline
    /// Evidence layers: what was left out, and the import's own warnings.
    var evidence: EvidenceImport.Outcome? = nil
}

/// A flag one thread sets and another polls, to stop work that is no longer wanted.
///
/// `@unchecked Sendable`: `stopped` is only read or written while holding `lock`.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    /// Asks the work to stop.
    func set() { lock.withLock { stopped = true } }

    /// True once `set` was called.
    var isSet: Bool { lock.withLock { stopped } }
}
