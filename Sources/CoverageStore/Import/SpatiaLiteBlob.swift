import CoverageModel

/// SpatiaLite's internal BLOB geometry format, written directly for points (bulk imports).
enum SpatiaLiteBlob {
    /// The 60-byte SpatiaLite BLOB of a 2D point with `srid`, written into `out` (must hold 60 bytes).
    ///
    /// Layout: 0x00, 0x01 (little endian), SRID (int32), MBR (4 doubles), 0x7C, class 1 (int32),
    /// X, Y (doubles), 0xFE — the format `MakePoint(x, y, srid)` produces.
    static func point(x: Double, y: Double, srid: Int32 = 4326, into out: UnsafeMutableRawBufferPointer) {
        out[0] = 0x00
        out[1] = 0x01
        out.storeBytes(of: srid.littleEndian, toByteOffset: 2, as: Int32.self)
        out.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: 6, as: UInt64.self)
        out.storeBytes(of: y.bitPattern.littleEndian, toByteOffset: 14, as: UInt64.self)
        out.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: 22, as: UInt64.self)
        out.storeBytes(of: y.bitPattern.littleEndian, toByteOffset: 30, as: UInt64.self)
        out[38] = 0x7C
        out.storeBytes(of: Int32(1).littleEndian, toByteOffset: 39, as: Int32.self)
        out.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: 43, as: UInt64.self)
        out.storeBytes(of: y.bitPattern.littleEndian, toByteOffset: 51, as: UInt64.self)
        out[59] = 0xFE
    }

    static let pointSize = 60

    /// The SpatiaLite BLOB of the rectangle `b` with `srid`, written into `out` (must hold ``rectangleSize`` bytes).
    ///
    /// A polygon (class 3) of one ring of five vertices, counter-clockwise from (minX, minY) and closed:
    /// the bytes `GeomFromWKB` makes of the WKB of that ring (its MBR is `b`).
    static func rectangle(_ b: BoundingBox, srid: Int32 = 4326, into out: UnsafeMutableRawBufferPointer) {
        out[0] = 0x00
        out[1] = 0x01
        out.storeBytes(of: srid.littleEndian, toByteOffset: 2, as: Int32.self)
        func store(_ v: Double, _ offset: Int) {
            out.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        }
        store(b.minX, 6)
        store(b.minY, 14)
        store(b.maxX, 22)
        store(b.maxY, 30)
        out[38] = 0x7C
        out.storeBytes(of: Int32(3).littleEndian, toByteOffset: 39, as: Int32.self)
        out.storeBytes(of: Int32(1).littleEndian, toByteOffset: 43, as: Int32.self)
        out.storeBytes(of: Int32(5).littleEndian, toByteOffset: 47, as: Int32.self)
        for (k, (x, y)) in [(b.minX, b.minY), (b.maxX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.minX, b.minY)]
            .enumerated()
        {
            store(x, 51 + 16 * k)
            store(y, 59 + 16 * k)
        }
        out[rectangleSize - 1] = 0xFE
    }

    static let rectangleSize = 132
}
