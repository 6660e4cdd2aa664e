import Foundation

/// The buffered record loop and delimiter detection.
extension CSVReader {
    /// Bytes read from the source per refill, by default.
    public static let chunkSize = 1 << 20

    /// Runs the scanner over the whole source; `body` returns false to stop early.
    static func scanRecords(
        source: ByteSource, name: String, delimiter: UInt8, maxRecordBytes: Int, chunkBytes: Int, skipHeader: Bool,
        _ body: (CSVRawRecord) throws -> Bool
    ) throws {
        let reader = try source.open(name: name)
        var scanner = CSVScanner(delimiter: delimiter, maxRecordBytes: maxRecordBytes, file: name)
        let capacity = min(maxRecordBytes + chunkBytes, source.knownSize ?? Int.max) + 8
        var buffer = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        var eof = false
        var start = 0
        var first = true
        var headerPending = skipHeader
        while true {
            if !eof, filled < capacity {
                let n = try buffer.withUnsafeMutableBytes { buf in
                    try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[filled..<capacity]))
                }
                if n == 0 { eof = true }
                filled += n
            }
            if first {
                first = false
                if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            }
            let stopAt: Int? = try buffer.withUnsafeMutableBytes { buf in
                var p = start
                while p < filled {
                    switch try scanner.scan(buf, from: p, filled: filled, eof: eof) {
                    case .needMore:
                        return p
                    case .record(let next, let line):
                        if next - p > maxRecordBytes { throw scanner.tooLong(line: line) }
                        if let bad = UTF8Validation.firstInvalidByte(UnsafeRawBufferPointer(buf), from: p, to: next) {
                            var badLine = line
                            for k in p..<bad where buf[k] == 0x0A { badLine += 1 }
                            throw FormatError(file: name, location: .line(badLine), reason: "text is not valid UTF-8")
                        }
                        p = next
                        if scanner.isBlank { continue }
                        if headerPending {
                            headerPending = false
                            continue
                        }
                        scanner.unescape(buf)
                        let record = CSVRawRecord(
                            line: line, base: UnsafeRawPointer(buf.baseAddress), bounds: scanner.bounds)
                        guard try body(record) else { return nil }
                    }
                }
                return eof ? nil : p
            }
            guard let keep = stopAt else { return }
            if keep > 0 {
                buffer.withUnsafeMutableBytes { buf in
                    guard let base = buf.baseAddress else { return }
                    (base).copyMemory(from: base + keep, byteCount: filled - keep)
                }
                filled -= keep
                start = 0
            }
            if eof { return }
            if filled > maxRecordBytes { throw scanner.tooLong() }
        }
    }

    /// Picks `,`, `;` or tab by counting them (outside quotes) on the first line.
    static func detectDelimiter(source: ByteSource, name: String) throws -> UInt8 {
        let reader = try source.open(name: name)
        var head = [UInt8](repeating: 0, count: 64 * 1024)
        let n = try head.withUnsafeMutableBytes { try reader.read(into: $0) }
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var i = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0
        while i < n {
            let b = head[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == 0x0A { break }
                if b == UInt8(ascii: ",") { counts.comma += 1 }
                if b == UInt8(ascii: ";") { counts.semicolon += 1 }
                if b == 0x09 { counts.tab += 1 }
            }
            i += 1
        }
        if counts.semicolon > counts.comma, counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma, counts.tab > counts.semicolon { return 0x09 }
        return UInt8(ascii: ",")
    }
}
