import CoverageFormats
import CoverageModel

/// What a layer row needs besides its record — the layer, the import's options and the file, for
/// defaults and error messages — as a value any thread can use (rows made on the parse threads).
struct RowContext: Sendable {
    let layer: Layer
    let options: ImportOptions
    let file: String

    /// An import error at the record.
    func fail(_ r: InputRecord, _ reason: String) -> ImportError {
        ImportError(file: file, location: r.location, reason: reason)
    }

    /// The record's external id: its id field, else its position in the file.
    func externalID(_ r: InputRecord) -> String {
        if let id = r.text(FieldNames.id) { return id }
        switch r.location {
        case .feature(let i), .layerFeature(_, let i, _): return "feature-\(i)"
        case .line(let n): return "line-\(n)"
        default: return "row"
        }
    }

    /// The record's operator, else `--operator`, else "unknown".
    func operatorName(_ r: InputRecord) -> String {
        r.text(FieldNames.operatorName) ?? options.operatorName ?? "unknown"
    }

    /// The record's technology, else `--technology`; an unknown or missing one is an error.
    func technology(_ r: InputRecord) throws -> Technology {
        if let raw = r.text(FieldNames.technology) {
            guard let t = Technology(lenient: raw) ?? Technology(openCellID: raw) else {
                throw fail(r, "technology '\(raw)' is not one of \(Technology.spellings)")
            }
            return t
        }
        guard let t = options.technology else {
            throw fail(r, "no technology field and no --technology given (one of \(Technology.spellings))")
        }
        return t
    }
}
