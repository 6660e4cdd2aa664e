import Foundation

/// One column of a DBF table.
public struct DBFField: Hashable, Sendable {
    /// The column name (up to 10 characters).
    public let name: String
    /// The type letter: C (text), N / F (number), L (logical), D (date), or another letter read as text.
    public let type: Character
    /// The width in bytes.
    public let length: Int
    /// The number of decimal places (numeric columns).
    public let decimals: Int
    /// The byte offset inside a record (after the deletion flag).
    let offset: Int
}

/// A dBASE III+ table reader: the attribute part of a shapefile.
public struct DBFReader: Sendable {
    /// The name used in error messages.
    public let name: String
    /// The columns in file order.
    public let fields: [DBFField]
    /// The number of records, deleted ones included.
    public let recordCount: Int
    /// The text encoding used for C and other text fields.
    public let encoding: DBFTextEncoding
    private let data: Data
    private let headerLength: Int
    private let recordLength: Int

    /// Opens a `.dbf` file; the encoding defaults to the `.cpg` beside it, else the header's
    /// language driver (Windows-1252 for 0x03 / 0x57), else UTF-8.
    ///
    /// - Throws: `FormatError` when the file is missing, truncated or corrupt.
    public init(path: String, encoding: DBFTextEncoding? = nil) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FormatError(file: name, location: .file, reason: "cannot read file: \(error.localizedDescription)")
        }
        let cpgPath = URL(fileURLWithPath: path).deletingPathExtension().path
        let cpg = ShapefileReader.sidecar(cpgPath, "cpg").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        try self.init(data: data, name: name, encoding: encoding ?? cpg.flatMap(DBFTextEncoding.init(codePageName:)))
    }

    /// Reads a DBF table held in memory.
    public init(data: Data, name: String, encoding: DBFTextEncoding? = nil) throws {
        self.name = name
        self.data = data
        func corrupt(_ reason: String) -> FormatError { FormatError(file: name, location: .file, reason: reason) }
        let parsed: (Int, Int, Int, [DBFField], UInt8) = try data.withUnsafeBytes { b in
            guard let count = b.uint32LE(at: 4), let header = b.uint16LE(at: 8), let record = b.uint16LE(at: 10) else {
                throw corrupt("file is too short for a DBF header")
            }
            let headerLength = Int(header)
            let recordLength = Int(record)
            guard headerLength >= 33, headerLength <= b.count, recordLength >= 1 else {
                throw corrupt("DBF header is corrupt (header length \(headerLength), record length \(recordLength))")
            }
            var fields: [DBFField] = []
            var offset = 32
            var recordOffset = 1
            while offset + 32 <= headerLength, b[offset] != 0x0D {
                guard let d = b.slice(offset, 32) else { break }
                var nameEnd = 0
                while nameEnd < 11, d[nameEnd] != 0 { nameEnd += 1 }
                let fieldName = String(decoding: UnsafeRawBufferPointer(rebasing: d[0..<nameEnd]), as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces)
                let length = Int(d[16])
                fields.append(
                    DBFField(
                        name: fieldName, type: Character(Unicode.Scalar(d[11])), length: length,
                        decimals: Int(d[17]), offset: recordOffset))
                recordOffset += length
                offset += 32
            }
            guard recordOffset <= recordLength else {
                throw corrupt("DBF fields need \(recordOffset) bytes but records are \(recordLength) bytes long")
            }
            let available = (b.count - headerLength) / recordLength
            guard Int(count) <= available else {
                throw corrupt("file is truncated: the header declares \(count) records but the file holds \(available)")
            }
            return (Int(count), headerLength, recordLength, fields, b.count > 29 ? b[29] : 0)
        }
        self.recordCount = parsed.0
        self.headerLength = parsed.1
        self.recordLength = parsed.2
        self.fields = parsed.3
        self.encoding = encoding ?? ((parsed.4 == 0x57 || parsed.4 == 0x03) ? .windows1252 : .utf8)
    }

    /// The record at `index` (0-based) by column name, or nil when it is marked deleted.
    ///
    /// - Throws: `FormatError` at `.feature(index)` for out-of-range indexes or undecodable text.
    public func record(at index: Int) throws -> [String: PropertyValue]? {
        try data.withUnsafeBytes { b in
            guard index >= 0, index < recordCount,
                let r = b.slice(headerLength + index * recordLength, recordLength)
            else {
                throw FormatError(
                    file: name, location: .feature(index),
                    reason: "no DBF record \(index) (the table has \(recordCount))")
            }
            if r[0] == UInt8(ascii: "*") { return nil }
            var values: [String: PropertyValue] = [:]
            for field in fields {
                guard let raw = r.slice(field.offset, field.length) else { continue }
                values[field.name] = try decode(raw, field, index)
            }
            return values
        }
    }

    /// Calls `body` with the index and values of each record that is not deleted.
    public func forEachRecord(_ body: (Int, [String: PropertyValue]) throws -> Void) throws {
        for i in 0..<recordCount {
            if let values = try record(at: i) { try body(i, values) }
        }
    }

    private func decode(_ raw: UnsafeRawBufferPointer, _ field: DBFField, _ index: Int) throws -> PropertyValue {
        var start = 0
        var end = raw.count
        while end > 0, raw[end - 1] == 0x20 || raw[end - 1] == 0 { end -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        switch field.type {
        case "N", "F":
            while start < end, raw[start] == 0x20 { start += 1 }
            let digits = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            guard !digits.isEmpty, let d = CSVReader.parseDouble(digits) else { return .null }
            return .number(d)
        case "L":
            guard let c = trimmed.first else { return .null }
            switch c {
            case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return .bool(true)
            case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return .bool(false)
            default: return .null
            }
        case "D":
            let s = String(decoding: trimmed, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard s.count == 8, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), s != "00000000" else { return .null }
            let y = s.prefix(4)
            let m = s.dropFirst(4).prefix(2)
            let d = s.suffix(2)
            return .string("\(y)-\(m)-\(d)")
        default:
            guard let s = encoding.decode(trimmed) else {
                throw FormatError(
                    file: name, location: .feature(index),
                    reason:
                        "text in field '\(field.name)' is not valid \(encoding.rawValue) (add a .cpg file naming the code page)"
                )
            }
            return .string(s)
        }
    }
}
