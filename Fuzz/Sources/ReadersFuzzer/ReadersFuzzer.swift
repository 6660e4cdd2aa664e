import CoverageFormats
import CoverageModel
import Foundation
import FuzzerDriver

/// Hands control to libFuzzer (built with `-sanitize=fuzzer`): it parses its own flags
/// (`-max_total_time=…`, corpus folders) and calls ``readersFuzzerTestOneInput`` per input.
@main
struct ReadersFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                guard let data else { return 0 }
                return readersFuzzerTestOneInput(data, size)
            })
    }
}

/// libFuzzer entry point: reads every input as GeoJSON, CSV and WKB.
///
/// Readers may throw `FormatError` on bad input; anything else (a trap, an out-of-bounds
/// access, a hang, unbounded memory) is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func readersFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzGeoJSON(bytes)
    fuzzCSV(bytes)
    fuzzBinary(bytes)
    return 0
}

/// GeoJSON: every feature's geometry must survive checks and a WKB round trip unchanged.
func fuzzGeoJSON(_ bytes: [UInt8]) {
    let reader = GeoJSONReader(bytes: bytes, name: "fuzz.geojson")
    _ = reader.legacyCRS
    try? reader.forEachFeature { feature in
        for value in [feature.id].compactMap({ $0 }) + Array(feature.properties.values) {
            _ = value.number
            if let text = value.text {
                if text.utf8.count > GeoJSONReader.maxValueBytes { fatalError("a value over the limit was read") }
                checkDisplayText(text)
            }
            if case .integer(let digits) = value, digits.contains(where: { !$0.isASCII || !($0.isNumber || $0 == "-") })
            {
                fatalError("an integer value holds something other than digits: \(digits)")
            }
        }
        if let g = feature.geometry {
            checkGeometry(g)
            checkWrittenGeoJSON(g)
        }
    }
    checkParallelRead(bytes)
}

/// A FeatureCollection read in parallel chunks (as an import reads it; tiny chunks, the prescan in
/// two halves) gives the sequential read's features, in order, and its error.
func checkParallelRead(_ bytes: [UInt8]) {
    let sequential = geoJSONOutcome { try GeoJSONReader(bytes: bytes, name: "f.geojson").forEachFeature($0) }
    for (chunk, split) in [(1, 0), (64, 1 << 22)] {
        let reader = GeoJSONReader(bytes: bytes, name: "f.geojson", parallelChunkBytes: chunk, splitPrescanBytes: split)
        let parallel = geoJSONOutcome { body in try reader.forEachFeature(prepare: { $0 }, body) }
        if parallel != sequential {
            fatalError("GeoJSON read in \(chunk)-byte chunks differs:\n\(parallel)\nvs sequential:\n\(sequential)")
        }
    }
}

/// Every feature a GeoJSON read delivers (index, geometry, properties, id), then its error, as text.
func geoJSONOutcome(_ read: ((Feature) throws -> Void) throws -> Void) -> String {
    var out = ""
    do {
        try read { f in
            out +=
                "\(f.index) \(String(describing: f.geometry)) \(f.properties.sorted { $0.key < $1.key }) \(String(describing: f.id))\n"
        }
        out += "end"
    } catch {
        out += "error \(error)"
    }
    return out
}

/// Escaped display text holds no control characters and is unchanged when there was nothing to escape.
func checkDisplayText(_ text: String) {
    let shown = DisplayText.neutralised(text)
    if shown.unicodeScalars.contains(where: DisplayText.isUnsafe) { fatalError("unsafe scalar left in \(shown)") }
    if !text.unicodeScalars.contains(where: DisplayText.isUnsafe), shown != text { fatalError("safe text changed") }
}

/// A lon/lat geometry written by `GeoJSONWriter` reads back, its rings in RFC 7946 orientation.
func checkWrittenGeoJSON(_ g: Geometry) {
    guard g.structuralProblem == nil, g.isLonLat else { return }
    let sink = ByteSink()
    let writer = GeoJSONWriter(sink: sink)
    try? writer.writeFeature(geometry: g, properties: [])
    _ = try? writer.finish()
    var back: [Geometry?] = []
    do {
        try GeoJSONReader(bytes: sink.buffer, name: "written.geojson").forEachFeature { back.append($0.geometry) }
    } catch {
        fatalError("GeoJSON written by GeoJSONWriter does not read back: \(error)\n\(sink.text)")
    }
    guard back.count == 1 else { fatalError("written GeoJSON holds \(back.count) features") }
    for polygon in back[0]?.polygons ?? [] {
        for (i, ring) in polygon.rings.enumerated() {
            let area = RingOrientation.signedDoubleArea(ring)
            if (i == 0 && area <= 0) || (i > 0 && area >= 0) {
                fatalError("ring \(i) written with the wrong orientation (\(area)): \(sink.text)")
            }
        }
    }
}

/// CSV: both the String and the byte-slice paths, with a small record limit to reach its checks;
/// the same result whatever the refill size; and a write/read round trip.
func fuzzCSV(_ bytes: [UInt8]) {
    for limit in [64, 1 << 20] {
        guard let reader = try? CSVReader(bytes: bytes, name: "fuzz.csv", maxRecordBytes: limit) else { continue }
        _ = reader.header.first.flatMap { reader.columnIndex($0) }
        try? reader.forEachRecord { record in
            for field in record.fields { _ = CSVReader.parseDouble(field) }
            _ = reader.header.first.flatMap { record[$0] }
        }
        try? reader.forEachRecordBytes { raw in
            for i in 0..<raw.count + 1 { _ = raw.double(i) }
        }
    }
    let whole = csvOutcome(bytes, maxRecordBytes: 64, chunkBytes: CSVReader.chunkSize)
    for chunk in [1, 2 + bytes.count % 29] {
        let chunked = csvOutcome(bytes, maxRecordBytes: 64, chunkBytes: chunk)
        if chunked != whole {
            fatalError("CSV read in \(chunk)-byte refills differs:\n\(chunked)\nvs whole:\n\(whole)")
        }
    }
    csvRoundTrip(bytes)
    _ = FileSniffer.detect(head: bytes, pathExtension: "csv")
    _ = FileSniffer.detect(head: bytes, pathExtension: "")
}

/// Everything a CSV reader reports for `bytes`: delimiter, header, records with lines, or the error.
func csvOutcome(_ bytes: [UInt8], maxRecordBytes: Int, chunkBytes: Int) -> String {
    do {
        let reader = try CSVReader(bytes: bytes, name: "f.csv", maxRecordBytes: maxRecordBytes, chunkBytes: chunkBytes)
        var out = "delimiter \(reader.delimiter) header \(reader.header)\n"
        try reader.forEachRecord { out += "\($0.line): \($0.fields)\n" }
        return out
    } catch {
        return "error \(error)"
    }
}

/// Records written with `CSVWriter` read back as the same fields.
func csvRoundTrip(_ bytes: [UInt8]) {
    guard let reader = try? CSVReader(bytes: bytes, name: "f.csv"), reader.header.count >= 2,
        reader.header.first?.unicodeScalars.first != "\u{FEFF}"
    else { return }
    var rows: [[String]] = []
    guard (try? reader.forEachRecord { if $0.fields.count == reader.header.count { rows.append($0.fields) } }) != nil
    else { return }
    let sink = ByteSink()
    let writer = CSVWriter(sink: sink, header: reader.header)
    for row in rows { try? writer.writeRow(row.map { .string($0) }) }
    var back: [[String]] = []
    do {
        let again = try CSVReader(bytes: sink.buffer, name: "again.csv", delimiter: UInt8(ascii: ","))
        guard again.header == reader.header else {
            fatalError("CSV header changed: \(reader.header) → \(again.header)")
        }
        try again.forEachRecord { back.append($0.fields) }
    } catch {
        fatalError("CSV written by CSVWriter does not read back: \(error)\n\(sink.text)")
    }
    if back != rows { fatalError("CSV round trip changed the records:\n\(rows)\n→\n\(back)") }
}

/// Binary formats: WKB (Shapefile and the other GDAL formats are read by GDAL, fuzzed upstream by OSS-Fuzz).
func fuzzBinary(_ bytes: [UInt8]) {
    if let g = try? WKB.decode(bytes) { checkGeometry(g) }
}

/// Structural checks run, and the geometry survives a WKB round trip when its numbers are finite.
func checkGeometry(_ g: Geometry) {
    let problem = g.structuralProblem
    _ = g.boundingBox
    _ = g.isLonLat
    _ = g.antimeridianEdge
    let encoded = WKB.encode(g)
    guard problem == nil || !(problem ?? "").contains("finite") else { return }
    guard let decoded = try? WKB.decode(encoded), decoded == g else {
        fatalError("WKB round trip changed a geometry: \(g)")
    }
}
