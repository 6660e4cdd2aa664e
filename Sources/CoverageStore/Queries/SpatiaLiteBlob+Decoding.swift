import CoverageModel

/// Decoding of SpatiaLite BLOB geometries straight into model values, without `AsBinary` (which
/// parses the BLOB into SpatiaLite's own structures and writes WKB that is then parsed again).
///
/// Only the kinds the store writes are decoded here: little-endian, uncompressed XY Point,
/// LineString, Polygon and their Multi kinds, every count at least one. Anything else — compressed
/// or Z/M classes, big-endian, collections, empty parts, a malformed BLOB — returns nil, and the
/// caller asks SpatiaLite for its WKB as before, so such geometries decode (or fail) exactly as they did.
extension SpatiaLiteBlob {
    /// The geometry of `bytes` with the same structure and coordinates `WKB.decode(AsBinary(blob))`
    /// gives (before polygon validation, which the caller applies), or nil when not decoded here.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Geometry? {
        guard bytes.count >= 44 + 16, bytes[0] == 0x00, bytes[1] == 0x01, bytes[38] == 0x7C,
            bytes[bytes.count - 1] == 0xFE
        else { return nil }
        var reader = BlobReader(bytes: bytes, offset: 39, end: bytes.count - 1)
        guard let kind = reader.uint32(), let geometry = reader.body(kind: kind), reader.offset == reader.end else {
            return nil
        }
        return geometry
    }
}

/// A bounds-checked little-endian cursor over a SpatiaLite BLOB's body (between the class and 0xFE).
private struct BlobReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    /// The SpatiaLite marker before each entity of a Multi geometry.
    static let entityMarker: UInt8 = 0x69

    mutating func uint32() -> UInt32? {
        guard end - offset >= 4 else { return nil }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(littleEndian: v)
    }

    /// A count of items of `size` bytes each: at least one, and no more than the bytes left hold.
    mutating func count(itemSize: Int) -> Int? {
        guard let n = uint32().map(Int.init), n >= 1, n <= (end - offset) / itemSize else { return nil }
        return n
    }

    mutating func coordinate() -> Coordinate? {
        guard end - offset >= 16 else { return nil }
        let x = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let y = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        offset += 16
        return Coordinate(Double(bitPattern: x), Double(bitPattern: y))
    }

    mutating func points() -> [Coordinate]? {
        guard let n = count(itemSize: 16) else { return nil }
        var cs = [Coordinate]()
        cs.reserveCapacity(n)
        for _ in 0..<n {
            guard let c = coordinate() else { return nil }
            cs.append(c)
        }
        return cs
    }

    mutating func polygon() -> Polygon? {
        guard let n = count(itemSize: 4) else { return nil }
        var rings: [Ring] = []
        rings.reserveCapacity(n)
        for _ in 0..<n {
            guard let ring = points() else { return nil }
            rings.append(ring)
        }
        return Polygon(closedRings: rings)
    }

    /// The entities of a Multi geometry, each after its marker and a class equal to `kind`.
    mutating func entities<T>(kind: UInt32, minimumSize: Int, _ read: (inout BlobReader) -> T?) -> [T]? {
        guard let n = count(itemSize: minimumSize) else { return nil }
        var parts: [T] = []
        parts.reserveCapacity(n)
        for _ in 0..<n {
            guard offset < end, bytes[offset] == Self.entityMarker else { return nil }
            offset += 1
            guard uint32() == kind, let part = read(&self) else { return nil }
            parts.append(part)
        }
        return parts
    }

    /// The body of a geometry of SpatiaLite class `kind` (XY classes 1–6 only).
    mutating func body(kind: UInt32) -> Geometry? {
        switch kind {
        case 1: coordinate().map(Geometry.point)
        case 2: points().map(Geometry.lineString)
        case 3: polygon().map(Geometry.polygon)
        case 4: entities(kind: 1, minimumSize: 21) { $0.coordinate() }.map(Geometry.multiPoint)
        case 5: entities(kind: 2, minimumSize: 9 + 16) { $0.points() }.map(Geometry.multiLineString)
        case 6: entities(kind: 3, minimumSize: 9 + 4) { $0.polygon() }.map(Geometry.multiPolygon)
        default: nil
        }
    }
}
