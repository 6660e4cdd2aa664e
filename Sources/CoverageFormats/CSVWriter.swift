/// Streams RFC 4180 CSV: a header line, then one row per call; `\n` line endings.
public final class CSVWriter {
    /// The sink the rows are written to.
    public let sink: ByteSink
    /// The number of columns (every row must have this many fields).
    public let columnCount: Int
    /// The number of data rows written so far.
    public private(set) var rowCount = 0
    private var finished = false

    /// Opens a writer on `path` (stdout when nil) and writes the header.
    public convenience init(path: String?, header: [String]) throws {
        try self.init(sink: ByteSink(path: path), header: header)
    }

    /// Opens a writer on an existing sink and writes the header.
    public init(sink: ByteSink, header: [String]) {
        self.sink = sink
        self.columnCount = header.count
        for (i, name) in header.enumerated() {
            if i > 0 { sink.append(UInt8(ascii: ",")) }
            CSVWriter.appendField(name, to: sink)
        }
        sink.append(UInt8(ascii: "\n"))
    }

    /// Writes one row; strings are quoted only when they contain a comma, quote or line break.
    public func writeRow(_ fields: [JSONScalar]) throws {
        precondition(fields.count == columnCount, "CSVWriter: row has \(fields.count) fields, header \(columnCount)")
        for (i, field) in fields.enumerated() {
            if i > 0 { sink.append(UInt8(ascii: ",")) }
            switch field {
            case .null: break
            case .bool(let b): sink.append(b ? "true" : "false")
            case .int(let v): TextEncoding.appendInt(v, to: sink)
            case .number(let d): if d.isFinite { TextEncoding.appendShortest(d, to: sink) }
            case .fixed(let d, let decimals):
                if d.isFinite { TextEncoding.appendFixed(d, decimals: decimals, to: sink) }
            case .string(let s): CSVWriter.appendField(s, to: sink)
            }
        }
        sink.append(UInt8(ascii: "\n"))
        rowCount += 1
        try sink.flushIfNeeded()
    }

    /// Flushes and closes the sink; returns the total bytes written.
    @discardableResult
    public func finish() throws -> Int {
        if !finished {
            finished = true
            try sink.close()
        }
        return sink.bytesWritten
    }

    /// Appends one text field, quoted and with doubled quotes when needed.
    static func appendField(_ text: String, to sink: ByteSink) {
        let needsQuotes = text.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return sink.append(text) }
        sink.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == 34 { sink.append(34) }
            sink.append(byte)
        }
        sink.append(UInt8(ascii: "\""))
    }
}
