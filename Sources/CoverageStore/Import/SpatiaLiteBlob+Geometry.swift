import CoverageModel

/// SpatiaLite BLOBs of whole geometries, byte for byte what `GeomFromWKB(wkb, srid)` makes of their WKB.
extension SpatiaLiteBlob {
    /// SpatiaLite's class numbers (the same as WKB's 2D type codes).
    private static func classNumber(_ kind: GeometryKind) -> Int32 {
        switch kind {
        case .point: 1
        case .lineString: 2
        case .polygon: 3
        case .multiPoint: 4
        case .multiLineString: 5
        case .multiPolygon: 6
        }
    }

    /// The uncompressed 2D SpatiaLite BLOB of `geometry` with `srid`, written into `out` (replacing it).
    ///
    /// Layout: 0x00, 0x01 (little endian), SRID, MBR (min x, min y, max x, max y), 0x7C, class, the
    /// body, 0xFE. A body is a point's x and y; a line's vertex count and vertices; a polygon's ring
    /// count and rings (each a vertex count and vertices); a collection's member count and members,
    /// each 0x69, its class and its body. The MBR spans every vertex (polygons: their exterior rings,
    /// which hold the interior ones in any geometry the import accepts), as `gaiaMbrGeometry` sets it.
    static func encode(_ geometry: Geometry, srid: Int32 = 4326, into out: inout [UInt8]) {
        var box = MBR()
        switch geometry {
        case .point(let c): box.add(c)
        case .lineString(let cs), .multiPoint(let cs): box.add(cs)
        case .multiLineString(let ls): for l in ls { box.add(l) }
        case .polygon(let p): box.add(p.rings.first ?? [])
        case .multiPolygon(let ps): for p in ps { box.add(p.rings.first ?? []) }
        }
        let size = 43 + bodySize(geometry) + 1
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: size))
        out.withUnsafeMutableBytes { raw in
            var w = Writer(out: raw)
            w.byte(0x00)
            w.byte(0x01)
            w.int(srid)
            w.double(box.minX)
            w.double(box.minY)
            w.double(box.maxX)
            w.double(box.maxY)
            w.byte(0x7C)
            w.int(classNumber(geometry.kind))
            switch geometry {
            case .point(let c): w.point(c)
            case .lineString(let cs): w.points(cs)
            case .polygon(let p): w.rings(p)
            case .multiPoint(let cs):
                w.int(Int32(cs.count))
                for c in cs {
                    w.byte(0x69)
                    w.int(1)
                    w.point(c)
                }
            case .multiLineString(let ls):
                w.int(Int32(ls.count))
                for l in ls {
                    w.byte(0x69)
                    w.int(2)
                    w.points(l)
                }
            case .multiPolygon(let ps):
                w.int(Int32(ps.count))
                for p in ps {
                    w.byte(0x69)
                    w.int(3)
                    w.rings(p)
                }
            }
            w.byte(0xFE)
            assert(w.at == size)
        }
    }

    /// The bytes of the body (after the class number, before the end marker).
    private static func bodySize(_ geometry: Geometry) -> Int {
        func rings(_ p: Polygon) -> Int { p.rings.reduce(4) { $0 + 4 + 16 * $1.count } }
        switch geometry {
        case .point: return 16
        case .lineString(let cs): return 4 + 16 * cs.count
        case .polygon(let p): return rings(p)
        case .multiPoint(let cs): return 4 + 21 * cs.count
        case .multiLineString(let ls): return ls.reduce(4) { $0 + 9 + 16 * $1.count }
        case .multiPolygon(let ps): return ps.reduce(4) { $0 + 5 + rings($1) }
        }
    }

    /// Writes little-endian values one after another into a buffer sized beforehand.
    private struct Writer {
        let out: UnsafeMutableRawBufferPointer
        var at = 0

        /// Writes one byte.
        @inline(__always)
        mutating func byte(_ b: UInt8) {
            out[at] = b
            at += 1
        }

        /// Writes a 32-bit integer.
        @inline(__always)
        mutating func int(_ v: Int32) {
            out.storeBytes(of: v.littleEndian, toByteOffset: at, as: Int32.self)
            at += 4
        }

        /// Writes a double.
        @inline(__always)
        mutating func double(_ v: Double) {
            out.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: at, as: UInt64.self)
            at += 8
        }

        /// Writes a vertex (x, then y).
        @inline(__always)
        mutating func point(_ c: Coordinate) {
            double(c.x)
            double(c.y)
        }

        /// Writes a vertex count and the vertices.
        mutating func points(_ cs: [Coordinate]) {
            int(Int32(cs.count))
            for c in cs { point(c) }
        }

        /// Writes a ring count and the rings.
        mutating func rings(_ p: Polygon) {
            int(Int32(p.rings.count))
            for r in p.rings { points(r) }
        }
    }

    /// The uncompressed SpatiaLite BLOB of `geometry` with `srid`.
    static func encode(_ geometry: Geometry, srid: Int32 = 4326) -> [UInt8] {
        var out: [UInt8] = []
        encode(geometry, srid: srid, into: &out)
        return out
    }

    /// A minimum bounding rectangle grown vertex by vertex.
    private struct MBR {
        var minX = Double.greatestFiniteMagnitude
        var minY = Double.greatestFiniteMagnitude
        var maxX = -Double.greatestFiniteMagnitude
        var maxY = -Double.greatestFiniteMagnitude

        /// Grows the rectangle to hold `c` (strict comparisons, as SpatiaLite's: of equal values such
        /// as 0 and −0, the first seen stays).
        @inline(__always)
        mutating func add(_ c: Coordinate) {
            if c.x < minX { minX = c.x }
            if c.y < minY { minY = c.y }
            if c.x > maxX { maxX = c.x }
            if c.y > maxY { maxY = c.y }
        }

        /// Grows the rectangle to hold every coordinate of `cs`.
        mutating func add(_ cs: [Coordinate]) {
            for c in cs { add(c) }
        }
    }
}
