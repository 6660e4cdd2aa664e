import CoverageFormats

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
        let prefix: [UInt8] = Array("POLYGON((".utf8)
        guard b.count > prefix.count + 2, b[b.count - 2] == 0x29, b[b.count - 1] == 0x29 else { return nil }
        for (k, byte) in prefix.enumerated() where b[k] != byte { return nil }
        var xs: [Double] = []
        var ys: [Double] = []
        var i = prefix.count
        let end = b.count - 2
        /// A plain decimal number at `i`, moving past it.
        func number() -> Double? {
            let start = i
            if i < end, b[i] == 0x2D { i += 1 }
            let digits = i
            while i < end, (0x30...0x39).contains(b[i]) { i += 1 }
            guard i > digits else { return nil }
            if i < end, b[i] == 0x2E {
                i += 1
                let fraction = i
                while i < end, (0x30...0x39).contains(b[i]) { i += 1 }
                guard i > fraction else { return nil }
            }
            return CSVReader.parseDouble(UnsafeRawBufferPointer(rebasing: b[start..<i]))
        }
        while true {
            guard let x = number(), i < end, b[i] == 0x20 else { return nil }
            i += 1
            guard let y = number() else { return nil }
            xs.append(x)
            ys.append(y)
            if i == end { break }
            guard b[i] == 0x2C else { return nil }
            i += 1
            if i < end, b[i] == 0x20 { i += 1 }
        }
        guard xs.count >= 4, xs[0] == xs[xs.count - 1], ys[0] == ys[ys.count - 1] else { return nil }
        var wkb: [UInt8] = [1]
        wkb.reserveCapacity(13 + 16 * xs.count)
        func append(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { wkb.append(contentsOf: $0) } }
        append(3)
        append(1)
        append(UInt32(xs.count))
        for k in 0..<xs.count {
            withUnsafeBytes(of: xs[k].bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
            withUnsafeBytes(of: ys[k].bitPattern.littleEndian) { wkb.append(contentsOf: $0) }
        }
        return wkb
    }
}
