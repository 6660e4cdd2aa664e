import Foundation

/// A streaming RFC 4180 CSV reader with delimiter detection and bounded memory.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; a UTF-8 byte order mark
/// is stripped; blank lines are skipped. Records are reported with the line they start on.
/// Lines end with LF or CRLF (a lone CR is data). Fields are not trimmed; the header is.
public struct CSVReader: Sendable {
    /// The name used in error messages (the file's last path component).
    public let name: String
    /// The field delimiter: `,`, `;` or a tab (detected from the header line unless given).
    public let delimiter: UInt8
    /// The header fields, trimmed of surrounding whitespace.
    public let header: [String]
    /// The longest record accepted, in bytes.
    public let maxRecordBytes: Int
    /// Bytes read from the source per refill (1 MiB; small values exercise refills in tests).
    public let chunkBytes: Int
    private let source: ByteSource
    private let columns: [String: Int]

    /// Opens the file at `path` and reads its header line.
    ///
    /// - Parameters:
    ///   - delimiter: the delimiter byte, or nil to detect it from the header line.
    ///   - maxRecordBytes: the longest record accepted (default 1 MiB).
    /// - Throws: `FormatError` when the file cannot be read or its header is invalid.
    public init(path: String, delimiter: UInt8? = nil, maxRecordBytes: Int = 1 << 20) throws {
        try self.init(
            source: .file(path), name: URL(fileURLWithPath: path).lastPathComponent,
            delimiter: delimiter, maxRecordBytes: maxRecordBytes)
    }

    /// Reads CSV held in memory; `name` is used in error messages.
    ///
    /// - Parameter chunkBytes: bytes read per refill; tests and fuzzing pass tiny values so that
    ///   records straddle refills, which in real files happens only every megabyte.
    public init(
        bytes: [UInt8], name: String, delimiter: UInt8? = nil, maxRecordBytes: Int = 1 << 20,
        chunkBytes: Int = CSVReader.chunkSize
    ) throws {
        try self.init(
            source: .memory(bytes), name: name, delimiter: delimiter, maxRecordBytes: maxRecordBytes,
            chunkBytes: chunkBytes)
    }

    private init(
        source: ByteSource, name: String, delimiter: UInt8?, maxRecordBytes: Int, chunkBytes: Int = CSVReader.chunkSize
    ) throws {
        self.source = source
        self.name = name
        self.maxRecordBytes = max(16, maxRecordBytes)
        self.chunkBytes = max(1, chunkBytes)
        self.delimiter = try delimiter ?? CSVReader.detectDelimiter(source: source, name: name)
        var header: [String] = []
        try CSVReader.scanRecords(
            source: source, name: name, delimiter: self.delimiter, maxRecordBytes: self.maxRecordBytes,
            chunkBytes: self.chunkBytes, skipHeader: false
        ) { record in
            header = record.strings.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return false
        }
        self.header = header
        var columns: [String: Int] = [:]
        for (i, h) in header.enumerated() where columns[h] == nil { columns[h] = i }
        self.columns = columns
    }

    /// The index of the header column `name`, if any.
    public func columnIndex(_ name: String) -> Int? { columns[name] }

    /// Calls `body` with every record after the header, as Strings.
    ///
    /// - Throws: `FormatError` at `.line(n)`; errors thrown by `body` pass through unchanged.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        let columns = self.columns
        try forEachRecordBytes { raw in
            try body(CSVRecord(line: raw.line, fields: raw.strings, columns: columns))
        }
    }

    /// Calls `body` with every record after the header as byte slices (the fast path).
    ///
    /// - Throws: `FormatError` at `.line(n)`; errors thrown by `body` pass through unchanged.
    public func forEachRecordBytes(_ body: (CSVRawRecord) throws -> Void) throws {
        try CSVReader.scanRecords(
            source: source, name: name, delimiter: delimiter, maxRecordBytes: maxRecordBytes, chunkBytes: chunkBytes,
            skipHeader: true
        ) { record in
            try body(record)
            return true
        }
    }

    /// Parses a decimal number from bytes: optional spaces, sign, digits, fraction and exponent.
    ///
    /// Returns nil for empty text, `nan`, `inf`, out-of-range values and anything else.
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let d = DecimalParser.parseField(bytes), d.isFinite else { return nil }
        return d
    }

    /// Parses a decimal number from a string with the same rules as the byte version.
    public static func parseDouble(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parseDouble(UnsafeRawBufferPointer($0)) }
    }
}
