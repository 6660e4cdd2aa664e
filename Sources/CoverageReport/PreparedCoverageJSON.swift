import CoverageAnalysis
import CoverageFormats

/// `covaudit coverage -f json` encoded in memory before its run is stored, written once the run id is known.
///
/// The bytes are `CoverageJSONWriter.write`'s for the result with the run id 0; `write(runID:to:)`
/// puts the stored run's id in its place, so the output is byte for byte the serial path's.
public struct PreparedCoverageJSON: Sendable {
    /// The document with the placeholder run id `0`.
    private let bytes: [UInt8]
    /// Where the placeholder's one digit lies in `bytes`.
    private let runIDOffset: Int

    /// Encodes `result` (its run id, if any, is replaced when written).
    public init(_ result: CoverageResult) throws {
        let sink = ByteSink()
        guard let offset = try CoverageJSONWriter.write(result, runID: 0, to: sink) else {
            preconditionFailure("CoverageJSONWriter: a run id was given, its offset must be known")
        }
        bytes = sink.buffer
        runIDOffset = offset
    }

    /// Writes the document with `runID` as its run id to `sink` and closes it.
    public func write(runID: Int64, to sink: ByteSink) throws {
        try bytes.withUnsafeBufferPointer { all in
            try sink.append(chunk: UnsafeBufferPointer(rebasing: all[..<runIDOffset]))
            sink.append(String(runID))
            try sink.append(chunk: UnsafeBufferPointer(rebasing: all[(runIDOffset + 1)...]))
        }
        try sink.close()
    }
}
