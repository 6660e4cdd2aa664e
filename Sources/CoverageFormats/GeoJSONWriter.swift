import CoverageModel

/// Streams an RFC 7946 GeoJSON FeatureCollection, one feature at a time, one feature per line.
///
/// Coordinates are written lon/lat with a fixed number of decimals; polygon exteriors are written
/// counter-clockwise and holes clockwise (as measured on the written coordinates), rings are
/// closed, sliver rings are dropped (``minimumRingArea``); properties keep the caller's order.
public final class GeoJSONWriter {
    /// The sink the document is written to.
    public let sink: ByteSink
    /// Digits after the decimal point for every coordinate.
    public let precision: Int
    /// The number of features written so far.
    public private(set) var featureCount = 0
    /// The number of coordinates written so far (closing ring vertices included).
    public private(set) var vertexCount = 0
    private var finished = false

    /// Opens a writer on `path` (stdout when nil) and writes the collection header.
    ///
    /// - Parameter collectionMembers: extra top-level members, in order (e.g. `("name", "synthetic x")`).
    public convenience init(
        path: String?, precision: Int = 7, collectionMembers: [(String, JSONScalar)] = []
    ) throws {
        try self.init(sink: ByteSink(path: path), precision: precision, collectionMembers: collectionMembers)
    }

    /// Properties appended to every feature's own, such as a label that the data is synthetic.
    public var commonProperties: [(String, JSONScalar)] = []

    /// Opens a writer on an existing sink (e.g. an in-memory `ByteSink()`) and writes the header.
    public init(sink: ByteSink, precision: Int = 7, collectionMembers: [(String, JSONScalar)] = []) {
        self.sink = sink
        self.precision = precision
        sink.append("{\"type\":\"FeatureCollection\"")
        for (key, value) in collectionMembers {
            sink.append(UInt8(ascii: ","))
            TextEncoding.appendJSONString(key, to: sink)
            sink.append(UInt8(ascii: ":"))
            TextEncoding.appendJSON(value, to: sink)
        }
        sink.append(",\"features\":[\n")
    }

    /// Writes one feature: `id` (optional top-level member), geometry (`null` when nil), properties.
    public func writeFeature(
        geometry: Geometry?, properties: [(String, JSONScalar)], id: JSONScalar? = nil
    ) throws {
        precondition(!finished, "GeoJSONWriter: writeFeature after finish")
        if featureCount > 0 { sink.append(",\n") }
        sink.append("{\"type\":\"Feature\"")
        if let id {
            sink.append(",\"id\":")
            TextEncoding.appendJSON(id, to: sink)
        }
        sink.append(",\"geometry\":")
        if let geometry {
            vertexCount += GeoJSONWriter.appendGeometry(geometry, precision: precision, to: sink)
        } else {
            sink.append("null")
        }
        sink.append(",\"properties\":{")
        for (i, (key, value)) in (properties + commonProperties).enumerated() {
            if i > 0 { sink.append(UInt8(ascii: ",")) }
            TextEncoding.appendJSONString(key, to: sink)
            sink.append(UInt8(ascii: ":"))
            TextEncoding.appendJSON(value, to: sink)
        }
        sink.append("}}")
        featureCount += 1
        try sink.flushIfNeeded()
    }

    /// Closes the collection and the sink; returns the total bytes written.
    @discardableResult
    public func finish() throws -> Int {
        if !finished {
            finished = true
            sink.append(featureCount > 0 ? "\n]}\n" : "]}\n")
            try sink.close()
        }
        return sink.bytesWritten
    }

    /// The GeoJSON text of one geometry, formatted exactly as the writer formats it.
    public static func geometryJSON(_ geometry: Geometry, precision: Int = 7) -> String {
        let sink = ByteSink()
        appendGeometry(geometry, precision: precision, to: sink)
        return sink.text
    }

    /// Appends a geometry object and returns the number of coordinates written.
    @discardableResult
    public static func appendGeometry(_ geometry: Geometry, precision: Int, to sink: ByteSink) -> Int {
        var count = 0
        func position(_ c: Coordinate) {
            sink.append(UInt8(ascii: "["))
            TextEncoding.appendFixed(c.x, decimals: precision, to: sink)
            sink.append(UInt8(ascii: ","))
            TextEncoding.appendFixed(c.y, decimals: precision, to: sink)
            sink.append(UInt8(ascii: "]"))
            count += 1
        }
        func line(_ cs: [Coordinate]) {
            sink.append(UInt8(ascii: "["))
            for (i, c) in cs.enumerated() {
                if i > 0 { sink.append(UInt8(ascii: ",")) }
                position(c)
            }
            sink.append(UInt8(ascii: "]"))
        }
        func polygon(_ rings: [Ring]) {
            sink.append(UInt8(ascii: "["))
            for (i, ring) in rings.enumerated() {
                if i > 0 { sink.append(UInt8(ascii: ",")) }
                line(ring)
            }
            sink.append(UInt8(ascii: "]"))
        }
        func list<T>(_ items: [T], _ body: (T) -> Void) {
            sink.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { sink.append(UInt8(ascii: ",")) }
                body(item)
            }
            sink.append(UInt8(ascii: "]"))
        }
        var polygons: [[Ring]] = []
        switch geometry {
        case .polygon(let p): polygons = writtenRings(p, precision: precision).map { [$0] } ?? []
        case .multiPolygon(let ps): polygons = ps.compactMap { writtenRings($0, precision: precision) }
        default: break
        }
        if polygons.isEmpty, geometry.kind == .polygon || geometry.kind == .multiPolygon {
            sink.append("null")  // every polygon was a sliver
            return 0
        }
        sink.append("{\"type\":\"")
        sink.append(geometry.kind.rawValue)
        sink.append("\",\"coordinates\":")
        switch geometry {
        case .point(let c): position(c)
        case .lineString(let cs), .multiPoint(let cs): line(cs)
        case .polygon: polygon(polygons[0])
        case .multiLineString(let ls): list(ls, line)
        case .multiPolygon: list(polygons, polygon)
        }
        sink.append(UInt8(ascii: "}"))
        return count
    }
}

/// Ring orientation helpers (planar shoelace formula on lon/lat).
public enum RingOrientation {
    /// Twice the signed area of a ring: positive when counter-clockwise.
    public static func signedDoubleArea(_ ring: Ring) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        let x0 = ring[0].x, y0 = ring[0].y  // shift for numerical stability
        var prev = ring[ring.count - 1]
        for c in ring {
            sum += (prev.x - x0) * (c.y - y0) - (c.x - x0) * (prev.y - y0)
            prev = c
        }
        return sum
    }

    /// The ring closed (first == last) and turned to the requested orientation.
    public static func oriented(_ ring: Ring, counterClockwise: Bool) -> Ring {
        var r = ring
        if let first = r.first, let last = r.last, first != last { r.append(first) }
        let area = signedDoubleArea(r)
        if (area > 0) != counterClockwise && area != 0 { r.reverse() }
        return r
    }
}
