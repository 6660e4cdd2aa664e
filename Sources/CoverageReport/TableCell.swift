import CoverageModel

/// One cell of a ``TextTable`` ready to lay out: the text shown (control characters escaped) and
/// its width in characters.
///
/// Printable ASCII (U+0020–U+007E) is shown as it is and is one character per byte, so only other
/// cells are neutralised; of those, only cells with scalars outside the ranges where each scalar is
/// a character by itself (``simpleScalarCount(_:)``) have their grapheme clusters counted.
struct TableCell {
    /// The text shown.
    let text: String
    /// The number of characters (grapheme clusters) of `text`.
    let width: Int

    /// The cell for `raw`, neutralised (``DisplayText/neutralised(_:keeping:)``) when not printable ASCII.
    init(_ raw: String) {
        if let width = Self.printableASCIICount(raw) {
            text = raw
            self.width = width
        } else {
            text = DisplayText.neutralised(raw)
            width = Self.simpleScalarCount(text) ?? text.count
        }
    }

    /// A rule of `count` dashes.
    init(dashes count: Int) {
        text = String(repeating: "-", count: count)
        width = count
    }

    /// The scalar count of `s` when every scalar is one character by itself — printable ASCII,
    /// U+00A0–U+02FF (Latin-1 letters and signs, Latin Extended-A and -B, IPA, spacing modifiers) or
    /// U+1E00–U+1EFF (Latin Extended Additional: Vietnamese precomposed letters), none of which a
    /// grapheme cluster joins to a neighbour — else nil (combining marks, joiners, wide and other
    /// scripts are counted as grapheme clusters).
    static func simpleScalarCount(_ s: String) -> Int? {
        var count = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20...0x7E, 0xA0...0x2FF, 0x1E00...0x1EFF: count += 1
            default: return nil
            }
        }
        return count
    }

    /// The byte count of `s` when every byte is printable ASCII, else nil.
    static func printableASCIICount(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte > 0x7E { return nil }
            return utf8.count
        }
    }
}

/// The bytes of a table's text, built line by line in one buffer.
struct TableBytes {
    /// The text so far (UTF-8).
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one line: the cells two spaces apart, each padded to its column's width (on the left
    /// where `rightAligned`; a cell past the columns unpadded), trailing white space dropped as
    /// ``Swift/String/droppingTrailingSpaces()`` drops it, then a line feed.
    mutating func appendLine(_ cells: [TableCell], widths: [Int], rightAligned: [Bool]) {
        let start = bytes.count
        for (i, cell) in cells.enumerated() {
            if i > 0 { appendSpaces(2) }
            let inColumn = i < widths.count
            let pad = inColumn ? max(0, widths[i] - cell.width) : 0
            let right = inColumn && rightAligned[i]
            if right { appendSpaces(pad) }
            var text = cell.text
            text.withUTF8 { bytes.append(contentsOf: $0) }
            if !right { appendSpaces(pad) }
        }
        dropTrailingSpaces(after: start)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `n` spaces.
    private mutating func appendSpaces(_ n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// Drops the white space (`\s`, see ``Swift/String/isRegexSpace(_:)``) at the end of the bytes
    /// after `start`, scalar by scalar from the end.
    mutating func dropTrailingSpaces(after start: Int) {
        while bytes.count > start {
            let last = bytes[bytes.count - 1]
            if last < 0x80 {
                guard String.isRegexSpace(Unicode.Scalar(last)) else { return }
                bytes.removeLast()
                continue
            }
            // The first byte of the last scalar: continuation bytes are 10xxxxxx.
            var first = bytes.count - 1
            while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
            var decoder = Unicode.UTF8()
            var iterator = bytes[first...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator), String.isRegexSpace(scalar) else {
                return
            }
            bytes.removeLast(bytes.count - first)
        }
    }
}
