import CoverageModel
import SpatialSQL

/// A layer row's INSERT parameters made ahead of the import thread (on a parse thread): numbers,
/// texts and the geometry's SpatiaLite BLOB, ready to be bound without copies, plus the BLOB's MBR
/// for the spatial index.
///
/// Binding it stores what binding the row's own values stores (`bind(text:)` keeps a text up to a
/// first NUL; the BLOB is `SpatiaLiteBlob.encode`'s); the dataset id, not known on the parse
/// threads, is bound by the import thread.
struct PreparedRow: Sendable {
    /// One parameter of the INSERT, in parameter order.
    enum Parameter: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        /// UTF-8 bytes of ``PreparedRow/texts``.
        case text(Range<Int>)
        /// The geometry: ``PreparedRow/blob``.
        case geometry
        /// The import's dataset id, bound by the import thread.
        case datasetID
    }

    /// An empty row with room for `parameters` parameters and `textBytes` bytes of text.
    init(parameters count: Int = 0, textBytes: Int = 0) {
        parameters.reserveCapacity(count)
        texts.reserveCapacity(textBytes)
    }

    /// The parameters, the first bound to `?1`.
    private(set) var parameters: [Parameter] = []
    /// Every text parameter's UTF-8 bytes, one after the other.
    private(set) var texts: [UInt8] = []
    /// The geometry's SpatiaLite BLOB (empty when the row has no geometry parameter).
    private(set) var blob: [UInt8] = []

    /// Appends a text parameter (its UTF-8 up to a first NUL, as `bind(text:)` binds it), or NULL for nil.
    mutating func add(text value: String?) {
        guard var text = value else { return parameters.append(.null) }
        let start = texts.count
        text.withUTF8 { utf8 in texts.append(contentsOf: utf8.prefix(while: { $0 != 0 })) }
        parameters.append(.text(start..<texts.count))
    }

    /// Appends an integer parameter, or NULL for nil.
    mutating func add(integer value: Int64?) {
        parameters.append(value.map(Parameter.integer) ?? .null)
    }

    /// Appends a real parameter, or NULL for nil.
    mutating func add(real value: Double?) {
        parameters.append(value.map(Parameter.real) ?? .null)
    }

    /// Appends the dataset id's parameter (bound by ``run(_:datasetID:)``).
    mutating func addDatasetID() {
        parameters.append(.datasetID)
    }

    /// Appends the geometry's parameter: its SpatiaLite BLOB (SRID 4326), or NULL for nil.
    mutating func add(spatiaLite geometry: Geometry?) {
        guard let geometry else { return parameters.append(.null) }
        SpatiaLiteBlob.encode(geometry, into: &blob)
        parameters.append(.geometry)
    }

    /// The geometry BLOB's MBR (min x, min y, max x, max y, as `MbrMinX`… read them), nil without one.
    var geometryBox: BoundingBox? {
        guard blob.count >= 38 else { return nil }
        return blob.withUnsafeBytes { raw in
            func double(_ offset: Int) -> Double {
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            }
            return BoundingBox(minX: double(6), minY: double(14), maxX: double(22), maxY: double(30))
        }
    }

    /// Binds every parameter to `insert` and runs it; the bytes are bound in place, for this run only.
    func run(_ insert: Statement, datasetID: Int64) throws {
        try texts.withUnsafeBytes { textBytes in
            try blob.withUnsafeBytes { blobBytes in
                for (i, parameter) in parameters.enumerated() {
                    let index = Int32(i + 1)
                    switch parameter {
                    case .null: insert.bindNull(at: index)
                    case .integer(let v): insert.bindInt(v, at: index)
                    case .real(let v): insert.bindDouble(v, at: index)
                    case .datasetID: insert.bindInt(datasetID, at: index)
                    case .text(let range):
                        // An empty text is '' (a borrowed empty buffer may have no address, which binds NULL).
                        if range.isEmpty {
                            insert.bindText("", at: index)
                        } else {
                            insert.bindText(
                                borrowingUTF8: UnsafeRawBufferPointer(rebasing: textBytes[range]), at: index)
                        }
                    case .geometry:
                        insert.bindBlob(borrowing: blobBytes, at: index)
                    }
                }
                try insert.run()
            }
        }
    }
}
