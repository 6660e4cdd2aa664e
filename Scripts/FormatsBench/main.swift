// Throughput check for CoverageFormats (not part of the package; see Scripts/bench-formats.sh).
import CoverageFormats
import CoverageModel
import Foundation

let dir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory()
let rows = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5_000_000 : 5_000_000

func now() -> Double { Date().timeIntervalSince1970 }
func size(_ path: String) -> Double {
    Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
}

// CSV: id,lon,lat,households,persons
let csvPath = dir + "/bench_points.csv"
if !FileManager.default.fileExists(atPath: csvPath) {
    _ = FileManager.default.createFile(atPath: csvPath, contents: nil)
    let h = FileHandle(forWritingAtPath: csvPath)!
    var chunk = "id,lon,lat,households,persons\n"
    var state: UInt64 = 42
    for i in 0..<rows {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let lon = 105.5 + Double(state >> 40) / Double(1 << 24) * 0.6
        let lat = 21.3 + Double((state >> 16) & 0xFFFFFF) / Double(1 << 24) * 0.6
        chunk += "\(i),\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),\(i % 7),\(i % 23)\n"
        if chunk.utf8.count > 1 << 20 {
            h.write(chunk.data(using: .utf8)!)
            chunk = ""
        }
    }
    h.write(chunk.data(using: .utf8)!)
    try h.close()
}
let csvMB = size(csvPath) / 1e6

var t = now()
var n = 0
var sum = 0.0
try CSVReader(path: csvPath).forEachRecordBytes { r in
    sum += (r.double(1) ?? 0) + (r.double(2) ?? 0) + (r.double(3) ?? 0) + (r.double(4) ?? 0)
    n += 1
}
var dt = now() - t
print(
    String(
        format: "CSV bytes API : %d rows, %.1f MB in %.2fs = %.2fM rows/s, %.0f MB/s (checksum %.1f)",
        n, csvMB, dt, Double(n) / dt / 1e6, csvMB / dt, sum))

t = now()
n = 0
try CSVReader(path: csvPath).forEachRecord { r in
    if r.fields.count == 5 { n += 1 }
}
dt = now() - t
print(String(format: "CSV String API: %d rows in %.2fs = %.2fM rows/s", n, dt, Double(n) / dt / 1e6))

// GeoJSON: polygons with 200 vertices each.
let geoPath = dir + "/bench_polygons.geojson"
if !FileManager.default.fileExists(atPath: geoPath) {
    _ = FileManager.default.createFile(atPath: geoPath, contents: nil)
    let h = FileHandle(forWritingAtPath: geoPath)!
    var s = "{\"type\":\"FeatureCollection\",\"features\":[\n"
    for f in 0..<(rows / 50) {
        s += f == 0 ? "" : ",\n"
        s +=
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(f)\",\"name\":\"Xã Bằng Thành \(f)\",\"pop\":\(f * 3)},"
        s += "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
        let cx = 105.5 + Double(f % 100) * 0.01
        let cy = 21.3 + Double(f / 100 % 100) * 0.01
        for k in 0..<200 {
            let a = Double(k) / 200 * 2 * Double.pi
            s += k == 0 ? "" : ","
            s += String(format: "[%.6f,%.6f]", cx + 0.004 * cos(a), cy + 0.004 * sin(a))
        }
        s += String(format: ",[%.6f,%.6f]]]}}", cx + 0.004, cy)
        if s.utf8.count > 1 << 20 {
            h.write(s.data(using: .utf8)!)
            s = ""
        }
    }
    s += "\n]}\n"
    h.write(s.data(using: .utf8)!)
    try h.close()
}
let geoMB = size(geoPath) / 1e6
t = now()
var features = 0
var vertices = 0
try GeoJSONReader(path: geoPath).forEachFeature { f in
    features += 1
    vertices += f.geometry?.vertexCount ?? 0
}
dt = now() - t
print(
    String(
        format: "GeoJSON       : %d features, %d vertices, %.1f MB in %.2fs = %.0f MB/s",
        features, vertices, geoMB, dt, geoMB / dt))

t = now()
let digest = try SHA256.hexDigest(ofFile: csvPath)
dt = now() - t
print(String(format: "SHA-256       : %.1f MB in %.2fs = %.0f MB/s (%@)", csvMB, dt, csvMB / dt, digest))

if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
    let lines = status.split(separator: "\n").filter {
        $0.hasPrefix("VmHWM") || $0.hasPrefix("RssAnon") || $0.hasPrefix("RssFile")
    }
    print(
        "Memory        : "
            + lines.map { $0.replacingOccurrences(of: "\t", with: "").replacingOccurrences(of: "  ", with: "") }.joined(
                separator: ", "))
}
