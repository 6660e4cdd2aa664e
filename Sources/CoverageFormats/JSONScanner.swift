/// A problem found while scanning JSON: a syntax error at a byte offset, or a GeoJSON-level problem.
enum JSONIssue: Error {
    /// The bytes are not valid JSON at `offset`.
    case syntax(offset: Int, reason: String)
    /// The JSON is valid but does not make sense as GeoJSON (reported against the feature).
    case semantic(offset: Int, reason: String)
}

/// A byte-level JSON tokenizer over a buffer that stays alive for the scanner's lifetime.
///
/// Every read is bounds-checked; nesting is limited to ``maxDepth`` levels.
struct JSONScanner {
    /// The deepest nesting of arrays and objects accepted.
    static let maxDepth = 64
    /// The longest string (and nested property value) accepted, in bytes: 1 MiB, as for a CSV record.
    static let maxValueBytes = 1 << 20

    let bytes: UnsafeRawBufferPointer
    let count: Int
    var pos: Int
    var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.count = bytes.count
        self.pos = position
    }

    /// True when every byte has been consumed.
    var atEnd: Bool { pos >= count }

    /// The byte at `i`, or 0 past the end.
    @inline(__always)
    func byte(at i: Int) -> UInt8 { i >= 0 && i < count ? bytes[i] : 0 }

    /// Skips JSON whitespace.
    @inline(__always)
    mutating func skipWhitespace() {
        while pos < count {
            let b = bytes[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// Skips whitespace and returns the next byte without consuming it; throws at the end of input.
    @inline(__always)
    mutating func peek() throws(JSONIssue) -> UInt8 {
        skipWhitespace()
        guard pos < count else { throw endOfFile() }
        return bytes[pos]
    }

    /// A syntax issue for running out of input.
    func endOfFile(_ what: String = "") -> JSONIssue {
        .syntax(offset: count, reason: "unexpected end of file (truncated?)" + (what.isEmpty ? "" : ": \(what)"))
    }

    /// A syntax issue for the byte at the current position, naming what was expected.
    func unexpected(expected: String? = nil) -> JSONIssue {
        guard pos < count else { return endOfFile(expected.map { "expected \($0)" } ?? "") }
        let b = bytes[pos]
        let suffix = expected.map { ", expected \($0)" } ?? ""
        if b >= 0x80 {
            guard let n = UTF8Validation.sequenceLength(bytes, at: pos, end: count) else {
                return .syntax(offset: pos, reason: "invalid UTF-8")
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pos..<pos + n]), as: UTF8.self)
            return .syntax(offset: pos, reason: "unexpected character '\(text)'\(suffix)")
        }
        if b < 0x20 || b == 0x7F {
            let hex = String(b, radix: 16, uppercase: true)
            return .syntax(offset: pos, reason: "unexpected control byte 0x\(b < 16 ? "0" : "")\(hex)\(suffix)")
        }
        if let literal = nonFiniteLiteral() {
            return .syntax(offset: pos, reason: "\(literal) literal not allowed in JSON")
        }
        return .syntax(offset: pos, reason: "unexpected character '\(Character(Unicode.Scalar(b)))'\(suffix)")
    }

    /// "NaN", "Infinity" or "-Infinity" when one starts at the current position.
    func nonFiniteLiteral() -> String? {
        for word in ["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"] where matches(word) {
            return word
        }
        return nil
    }

    private func matches(_ word: String) -> Bool {
        var i = pos
        for u in word.utf8 {
            guard byte(at: i) == u else { return false }
            i += 1
        }
        return true
    }

    /// Consumes `b` after optional whitespace, or throws naming `what` was expected.
    @inline(__always)
    mutating func expect(_ b: UInt8, _ what: String) throws(JSONIssue) {
        guard try peek() == b else { throw unexpected(expected: what) }
        pos += 1
    }

    /// Consumes one of `true`, `false`, `null` spelled exactly.
    mutating func literal(_ word: StaticString) throws(JSONIssue) {
        let start = pos
        for k in 0..<word.utf8CodeUnitCount {
            let expected = word.utf8Start[k]
            guard pos < count else { throw endOfFile() }
            guard bytes[pos] == expected else {
                pos = start
                throw unexpected()
            }
            pos += 1
        }
    }

    // MARK: Containers

    /// Consumes `{` (after whitespace) and enters one nesting level.
    mutating func beginObject() throws(JSONIssue) {
        try expect(UInt8(ascii: "{"), "'{'")
        try enter()
    }

    /// Consumes `[` (after whitespace) and enters one nesting level.
    mutating func beginArray() throws(JSONIssue) {
        try expect(UInt8(ascii: "["), "'['")
        try enter()
    }

    private mutating func enter() throws(JSONIssue) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw .syntax(offset: pos - 1, reason: "nesting is deeper than \(Self.maxDepth) levels")
        }
    }

    /// The next member name of an open object, positioned at its value, or nil after the closing `}`.
    mutating func nextKey(first: inout Bool) throws(JSONIssue) -> String? {
        var c = try peek()
        if c == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            first = false
            return nil
        }
        if first {
            first = false
        } else {
            guard c == UInt8(ascii: ",") else { throw unexpected(expected: "',' or '}'") }
            pos += 1
            c = try peek()
        }
        guard c == UInt8(ascii: "\"") else { throw unexpected(expected: "a member name in double quotes") }
        let key = try parseString()
        try expect(UInt8(ascii: ":"), "':'")
        skipWhitespace()
        return key
    }

    /// True when another element of an open array follows (positioned at it); false after `]`.
    mutating func nextElement(first: inout Bool) throws(JSONIssue) -> Bool {
        let c = try peek()
        if c == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            first = false
            return false
        }
        if first {
            first = false
        } else {
            guard c == UInt8(ascii: ",") else { throw unexpected(expected: "',' or ']'") }
            pos += 1
            skipWhitespace()
        }
        return true
    }

    /// Validates and skips one JSON value of any kind.
    mutating func skipValue() throws(JSONIssue) {
        switch try peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try parseNumber()
        default:
            throw unexpected(expected: "a JSON value")
        }
    }

    /// The 1-based line number of a byte offset.
    func line(ofOffset offset: Int) -> Int {
        var line = 1
        let stop = min(offset, count)
        var i = 0
        while i < stop {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        return line
    }
}
