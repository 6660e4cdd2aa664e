import CoverageFormats
import CoverageModel
import Foundation

/// A record whose values are looked up by lists of column spellings: an `InputRecord`, or a CSV row
/// read in place (``CSVFieldRecord``).
protocol FieldLookup {
    /// Where the record is in its file, for error messages.
    var location: InputLocation { get }
    /// The geometry in the file's coordinates (nil when the file gives none).
    var geometry: Geometry? { get }
    /// The record's field names (lower case), sorted.
    var fieldNames: [String] { get }
    /// The first present, non-null value among `names` (matched case-insensitively).
    func value(_ names: [String]) -> PropertyValue?
}

extension FieldLookup {
    /// The first present value among `names` as trimmed text; empty text counts as absent.
    func text(_ names: [String]) -> String? {
        guard let t = value(names)?.text?.trimmedWhitespaceAndNewlines, !t.isEmpty
        else { return nil }
        return t
    }
}

extension InputRecord: FieldLookup {
    var fieldNames: [String] { values.keys.sorted() }
}

/// The key a field spelling is looked up under: the name lists are lower case, so lowercasing (an
/// allocation for long names) happens only when needed.
func fieldKey(_ name: String) -> String {
    name.utf8.contains(where: { (65...90).contains($0) || $0 >= 0x80 }) ? name.lowercased() : name
}

/// A CSV file's header as the column each lower-case name stands for (a repeated empty name: the last).
final class CSVColumns: Sendable {
    /// Column positions by lower-case name.
    let positions: [String: Int]
    /// The distinct names, sorted.
    let names: [String]

    /// The columns of a lower-cased header.
    init(header: [String]) {
        var positions: [String: Int] = [:]
        for (i, name) in header.enumerated() { positions[name] = i }
        self.positions = positions
        names = positions.keys.sorted()
    }
}

/// A CSV row read in place, each value made from the row's bytes only when it is looked up.
///
/// There is no dictionary of every field per row. It reads exactly as the `InputRecord` that
/// `CSVRecords` makes of the same row (every field a `.string`, no geometry); valid only inside the
/// reader's callback.
struct CSVFieldRecord: FieldLookup {
    let raw: CSVRawRecord
    let columns: CSVColumns

    var location: InputLocation { .line(raw.line) }
    var geometry: Geometry? { nil }
    var fieldNames: [String] { columns.names }

    func value(_ names: [String]) -> PropertyValue? {
        for n in names {
            if let i = columns.positions[fieldKey(n)] { return .string(raw.string(i)) }
        }
        return nil
    }
}

extension CSVRecords {
    /// True when ``forEachInPlace(_:)`` reads this file (a header line, no point columns made).
    var readsInPlace: Bool { !headerIsData && !pointColumns }

    /// Calls `body` for each row in file order, as ``forEach(_:)`` would, without building a record
    /// per row: blank lines are skipped and a row with the wrong number of fields fails the same way.
    func forEachInPlace(_ body: (CSVFieldRecord) throws -> Void) throws {
        precondition(readsInPlace, "forEachInPlace reads files with a header and no point columns")
        let columns = CSVColumns(header: header)
        try reader.forEachRecordBytes { raw in
            if raw.count == 1, raw.string(0).trimmingCharacters(in: .whitespaces).isEmpty { return }  // blank line
            guard raw.count == header.count else { throw fieldCountError(raw.count, line: raw.line) }
            try body(CSVFieldRecord(raw: raw, columns: columns))
        }
    }
}
