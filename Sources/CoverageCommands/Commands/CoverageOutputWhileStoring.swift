import CoverageAnalysis
import CoverageFormats
import CoverageReport
import Foundation

/// The table, CSV or JSON of `covaudit coverage`, encoded in memory on the second thread while a
/// what-if run is stored, and written only once the run is stored (a failed store prints nothing).
///
/// `@unchecked Sendable`: `encoded` is only touched while holding `lock`.
final class CoverageOutputWhileStoring: @unchecked Sendable {
    /// One encoded output.
    private enum Encoded {
        case table(String)
        case csv([UInt8])
        case json(PreparedCoverageJSON)
    }

    private let format: CoverageFormat
    private let language: ReportLanguage
    private let excel: Bool
    private let lock = NSLock()
    private var encoded: Result<Encoded, any Error>?

    /// An encoder for `format`; nil for GeoJSON (it reads unit geometries from the store) and for
    /// hamlets (a larger output, streamed as it is written instead of held in memory).
    init?(format: CoverageFormat, grouping: Grouping, language: ReportLanguage, excel: Bool) {
        guard format != .geojson, grouping != .hamlet else { return nil }
        self.format = format
        self.language = language
        self.excel = excel
    }

    /// Encodes `result` (its run id is filled in by `write(runID:)`); errors are kept for `write`.
    func encode(_ result: CoverageResult) {
        let outcome = Result { () throws -> Encoded in
            switch format {
            case .table: return .table(TerminalText.safe(CoverageTable.render(result, language: language)))
            case .csv:
                let sink = ByteSink()
                try CoverageCSV.write(result, to: sink, excel: excel)
                return .csv(sink.buffer)
            case .json, .geojson: return .json(try PreparedCoverageJSON(result))
            }
        }
        lock.withLock { encoded = outcome }
    }

    /// Writes the encoded output to stdout with the stored run's id; false when nothing was encoded
    /// (a full run), so that the caller writes it as usual.
    func write(runID: Int64?) throws -> Bool {
        guard let encoded = lock.withLock({ encoded }) else { return false }
        switch try encoded.get() {
        case .table(let text): print(text, terminator: "")
        case .csv(let bytes):
            let sink = try ByteSink(path: nil)
            try bytes.withUnsafeBufferPointer { try sink.append(chunk: $0) }
            try sink.close()
        case .json(let json):
            guard let runID else { return false }
            try json.write(runID: runID, to: try ByteSink(path: nil))
        }
        return true
    }
}
