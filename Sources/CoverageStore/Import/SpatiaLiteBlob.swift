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
}
