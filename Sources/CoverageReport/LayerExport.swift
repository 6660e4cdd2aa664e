import CoverageFormats
import CoverageModel
import CoverageStore

/// Streams a store layer into a GeoJSON writer, one row at a time (memory stays flat).
public enum LayerExport {
    /// Writes every row of `layer` as a feature; returns the number of features.
    @discardableResult
    public static func write(_ layer: ExportLayer, from store: Store, to writer: GeoJSONWriter) throws -> Int {
        var names: [String] = []
        var count = 0
        var properties: [(String, JSONScalar)] = []
        try store.exportRows(.layer(layer), columns: { names = $0.map(\.name) }) { row in
            properties.removeAll(keepingCapacity: true)
            for i in names.indices {
                switch row.value(i) {
                case .null: properties.append((names[i], .null))
                case .integer(let v): properties.append((names[i], .int(v)))
                case .real(let v): properties.append((names[i], .number(v)))
                case .text(let v): properties.append((names[i], .string(v)))
                case .blob: continue  // geometry columns
                }
            }
            try writer.writeFeature(geometry: try row.geometry(), properties: properties)
            count += 1
        }
        return count
    }
}
