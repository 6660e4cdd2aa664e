import CoverageModel

/// Well-Known Binary (ISO/OGC, 2D) encoding and decoding of `Geometry` values.
public enum WKB {
    /// A malformed WKB blob.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "invalid WKB: \(reason)" }
    }

    /// Encodes a geometry as little-endian 2D WKB.
    public static func encode(_ geometry: Geometry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(9 + geometry.vertexCount * 16)
        write(geometry, into: &out)
        return out
    }

    private static func header(_ type: UInt32, _ out: inout [UInt8]) {
        out.append(1)
        appendUInt32(type, &out)
    }

    private static func appendUInt32(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendPoints(_ cs: [Coordinate], _ out: inout [UInt8]) {
        appendUInt32(UInt32(cs.count), &out)
        for c in cs {
            withUnsafeBytes(of: c.x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: c.y.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }
    }

    private static func appendPolygon(_ p: Polygon, _ out: inout [UInt8]) {
        header(3, &out)
        appendUInt32(UInt32(p.rings.count), &out)
        for r in p.rings { appendPoints(r, &out) }
    }

    private static func write(_ g: Geometry, into out: inout [UInt8]) {
        switch g {
        case .point(let c):
            header(1, &out)
            withUnsafeBytes(of: c.x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: c.y.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        case .lineString(let cs):
            header(2, &out)
            appendPoints(cs, &out)
        case .polygon(let p):
            appendPolygon(p, &out)
        case .multiPoint(let cs):
            header(4, &out)
            appendUInt32(UInt32(cs.count), &out)
            for c in cs { write(.point(c), into: &out) }
        case .multiLineString(let ls):
            header(5, &out)
            appendUInt32(UInt32(ls.count), &out)
            for l in ls { write(.lineString(l), into: &out) }
        case .multiPolygon(let ps):
            header(6, &out)
            appendUInt32(UInt32(ps.count), &out)
            for p in ps { appendPolygon(p, &out) }
        }
    }

    /// Decodes 2D WKB (either byte order; Z/M ordinates are dropped).
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Geometry {
        var reader = Reader(bytes: bytes)
        return try reader.geometry(depth: 0).validatingPolygons()
    }

    /// Decodes 2D WKB from an array.
    public static func decode(_ bytes: [UInt8]) throws -> Geometry {
        try bytes.withUnsafeBytes { try decode($0) }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        var little = true

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func need(_ n: Int) throws {
            guard n >= 0, offset + n <= bytes.count else {
                throw DecodingError(reason: "truncated at byte \(offset)")
            }
        }

        mutating func uint32() throws -> UInt32 {
            try need(4)
            var v: UInt32 = 0
            withUnsafeMutableBytes(of: &v) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 4]))
            }
            offset += 4
            return little ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
        }

        mutating func double() throws -> Double {
            try need(8)
            var v: UInt64 = 0
            withUnsafeMutableBytes(of: &v) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))
            }
            offset += 8
            return Double(bitPattern: little ? UInt64(littleEndian: v) : UInt64(bigEndian: v))
        }

        mutating func count(_ perItem: Int) throws -> Int {
            let n = Int(try uint32())
            guard n <= (bytes.count - offset) / max(perItem, 1) else {
                throw DecodingError(reason: "count \(n) exceeds the blob size")
            }
            return n
        }

        mutating func coordinate(dims: Int) throws -> Coordinate {
            let x = try double()
            let y = try double()
            for _ in 2..<dims { _ = try double() }
            return Coordinate(x, y)
        }

        mutating func points(dims: Int) throws -> [Coordinate] {
            let n = try count(8 * dims)
            var cs: [Coordinate] = []
            cs.reserveCapacity(n)
            for _ in 0..<n { cs.append(try coordinate(dims: dims)) }
            return cs
        }

        mutating func typeHeader() throws -> (base: UInt32, dims: Int) {
            try need(1)
            little = bytes[offset] == 1
            offset += 1
            let raw = try uint32()
            // ISO (1000s) and EWKB (high flag bits) dimension encodings.
            var t = raw & 0x0FFF_FFFF
            var dims = 2
            if raw & 0x8000_0000 != 0 { dims += 1 }
            if raw & 0x4000_0000 != 0 { dims += 1 }
            if raw & 0x2000_0000 != 0 { throw DecodingError(reason: "EWKB with embedded SRID is not supported") }
            if t >= 3000 {
                dims = 4; t -= 3000
            } else if t >= 2000 {
                dims = 3; t -= 2000
            } else if t >= 1000 {
                dims = 3; t -= 1000
            }
            return (t, dims)
        }

        mutating func polygon(dims: Int) throws -> Polygon {
            let n = try count(4)
            var rings: [Ring] = []
            for _ in 0..<n { rings.append(try points(dims: dims)) }
            return Polygon(closedRings: rings)  // checked by `validatingPolygons()` in `decode`
        }

        mutating func geometry(depth: Int) throws -> Geometry {
            guard depth < 4 else { throw DecodingError(reason: "nesting too deep") }
            let (t, dims) = try typeHeader()
            switch t {
            case 1: return .point(try coordinate(dims: dims))
            case 2: return .lineString(try points(dims: dims))
            case 3: return .polygon(try polygon(dims: dims))
            case 4, 5, 6:
                let n = try count(5)
                var parts: [Geometry] = []
                for _ in 0..<n { parts.append(try geometry(depth: depth + 1)) }
                switch t {
                case 4:
                    return .multiPoint(
                        try parts.map {
                            guard case .point(let c) = $0 else {
                                throw DecodingError(reason: "MultiPoint part is not a Point")
                            }
                            return c
                        })
                case 5:
                    return .multiLineString(
                        try parts.map {
                            guard case .lineString(let l) = $0 else {
                                throw DecodingError(reason: "MultiLineString part is not a LineString")
                            }
                            return l
                        })
                default:
                    return .multiPolygon(
                        try parts.map {
                            guard case .polygon(let p) = $0 else {
                                throw DecodingError(reason: "MultiPolygon part is not a Polygon")
                            }
                            return p
                        })
                }
            case 7: throw DecodingError(reason: "GeometryCollection is not supported")
            default: throw DecodingError(reason: "unknown geometry type \(t)")
            }
        }
    }
}
