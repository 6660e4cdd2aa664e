/// One CSV record as text fields, with lookup by header name.
public struct CSVRecord: Sendable {
    /// The 1-based line on which the record starts.
    public let line: Int
    /// The fields in file order (quotes removed, doubled quotes undone).
    public let fields: [String]
    private let columns: [String: Int]

    init(line: Int, fields: [String], columns: [String: Int]) {
        self.line = line
        self.fields = fields
        self.columns = columns
    }

    /// The field under the header column `name`, or nil when there is no such column or field.
    public subscript(_ name: String) -> String? {
        guard let i = columns[name], i < fields.count else { return nil }
        return fields[i]
    }
}

/// One CSV record as byte slices into the reader's buffer; valid only inside the callback.
///
/// This is the allocation-free path for bulk imports: read numbers with ``double(_:)``.
public struct CSVRawRecord {
    /// The 1-based line on which the record starts.
    public let line: Int
    private let base: UnsafeRawPointer?
    private let bounds: [Int]

    init(line: Int, base: UnsafeRawPointer?, bounds: [Int]) {
        self.line = line
        self.base = base
        self.bounds = bounds
    }

    /// The number of fields.
    public var count: Int { bounds.count / 2 }

    /// The bytes of field `i` (empty when out of range); do not keep them after the callback.
    public subscript(_ i: Int) -> UnsafeRawBufferPointer {
        guard i >= 0, i < count, let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = bounds[2 * i]
        return UnsafeRawBufferPointer(start: base + start, count: bounds[2 * i + 1] - start)
    }

    /// Field `i` as a String (empty when out of range).
    public func string(_ i: Int) -> String {
        String(decoding: self[i], as: UTF8.self)
    }

    /// Field `i` as a finite number, or nil when empty, out of range or not a number.
    public func double(_ i: Int) -> Double? {
        CSVReader.parseDouble(self[i])
    }

    /// Every field as a String.
    public var strings: [String] { (0..<count).map { string($0) } }
}
