import CoverageFormats
import CoverageTestSupport
import Foundation
import Testing

/// Reads every feature from GeoJSON text held in memory.
func features(_ json: String, name: String = "t.geojson") throws -> [Feature] {
    var out: [Feature] = []
    try GeoJSONReader(bytes: Array(json.utf8), name: name).forEachFeature { out.append($0) }
    return out
}

/// The FormatError thrown while reading `bytes` as GeoJSON, if any.
func geoJSONError(_ bytes: [UInt8]) -> FormatError? {
    do {
        try GeoJSONReader(bytes: bytes, name: "bad.geojson").forEachFeature { _ in }
        return nil
    } catch let e as FormatError {
        return e
    } catch {
        return nil
    }
}

/// Reads every CSV record from text held in memory.
func csvRecords(_ text: String, maxRecordBytes: Int = 1 << 20) throws -> (CSVReader, [CSVRecord]) {
    let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv", maxRecordBytes: maxRecordBytes)
    var out: [CSVRecord] = []
    try reader.forEachRecord { out.append($0) }
    return (reader, out)
}

/// Writes bytes to a fresh temporary file and returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let dir = try TestPaths.temporaryDirectory("covaudit-formats")
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}
