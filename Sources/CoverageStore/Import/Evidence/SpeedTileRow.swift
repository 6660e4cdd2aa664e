import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// The polygon a tile record gives (lon/lat): a geometry, or the vertices of Ookla's one-ring WKT.
enum TileOutline {
    case geometry(Geometry)
    case ring([Coordinate])
}

/// A row of `speed_tiles`, checked: an implausible tile throws `Excluded`.
struct SpeedTileRow: EvidenceRow {
    static let table = "speed_tiles"
    static let columns = "quadkey, kind, period, avg_d_kbps, avg_u_kbps, avg_lat_ms, tests, devices, dataset_id, geom"
    static let parametersPerRow = 10

    /// `(?1, …, ?10)` with the numbers shifted by `first`; the geometry is bound as a SpatiaLite BLOB.
    static func values(first p: Int) -> String {
        "(" + (1...10).map { "?\(p + $0)" }.joined(separator: ", ") + ")"
    }

    /// Ookla's zoom: every published quadkey has 16 digits.
    static let ooklaZoom = 16
    /// How far a given tile polygon's corners may lie from the quadkey's, degrees.
    static let cornerTolerance = 1e-6

    var tile: SpeedTile
    var datasetID: Int64
    /// The quadkey's extent (lon/lat), derived once.
    var bounds: BoundingBox

    /// Reads and checks one record; `outline` is the tile polygon the file gives (lon/lat), if any.
    init(_ r: some FieldLookup, polygon outline: TileOutline?, kind: SpeedTileKind, period: String?, datasetID: Int64)
        throws
    {
        try self.init(
            LookedUpTileValues(record: r), polygon: outline, kind: kind, period: period, datasetID: datasetID)
    }

    /// Reads and checks one tile's values (in the order their exclusion reasons are reported).
    init(
        _ r: some SpeedTileValues, polygon outline: TileOutline?, kind: SpeedTileKind, period: String?,
        datasetID: Int64
    ) throws {
        guard let text = r.quadkeyText() else {
            throw Excluded(reason: .badQuadkey, detail: "no quadkey")
        }
        guard text.utf8.count == Self.ooklaZoom, let quadkey = Quadkey(text) else {
            throw Excluded(
                reason: .badQuadkey, detail: "quadkey '\(text)' is not \(Self.ooklaZoom) digits 0–3")
        }
        let download = try Self.required(r, .download)
        let upload = try Self.required(r, .upload)
        let latency = try Self.required(r, .latency)
        for kbps in [download, upload] {
            if kbps < 0 { throw Excluded(reason: .negativeSpeed, detail: "speed \(kbps) kbps") }
            if kbps > ExclusionReason.maximumSpeedMbps * 1000 {
                throw Excluded(reason: .speedAbove10Gbps, detail: "speed \(kbps) kbps")
            }
        }
        if latency < 0 { throw Excluded(reason: .negativeLatency, detail: "latency \(latency) ms") }
        let tests = try Self.required(r, .tests)
        guard tests.rounded() == tests else { throw Excluded(reason: .unreadableValue, detail: "tests \(tests)") }
        if tests < 1 { throw Excluded(reason: .testsBelowOne, detail: "tests \(Int(tests))") }
        let devices = try Self.required(r, .devices)
        guard devices.rounded() == devices, devices >= 0, tests < 1e12, devices < 1e12 else {
            throw Excluded(reason: .unreadableValue, detail: "devices \(devices)")
        }
        let bounds = quadkey.bounds
        if let outline, let offset = Self.offset(outline, from: bounds) {
            throw Excluded(
                reason: .tilePolygonMismatch,
                detail: "tile polygon lies \(offset)° from quadkey \(quadkey)'s (tolerance \(Self.cornerTolerance)°)")
        }
        tile = SpeedTile(
            quadkey: quadkey, kind: kind, period: period, averageDownloadKbps: download, averageUploadKbps: upload,
            averageLatencyMs: latency, tests: Int(tests), devices: Int(devices))
        self.datasetID = datasetID
        self.bounds = bounds
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
        withUnsafeTemporaryAllocation(byteCount: SpatiaLiteBlob.rectangleSize, alignment: 8) { blob in
            SpatiaLiteBlob.rectangle(bounds, into: blob)
            s.bindBlob(UnsafeRawBufferPointer(blob), at: p + 10)
        }
    }

    /// A value that must be present and numeric.
    static func required(_ r: some SpeedTileValues, _ field: SpeedTileField) throws -> Double {
        guard let v = try r.number(field) else {
            throw Excluded(reason: .unreadableValue, detail: "no \(field.names[0])")
        }
        return v
    }

    /// How far `outline` lies from the tile `b` (the largest distance of a vertex to the nearest
    /// corner, or of the bounding boxes' sides), or nil when within the tolerance.
    static func offset(_ outline: TileOutline, from b: BoundingBox) -> Double? {
        var check = CornerCheck(b)
        switch outline {
        case .geometry(let polygon): polygon.forEachCoordinate { check.add($0) }
        case .ring(let vertices): for c in vertices { check.add(c) }
        }
        let worst = check.worst
        return worst <= cornerTolerance ? nil : worst
    }
}

/// The largest distance of a polygon's vertices to a tile's nearest corner, and of its bounding box to the tile's.
struct CornerCheck {
    private let b: BoundingBox
    private let corners: (Coordinate, Coordinate, Coordinate, Coordinate)
    private var vertexWorst = 0.0
    private var box: BoundingBox?

    /// A check against the tile `b`.
    init(_ b: BoundingBox) {
        self.b = b
        corners = (
            Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
            Coordinate(b.minX, b.maxY)
        )
    }

    /// Takes one vertex.
    mutating func add(_ c: Coordinate) {
        func distance(_ k: Coordinate) -> Double { max(abs(k.x - c.x), abs(k.y - c.y)) }
        // `Sequence.min()` of the four distances: a later one replaces the result only when smaller.
        var nearest = distance(corners.0)
        let (d1, d2, d3) = (distance(corners.1), distance(corners.2), distance(corners.3))
        if d1 < nearest { nearest = d1 }
        if d2 < nearest { nearest = d2 }
        if d3 < nearest { nearest = d3 }
        vertexWorst = max(vertexWorst, nearest.isNaN ? .infinity : nearest)
        if var current = box {
            current.extend(c)
            box = current
        } else {
            box = BoundingBox(c)
        }
    }

    /// The largest distance seen (infinity for a polygon without vertices).
    var worst: Double {
        guard let box else { return .infinity }
        return max(
            vertexWorst, abs(box.minX - b.minX), abs(box.maxX - b.maxX), abs(box.minY - b.minY),
            abs(box.maxY - b.maxY))
    }
}
