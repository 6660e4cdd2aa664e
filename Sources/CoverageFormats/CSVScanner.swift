/// The RFC 4180 state machine: finds one record's field boundaries in a byte buffer.
struct CSVScanner {
    /// The outcome of scanning at a position.
    enum Step {
        /// A whole record ends before `next`; its field bounds are in ``bounds``.
        case record(next: Int, line: Int)
        /// The buffer ends inside the record; refill and scan again from the same start.
        case needMore
    }

    let delimiter: UInt8
    let maxRecordBytes: Int
    let file: String
    /// The 1-based line at which the next record starts.
    var line = 1
    /// Start/end byte offsets of each field of the last record (content only, without quotes).
    var bounds: [Int] = []
    /// Indexes of fields holding doubled quotes that still need collapsing.
    var escaped: [Int] = []
    /// True when the last record had a single unquoted empty field (a blank line).
    var isBlank = false

    init(delimiter: UInt8, maxRecordBytes: Int, file: String) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        self.file = file
    }

    private func error(_ line: Int, _ reason: String) -> FormatError {
        FormatError(file: file, location: .line(line), reason: reason)
    }

    /// A syntax error found after reading `bytes` bytes of the record, or the size-limit error when
    /// those already exceed the limit: the error must not depend on where a buffer refill fell.
    private func syntaxError(bytes: Int, _ line: Int, _ reason: String) -> FormatError {
        bytes > maxRecordBytes ? tooLong() : error(line, reason)
    }

    /// The error for a record over the size limit.
    func tooLong(line: Int? = nil) -> FormatError {
        error(line ?? self.line, "record is longer than \(CSVScanner.describe(bytes: maxRecordBytes))")
    }

    /// "1 MiB", "64 KiB" or "100 bytes".
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// Scans the record starting at `start` in `buf[0..<filled]`.
    mutating func scan(_ buf: UnsafeMutableRawBufferPointer, from start: Int, filled: Int, eof: Bool)
        throws -> Step
    {
        bounds.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        isBlank = false
        let quote = UInt8(ascii: "\"")
        let newline: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        let delimiter = self.delimiter
        var i = start
        var innerLines = 0
        var quotedAny = false
        while true {
            if i - start > maxRecordBytes { throw tooLong() }
            if i < filled, buf[i] == quote {
                // Quoted field.
                quotedAny = true
                let contentStart = i + 1
                i += 1
                var doubled = false
                let contentEnd: Int
                while true {
                    while i < filled {
                        let b = buf[i]
                        if b == quote { break }
                        if b == newline { innerLines += 1 }
                        i += 1
                    }
                    if i >= filled {
                        if eof {
                            throw syntaxError(
                                bytes: i - start, line, "unterminated quoted field (a closing '\"' is missing)")
                        }
                        return .needMore
                    }
                    if i + 1 < filled, buf[i + 1] == quote {
                        doubled = true
                        i += 2
                        continue
                    }
                    if i + 1 >= filled, !eof { return .needMore }
                    contentEnd = i
                    i += 1
                    break
                }
                while i < filled, buf[i] == 0x20 || (buf[i] == 0x09 && delimiter != 0x09) { i += 1 }
                if i >= filled, !eof { return .needMore }
                if doubled { escaped.append(bounds.count / 2) }
                bounds.append(contentStart)
                bounds.append(contentEnd)
                if i >= filled { return finish(next: i, lines: innerLines, terminated: false) }
                let b = buf[i]
                if b == delimiter {
                    i += 1
                    continue
                }
                if b == newline { return finish(next: i + 1, lines: innerLines, terminated: true) }
                if b == cr {
                    if i + 1 < filled, buf[i + 1] == newline {
                        return finish(next: i + 2, lines: innerLines, terminated: true)
                    }
                    if i + 1 >= filled {
                        if !eof { return .needMore }
                        return finish(next: i + 1, lines: innerLines, terminated: false)
                    }
                }
                throw syntaxError(bytes: i + 1 - start, line + innerLines, "unexpected character after a closing quote")
            }
            // Unquoted field: runs to the delimiter or the end of the line.
            let fieldStart = i
            while i < filled {
                let b = buf[i]
                if b == delimiter || b == newline { break }
                i += 1
            }
            if i >= filled {
                if !eof { return .needMore }
                var end = i
                if end > fieldStart, buf[end - 1] == cr { end -= 1 }
                bounds.append(fieldStart)
                bounds.append(end)
                isBlank = !quotedAny && bounds.count == 2 && end == fieldStart
                return finish(next: i, lines: innerLines, terminated: false)
            }
            if buf[i] == delimiter {
                bounds.append(fieldStart)
                bounds.append(i)
                i += 1
                continue
            }
            var end = i
            if end > fieldStart, buf[end - 1] == cr { end -= 1 }
            bounds.append(fieldStart)
            bounds.append(end)
            isBlank = !quotedAny && bounds.count == 2 && end == fieldStart
            return finish(next: i + 1, lines: innerLines, terminated: true)
        }
    }

    private mutating func finish(next: Int, lines: Int, terminated: Bool) -> Step {
        let recordLine = line
        line += lines + (terminated ? 1 : 0)
        return .record(next: next, line: recordLine)
    }

    /// Collapses doubled quotes in place for the fields listed in ``escaped``.
    mutating func unescape(_ buf: UnsafeMutableRawBufferPointer) {
        for field in escaped {
            let start = bounds[2 * field]
            let end = bounds[2 * field + 1]
            var r = start
            var w = start
            while r < end {
                let b = buf[r]
                buf[w] = b
                w += 1
                r += b == UInt8(ascii: "\"") ? 2 : 1
            }
            bounds[2 * field + 1] = w
        }
    }
}
