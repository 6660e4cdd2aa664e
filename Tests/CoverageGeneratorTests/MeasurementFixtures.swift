import CoverageFormats
import CoverageGenerator
import CoverageModel
import CoverageTestSupport
import Foundation

/// One generated territory with measurements, read back for the measurement tests.
struct MeasuredTerritory: Sendable {
    /// One row of measurements.csv, parsed independently of the generator.
    struct Row: Sendable {
        var time: Date
        var operatorName: String
        var technology: String
        var download: Double
        var upload: Double
        var latency: Double
        var rsrp: Double?
        var source: String
        var device: String
        var position: Coordinate

        /// Meets 10/1 Mbps and, when RSRP is recorded, −110 dBm.
        var passes: Bool { download >= 10 && upload >= 1 && (rsrp.map { $0 >= -110 } ?? true) }
    }

    /// A coverage polygon of the generated coverage file.
    struct Area: Sendable {
        var operatorName: String
        var technology: String
        var polygon: Polygon
    }

    let directory: URL
    let truth: MeasurementTruth
    let header: [String]
    let rows: [Row]
    let areas: [Area]

    /// Generates the demo scale with `count` measurements and speed tiles.
    static func demo(seed: UInt64, count: Int, label: String) throws -> MeasuredTerritory {
        let dir = try TestPaths.temporaryDirectory("covaudit-measured-\(label)")
        let (_, truth) = try generateTerritory(
            .defaults(for: .demo, seed: seed), outputDirectory: dir,
            measurements: MeasurementParameters(count: count, speedTiles: true))
        guard let truth else { throw NoMeasurements() }
        return try read(dir, truth: truth)
    }

    /// Reads the files of a generated folder.
    static func read(_ dir: URL, truth: MeasurementTruth) throws -> MeasuredTerritory {
        let iso = ISO8601DateFormatter()
        var header: [String] = []
        var rows: [Row] = []
        let reader = try CSVReader(path: dir.appendingPathComponent("measurements.csv").path)
        header = reader.header
        try reader.forEachRecord { r in
            rows.append(
                Row(
                    time: iso.date(from: r["time"] ?? "") ?? .distantPast, operatorName: r["operator"] ?? "",
                    technology: r["technology"] ?? "", download: Double(r["download_mbps"] ?? "") ?? -1,
                    upload: Double(r["upload_mbps"] ?? "") ?? -1, latency: Double(r["latency_ms"] ?? "") ?? -1,
                    rsrp: (r["rsrp_dbm"]).flatMap(Double.init), source: r["source"] ?? "",
                    device: r["device_id"] ?? "",
                    position: Coordinate(Double(r["lon"] ?? "") ?? .nan, Double(r["lat"] ?? "") ?? .nan)))
        }
        var areas: [Area] = []
        try GeoJSONReader(path: dir.appendingPathComponent("synthetic_coverage.geojson").path).forEachFeature { f in
            guard case .polygon(let p) = f.geometry else { return }
            areas.append(
                Area(
                    operatorName: f.properties["operator"]?.text ?? "",
                    technology: f.properties["technology"]?.text ?? "",
                    polygon: p))
        }
        return MeasuredTerritory(directory: dir, truth: truth, header: header, rows: rows, areas: areas)
    }

    /// Even-odd point in polygon (all rings), written here independently of the generator.
    static func contains(_ polygon: Polygon, _ p: Coordinate) -> Bool {
        var inside = false
        for ring in polygon.rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// Whether `p` lies in some declared polygon of the operator and technology.
    func declared(_ p: Coordinate, _ op: String, _ tech: String) -> Bool {
        areas.contains { $0.operatorName == op && $0.technology == tech && Self.contains($0.polygon, p) }
    }
}

/// Thrown when a generation asked for measurements returns none.
struct NoMeasurements: Error {}

/// The demo generated once per process for the measurement tests (20,000 tests).
enum SharedMeasuredDemo {
    static let result: Result<MeasuredTerritory, any Error> = Result {
        try MeasuredTerritory.demo(seed: 20_250_701, count: 20_000, label: "shared")
    }
    static func get() throws -> MeasuredTerritory { try result.get() }
}
