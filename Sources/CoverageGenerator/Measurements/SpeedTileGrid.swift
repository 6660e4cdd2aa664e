import CoverageFormats
import CoverageModel
import Foundation

/// Zoom-16 Web Mercator tiles as integers (the arithmetic of `Quadkey(containing:zoom:)`, without strings).
enum Zoom16 {
    static let zoom = 16
    static let size = 1 << 16

    /// The tile column and row holding `p` (same formula and clamping as `Quadkey(containing:zoom:)`).
    @inline(__always)
    static func tile(_ p: Coordinate) -> (x: Int, y: Int) {
        let n = Double(size)
        let latitude = p.y * .pi / 180
        let fx = (p.x + 180) / 360 * n
        let fy = (1 - log(tan(latitude) + 1 / cos(latitude)) / .pi) / 2 * n
        let x = min(size - 1, max(0, Int(fx.rounded(.down))))
        let y = min(size - 1, max(0, Int(fy.rounded(.down))))
        return (x, y)
    }

    /// One integer per tile: column in the high half, row in the low half.
    @inline(__always)
    static func key(_ x: Int, _ y: Int) -> UInt32 { UInt32(x) << 16 | UInt32(y) }

    /// The tile of a key.
    static func quadkey(_ key: UInt32) -> Quadkey { Quadkey(x: Int(key >> 16), y: Int(key & 0xFFFF), zoom: zoom) }

    /// The tile polygon as WKT, as Ookla's `tile` column writes it (corners counter-clockwise from south-west).
    static func wkt(_ b: BoundingBox) -> String {
        func f(_ v: Double) -> String { String(format: "%.7f", v) }
        let corners = [(b.minX, b.minY), (b.maxX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.minX, b.minY)]
        return "POLYGON((" + corners.map { "\(f($0.0)) \(f($0.1))" }.joined(separator: ", ") + "))"
    }
}

/// Sums per zoom-16 tile of the crowd-app tests, written as an Ookla-style mobile tiles CSV.
struct SpeedTileAccumulator {
    struct Sums {
        var downloadKbps = 0.0
        var uploadKbps = 0.0
        var latencyMs = 0.0
        var tests = 0
        var devices = 0
    }

    private(set) var tiles: [UInt32: Sums] = [:]
    private var seenDevices = Set<UInt64>()

    /// Adds one test (values exactly as written to measurements.csv).
    mutating func add(tile: UInt32, download: Double, upload: Double, latency: Double, device: UInt32) {
        var s = tiles[tile] ?? Sums()
        s.downloadKbps += download * 1000
        s.uploadKbps += upload * 1000
        s.latencyMs += latency
        s.tests += 1
        if seenDevices.insert(UInt64(tile) << 32 | UInt64(device)).inserted { s.devices += 1 }
        tiles[tile] = s
    }

    /// Writes the Ookla columns by quadkey and returns the rows written.
    ///
    /// Columns `quadkey,tile,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices`; averages rounded to whole kbps
    /// and ms as Ookla publishes them.
    func write(to path: String) throws -> Int {
        let writer = try CSVWriter(
            path: path, header: ["quadkey", "tile", "avg_d_kbps", "avg_u_kbps", "avg_lat_ms", "tests", "devices"])
        let rows = tiles.map { (Zoom16.quadkey($0.key), $0.value) }.sorted { $0.0 < $1.0 }
        for (quadkey, s) in rows {
            let n = Double(s.tests)
            try writer.writeRow([
                .string(quadkey.digits), .string(Zoom16.wkt(quadkey.bounds)),
                .int(Int64((s.downloadKbps / n).rounded())), .int(Int64((s.uploadKbps / n).rounded())),
                .int(Int64((s.latencyMs / n).rounded())), .int(Int64(s.tests)), .int(Int64(s.devices)),
            ])
        }
        _ = try writer.finish()
        return rows.count
    }
}

extension Zoom16 {
    /// The extent of tile (x, y) in lon/lat degrees (the formula of `Quadkey.bounds`).
    static func bounds(_ x: Int, _ y: Int) -> BoundingBox {
        let n = Double(size)
        func latitude(_ row: Double) -> Double { atan(sinh(.pi * (1 - 2 * row / n))) * 180 / .pi }
        return BoundingBox(
            minX: Double(x) / n * 360 - 180, minY: latitude(Double(y + 1)), maxX: Double(x + 1) / n * 360 - 180,
            maxY: latitude(Double(y)))
    }
}
