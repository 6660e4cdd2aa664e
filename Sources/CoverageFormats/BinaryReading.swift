/// Bounds-checked little- and big-endian reads for the binary formats.
extension UnsafeRawBufferPointer {
    /// A big-endian Int32 at `offset`, or nil when it does not fit.
    func int32BE(at offset: Int) -> Int32? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        return Int32(bigEndian: loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    /// A little-endian Int32 at `offset`, or nil when it does not fit.
    func int32LE(at offset: Int) -> Int32? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        return Int32(littleEndian: loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    /// A little-endian UInt32 at `offset`, or nil when it does not fit.
    func uint32LE(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        return UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// A little-endian UInt16 at `offset`, or nil when it does not fit.
    func uint16LE(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        return UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// A little-endian IEEE double at `offset`, or nil when it does not fit.
    func float64LE(at offset: Int) -> Double? {
        guard offset >= 0, offset <= count - 8 else { return nil }
        return Double(bitPattern: UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The bytes in `offset..<offset+length`, or nil when out of range.
    func slice(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, length >= 0, offset <= count - length else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[offset..<offset + length])
    }
}
