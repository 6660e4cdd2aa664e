import CoverageFormats
import CoverageModel
import Foundation
import FuzzerDriver
import GDALVector

/// Hands control to libFuzzer, which calls ``gdalFuzzerTestOneInput`` per input (see `ReadersFuzzer`).
@main
struct GDALFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                guard let data else { return 0 }
                return gdalFuzzerTestOneInput(data, size)
            })
    }
}

/// The formats fuzzed, chosen by an input's first byte: GDAL driver and the in-memory file names.
let formats: [(driver: String, names: [String])] = [
    ("GeoJSONSeq", ["fuzz.geojsons"]),
    ("FlatGeobuf", ["fuzz.fgb"]),
    ("GPKG", ["fuzz.gpkg"]),
    ("ESRI Shapefile", ["fuzz.shp", "fuzz.shx", "fuzz.dbf"]),
]

/// libFuzzer entry point: opens the input in memory (/vsimem/) through `VectorFile` and reads every layer.
///
/// Byte 0 picks the format; a Shapefile set's next four bytes are the .shp and .shx lengths (UInt16
/// little-endian), the .dbf is the rest (see `Scripts/fuzz.sh`, which packs the seeds). GDAL may refuse
/// the input with `FormatError` or `GDALError`; a trap, a memory error, a hang or a leak is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func gdalFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let format = formats[Int(selector) % formats.count]
    let files = split(Array(bytes.dropFirst()), into: format.names)
    guard let file = try? VectorFile(memoryFiles: files, drivers: [format.driver]) else { return 0 }
    readers[Int(selector) % readers.count](file)
    return 0
}

/// One inlined copy of the reading code per format: GDAL is not instrumented, so these copies are
/// what lets libFuzzer's coverage keep a GeoPackage that reads as well as a FlatGeobuf already kept.
let readers: [@Sendable (VectorFile) -> Void] = [
    { readLayers($0) }, { readLayers($0) }, { readLayers($0) }, { readLayers($0) },
]

/// Reads every layer of the file.
@inline(__always)
func readLayers(_ file: VectorFile) {
    for name in file.layerNames { fuzzLayer(file, name) }
}

/// The payload as one file, or for several names as length-prefixed parts (the last takes the rest).
func split(_ payload: [UInt8], into names: [String]) -> [(name: String, bytes: [UInt8])] {
    guard names.count > 1 else { return [(names[0], payload)] }
    var rest = payload[...]
    var files: [(name: String, bytes: [UInt8])] = []
    for name in names.dropLast() {
        let length = rest.count >= 2 ? Int(rest[rest.startIndex]) | Int(rest[rest.startIndex + 1]) << 8 : 0
        rest = rest.dropFirst(2)
        files.append((name, Array(rest.prefix(length))))
        rest = rest.dropFirst(length)
    }
    return files + [(names[names.count - 1], Array(rest))]
}

/// Reads one layer (reprojected when it declares a CRS PROJ can transform) and checks every feature.
@inline(__always)
func fuzzLayer(_ file: VectorFile, _ name: String) {
    guard let layer = try? file.layer(named: name) else { return }
    _ = layer.featureCount
    let crs = layer.spatialReference
    _ = crs.map { ($0.name, $0.epsg, $0.isProjected, $0.areaOfUse, $0.isVN2000) }
    let transform = crs.flatMap { try? CoordinateTransform(from: $0) }
    var previous = -1
    try? layer.forEachFeature(transform: transform) { feature in
        guard feature.index == previous + 1 else { fatalError("feature \(feature.index) after \(previous)") }
        previous = feature.index
        for value in feature.properties.values {
            if case .integer(let digits) = value, Int64(digits) == nil {
                fatalError("an integer field is not a 64-bit integer: \(digits)")
            }
            _ = value.text.map { DisplayText.neutralised($0) }
        }
        if let g = feature.geometry { checkGeometry(g) }
    }
}

/// Structural checks run, and the geometry survives a WKB round trip when its numbers are finite.
@inline(__always)
func checkGeometry(_ g: Geometry) {
    let problem = g.structuralProblem
    _ = g.boundingBox
    _ = g.antimeridianEdge
    guard problem == nil || !(problem ?? "").contains("finite") else { return }
    guard let decoded = try? WKB.decode(WKB.encode(g)), decoded == g else {
        fatalError("WKB round trip changed a geometry read by GDAL: \(g)")
    }
}
