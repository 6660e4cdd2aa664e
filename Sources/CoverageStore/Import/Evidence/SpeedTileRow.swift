import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// A row of `speed_tiles`, checked: an implausible tile throws `Excluded`.
struct SpeedTileRow: EvidenceRow {
    static let table = "speed_tiles"
    static let columns = "quadkey, kind, period, avg_d_kbps, avg_u_kbps, avg_lat_ms, tests, devices, dataset_id, geom"
    static let parametersPerRow = 10

    /// `(?1, …, ?9, GeomFromWKB(?10, 4326))` with the numbers shifted by `first`.
    static func values(first p: Int) -> String {
        "(" + (1...9).map { "?\(p + $0)" }.joined(separator: ", ") + ", GeomFromWKB(?\(p + 10), 4326))"
    }

    /// Ookla's zoom: every published quadkey has 16 digits.
    static let ooklaZoom = 16
    /// How far a given tile polygon's corners may lie from the quadkey's, degrees.
    static let cornerTolerance = 1e-6

    var tile: SpeedTile
    var datasetID: Int64

    /// Reads and checks one record; `polygon` is the tile polygon the file gives (lon/lat), if any.
    init(_ r: some FieldLookup, polygon: Geometry?, kind: SpeedTileKind, period: String?, datasetID: Int64) throws {
        guard let text = r.text(SpeedTileFields.quadkey) else {
            throw Excluded(reason: .badQuadkey, detail: "no quadkey")
        }
        guard text.utf8.count == Self.ooklaZoom, let quadkey = Quadkey(text) else {
            throw Excluded(
                reason: .badQuadkey, detail: "quadkey '\(text)' is not \(Self.ooklaZoom) digits 0–3")
        }
        let download = try Self.required(r, SpeedTileFields.download)
        let upload = try Self.required(r, SpeedTileFields.upload)
        let latency = try Self.required(r, SpeedTileFields.latency)
        for kbps in [download, upload] {
            if kbps < 0 { throw Excluded(reason: .negativeSpeed, detail: "speed \(kbps) kbps") }
            if kbps > ExclusionReason.maximumSpeedMbps * 1000 {
                throw Excluded(reason: .speedAbove10Gbps, detail: "speed \(kbps) kbps")
            }
        }
        if latency < 0 { throw Excluded(reason: .negativeLatency, detail: "latency \(latency) ms") }
        let tests = try Self.required(r, SpeedTileFields.tests)
        guard tests.rounded() == tests else { throw Excluded(reason: .unreadableValue, detail: "tests \(tests)") }
        if tests < 1 { throw Excluded(reason: .testsBelowOne, detail: "tests \(Int(tests))") }
        let devices = try Self.required(r, SpeedTileFields.devices)
        guard devices.rounded() == devices, devices >= 0, tests < 1e12, devices < 1e12 else {
            throw Excluded(reason: .unreadableValue, detail: "devices \(devices)")
        }
        if let polygon, let offset = Self.offset(polygon, from: quadkey) {
            throw Excluded(
                reason: .tilePolygonMismatch,
                detail: "tile polygon lies \(offset)° from quadkey \(quadkey)'s (tolerance \(Self.cornerTolerance)°)")
        }
        tile = SpeedTile(
            quadkey: quadkey, kind: kind, period: period, averageDownloadKbps: download, averageUploadKbps: upload,
            averageLatencyMs: latency, tests: Int(tests), devices: Int(devices))
        self.datasetID = datasetID
    }

    func bind(to s: Statement, offset p: Int32) {
        s.bind(text: tile.quadkey.digits, at: p + 1)
        s.bind(text: tile.kind.rawValue, at: p + 2)
        s.bind(text: tile.period, at: p + 3)
        s.bind(real: tile.averageDownloadKbps, at: p + 4)
        s.bind(real: tile.averageUploadKbps, at: p + 5)
        s.bind(real: tile.averageLatencyMs, at: p + 6)
        s.bind(integer: Int64(tile.tests), at: p + 7)
        s.bind(integer: Int64(tile.devices), at: p + 8)
        s.bind(integer: datasetID, at: p + 9)
        s.bind(wkb: .polygon(tile.quadkey.polygon), at: p + 10)
    }

    /// A value that must be present and numeric.
    static func required(_ r: some FieldLookup, _ names: [String]) throws -> Double {
        guard let v = try MeasurementRow.measured(r, names.map { UnitSpelling(name: $0, factor: 1) }) else {
            throw Excluded(reason: .unreadableValue, detail: "no \(names[0])")
        }
        return v
    }

    /// How far `polygon` lies from the quadkey's tile (the largest distance of a vertex to the
    /// nearest corner, or of the bounding boxes' sides), or nil when within the tolerance.
    static func offset(_ polygon: Geometry, from quadkey: Quadkey) -> Double? {
        let b = quadkey.bounds
        let corners = [
            Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
            Coordinate(b.minX, b.maxY),
        ]
        var worst = 0.0
        polygon.forEachCoordinate { c in
            let nearest = corners.map { max(abs($0.x - c.x), abs($0.y - c.y)) }.min() ?? .infinity
            worst = max(worst, nearest.isNaN ? .infinity : nearest)
        }
        if let box = polygon.boundingBox {
            worst = max(
                worst, abs(box.minX - b.minX), abs(box.maxX - b.maxX), abs(box.minY - b.minY), abs(box.maxY - b.maxY))
        } else {
            worst = .infinity
        }
        return worst <= cornerTolerance ? nil : worst
    }
}
