import CoverageFormats
import CoverageModel

/// Reads the tile polygons of Ookla's files (`POLYGON((x y, x y, …))`) without a round trip
/// through SpatiaLite's WKT parser per row.
enum TileWKT {
    /// The WKB (little endian, 2D) of `text` when it is exactly `POLYGON((x y, …, x y))`.
    ///
    /// That is one closed ring of at least 4 points, each number plain decimal (`-?digits[.digits]`), single
    /// spaces or none around the commas. Nil for any other text, which SpatiaLite then reads; the
    /// numbers are converted correctly rounded, as SpatiaLite's `atof` converts them.
    static func polygonWKB(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { polygonWKB(UnsafeRawBufferPointer($0)) }
    }

    private static func polygonWKB(_ b: UnsafeRawBufferPointer) -> [UInt8]? {
        var ring: [Coordinate] = []
        guard vertices(b, into: &ring) else { return nil }
        var wkb: [UInt8] = [1]
        wkb.reserveCapacity(13 + 16 * ring.count)
        func append(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { wkb.append(contentsOf: $0) } }
        append(3)
        append(1)
        append(UInt32(ring.count))
        for c in ring {
            withUnsafeBytes(of: c.x.bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
            withUnsafeBytes(of: c.y.bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
        }
        return wkb
    }

    /// The text every tile WKT read here starts with.
    private static let prefix: [UInt8] = Array("POLYGON((".utf8)

    /// The vertices of `b` into `ring` (emptied first) when it is exactly `POLYGON((x y, …, x y))` as
    /// ``polygonWKB(_:)`` takes it (closed, at least 4 points); false for any other text.
    static func vertices(_ b: UnsafeRawBufferPointer, into ring: inout [Coordinate]) -> Bool {
        ring.removeAll(keepingCapacity: true)
        guard b.count > prefix.count + 2, b[b.count - 2] == 0x29, b[b.count - 1] == 0x29 else { return false }
        for k in 0..<prefix.count where b[k] != prefix[k] { return false }
        var i = prefix.count
        let end = b.count - 2
        /// A plain decimal number at `i`, moving past it.
        func number() -> Double? {
            let start = i
            if i < end, b[i] == 0x2D { i += 1 }
            let digits = i
            while i < end, b[i] &- 0x30 < 10 { i += 1 }
            guard i > digits else { return nil }
            if i < end, b[i] == 0x2E {
                i += 1
                let fraction = i
                while i < end, b[i] &- 0x30 < 10 { i += 1 }
                guard i > fraction else { return nil }
            }
            return CSVReader.parseDouble(UnsafeRawBufferPointer(rebasing: b[start..<i]))
        }
        while true {
            guard let x = number(), i < end, b[i] == 0x20 else { return false }
            i += 1
            guard let y = number() else { return false }
            ring.append(Coordinate(x, y))
            if i == end { break }
            guard b[i] == 0x2C else { return false }
            i += 1
            if i < end, b[i] == 0x20 { i += 1 }
        }
        return ring.count >= 4 && ring[0] == ring[ring.count - 1]
    }
}
