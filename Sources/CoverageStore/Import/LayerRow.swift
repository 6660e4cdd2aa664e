import CoverageFormats
import CoverageModel
import SpatialSQL

/// One layer's row as its table's columns: made from an input record, bound to the layer's INSERT
/// parameter by parameter (typed binds, no per-row array of values).
protocol LayerRow {
    /// The INSERT of the layer's table; its parameters are bound by `bind(to:)`.
    static var insertSQL: String { get }

    /// Binds every parameter of `insertSQL` (the statement is reset, as `Statement.run()` leaves it).
    func bind(to insert: Statement)
}

/// Typed binds of optional values: nil binds NULL.
extension Statement {
    /// Binds text, or NULL for nil.
    func bind(text value: String?, at index: Int32) { bindText(value, at: index) }

    /// Binds an integer, or NULL for nil.
    func bind(integer value: Int64?, at index: Int32) {
        if let value { bindInt(value, at: index) } else { bindNull(at: index) }
    }

    /// Binds a real, or NULL for nil.
    func bind(real value: Double?, at index: Int32) {
        if let value { bindDouble(value, at: index) } else { bindNull(at: index) }
    }

    /// Binds a geometry as WKB, or NULL for nil.
    func bind(wkb geometry: Geometry?, at index: Int32) {
        guard let geometry else { return bindNull(at: index) }
        WKB.encode(geometry).withUnsafeBytes { bindBlob($0, at: index) }
    }

    /// Binds a geometry as the SpatiaLite BLOB (SRID 4326) `GeomFromWKB` would make of its WKB, or NULL for nil.
    func bind(spatiaLite geometry: Geometry?, at index: Int32) {
        guard let geometry else { return bindNull(at: index) }
        SpatiaLiteBlob.encode(geometry).withUnsafeBytes { bindBlob($0, at: index) }
    }
}

/// The code field of communes and statistics (`--code-field`, else the usual names).
func unitCode(_ r: InputRecord, _ w: LayerWriter) throws -> String {
    guard let code = r.text(w.options.codeField.map { [$0] } ?? FieldNames.code) else {
        throw w.fail(r, "no code (looked for \(w.options.codeField ?? FieldNames.code.joined(separator: ", ")))")
    }
    return code
}
