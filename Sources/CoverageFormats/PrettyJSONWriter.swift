/// Streams JSON byte for byte as Foundation's `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes`, into a `ByteSink` in large chunks.
///
/// The caller gives the members of each object already in sorted order (keys are the encoder's final
/// keys, after any snake-case conversion); the writer supplies the layout: two-space indentation,
/// `"key" : value`, one element per line, empty containers as `[`, a blank line, `]`, and the
/// encoder's number and string forms (see ``appendDouble(_:)`` and ``appendString(_:)``). The format
/// was read off this toolchain's encoder; the tests compare the two byte for byte.
public final class PrettyJSONWriter {
    /// Where the bytes go; they are handed over every ``chunkSize`` bytes and by ``finish()``.
    public let sink: ByteSink
    /// The bytes not yet handed to the sink: `count` of `capacity` written.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private let chunkSize: Int
    /// Open containers.
    private var depth = 0
    /// True until the open container has its first member or element.
    private var first = true

    /// A double that JSON cannot hold (NaN or infinite): the encoder refuses it too.
    public struct NonConformingNumber: Error, CustomStringConvertible {
        /// The value.
        public var value: Double
        /// The member or element it was meant for.
        public var context: String
        /// The message.
        public var description: String { "Unable to encode Double.\(value) directly in JSON (\(context))." }
    }

    /// A writer appending to `sink`, handing it bytes every `chunkSize` bytes.
    public init(sink: ByteSink, chunkSize: Int = 1 << 20) {
        self.sink = sink
        self.chunkSize = max(4096, chunkSize)
        capacity = self.chunkSize + 65_536
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The number of bytes written so far, handed to the sink or not.
    public var bytesWritten: Int { sink.bytesWritten + count }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        let larger = max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends one byte (room reserved by the caller).
    @inline(__always)
    private func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends `n` bytes from `source` (room reserved by the caller).
    @inline(__always)
    private func put(_ source: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: source, count: n)
        count += n
    }

    /// Starts the next member of the open object: the separator, the indentation and `"key" : `.
    ///
    /// `key` is written verbatim: it must need no escaping (ASCII letters, digits, `_`, `-`).
    public func key(_ key: StaticString) {
        let n = key.utf8CodeUnitCount
        reserve(2 * depth + n + 8)
        separate()
        put(UInt8(ascii: "\""))
        put(key.utf8Start, n)
        putColon(quoted: true)
    }

    /// Writes the member `key` with an integer value.
    public func member(_ key: StaticString, _ value: Int) {
        self.key(key)
        appendInt(value)
    }

    /// Writes the member `key` with a string value, or `null` when nil.
    public func member(_ key: StaticString, _ value: String?) {
        self.key(key)
        appendString(value)
    }

    /// Writes the member `key` with a number, or `null` when nil; a non-finite number is refused,
    /// naming the key.
    public func member(_ key: StaticString, _ value: Double?) throws {
        self.key(key)
        try appendDouble(value, context: "\(key)")
    }

    /// Starts the next member of the open object with a key given at run time (escaped as a string).
    public func key(string key: String) {
        reserve(2 * depth + 2)
        separate()
        appendString(key)
        reserve(4)
        putColon(quoted: false)
    }

    /// Starts the next element of the open array: the separator and the indentation.
    public func element() {
        reserve(2 * depth + 2)
        separate()
    }

    /// Writes `items` as an array, each element by `body` (after its separator); with `flushing`, full
    /// chunks are handed to the sink between elements (for the long arrays of a large document).
    public func array<S: Sequence>(_ items: S, flushing: Bool = false, _ body: (S.Element) throws -> Void) throws {
        beginArray()
        for item in items {
            element()
            try body(item)
            if flushing { try flushIfNeeded() }
        }
        endArray()
    }

    /// Opens an object (after a `key` or `element`, or at the top).
    public func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the open object.
    public func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array (after a `key` or `element`, or at the top).
    public func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the open array.
    public func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `null`.
    public func appendNull() {
        reserve(4)
        put(UInt8(ascii: "n"))
        put(UInt8(ascii: "u"))
        put(UInt8(ascii: "l"))
        put(UInt8(ascii: "l"))
    }

    /// Writes `true` or `false`.
    public func appendBool(_ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        reserve(5)
        put(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// Writes an integer in decimal.
    public func appendInt(_ value: Int) {
        reserve(20)
        if value < 0 { put(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits = 1
        var probe = v
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var at = count + digits
        count = at
        repeat {
            at -= 1
            base[at] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        } while v > 0
    }

    /// Writes a double as the encoder does: Swift's shortest round-trip `description` without a
    /// trailing `.0` (so `1`, `-0`, `0.25`, `1e-07`, `1e+16`); throws for NaN and infinities.
    public func appendDouble(_ value: Double, context: @autoclosure () -> String = "") throws {
        guard value.isFinite else { throw NonConformingNumber(value: value, context: context()) }
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            // An integral value below 2^53 is described as its digits and ".0".
            if value == 0, value.sign == .minus {
                reserve(2)
                put(UInt8(ascii: "-"))
                return put(UInt8(ascii: "0"))
            }
            return appendInt(Int(value))
        }
        // The digits `description` gives, handed over as ASCII bytes, without a `String` made.
        var digits = DoubleDigits(writer: self)
        value.write(to: &digits)
    }

    /// Appends the ASCII text of a double (`Double.write(to:)`), without a trailing `.0`.
    fileprivate func appendDoubleText(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        var n = utf8.count
        if n >= 2, utf8[n - 2] == UInt8(ascii: "."), utf8[n - 1] == UInt8(ascii: "0") { n -= 2 }
        reserve(n)
        put(start, n)
    }

    /// Writes a double, or `null` when nil.
    public func appendDouble(_ value: Double?, context: @autoclosure () -> String = "") throws {
        if let value { try appendDouble(value, context: context()) } else { appendNull() }
    }

    /// Writes a string literal as the encoder does: `"` and `\` escaped, backspace, tab, newline,
    /// form feed and carriage return as `\b \t \n \f \r`, other bytes below 0x20 as `\u00xx`
    /// (lowercase hex); `/`, DEL and every non-ASCII character verbatim (UTF-8).
    public func appendString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // At most six bytes out per byte in (`\u00xx`), and the quotes.
            reserve(6 * utf8.count + 2)
            put(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                    put(byte)
                    continue
                }
                put(92)
                switch byte {
                case 0x22: put(0x22)
                case 0x5C: put(92)
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                default:
                    put(UInt8(ascii: "u"))
                    put(48)
                    put(48)
                    put(Self.hexDigit(byte >> 4))
                    put(Self.hexDigit(byte & 15))
                }
            }
            put(UInt8(ascii: "\""))
        }
    }

    /// Writes a value the encoder wrote alone (pretty-printed, at the top level) as the value at this
    /// place: every line after the first indented by the open containers, but for the blank line of
    /// an empty container.
    public func appendPretty(_ json: [UInt8]) {
        let pad = 2 * depth
        var newlines = 0
        for byte in json where byte == UInt8(ascii: "\n") { newlines += 1 }
        reserve(json.count + newlines * pad)
        json.withUnsafeBufferPointer { bytes in
            var from = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                if i > from, let start = bytes.baseAddress { put(start + from, i - from) }
                put(UInt8(ascii: "\n"))
                if i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "\n") { indent(depth) }
                from = i + 1
            }
            if bytes.count > from, let start = bytes.baseAddress { put(start + from, bytes.count - from) }
        }
        first = false
    }

    /// Writes a string, or `null` when nil.
    public func appendString(_ text: String?) {
        if let text { appendString(text) } else { appendNull() }
    }

    /// The lowercase hex digit of `nibble` (0…15).
    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : 87 + nibble }

    /// Hands the bytes to the sink and lets it flush once a chunk is full.
    public func flushIfNeeded() throws {
        guard count >= chunkSize else { return }
        try handOver()
        try sink.flushIfNeeded()
    }

    /// Hands every byte to the sink (after a final newline when `newline`) and closes it.
    public func finish(newline: Bool = true) throws {
        precondition(depth == 0, "PrettyJSONWriter: finish with open containers")
        if newline {
            reserve(1)
            put(UInt8(ascii: "\n"))
        }
        try handOver()
        try sink.close()
    }

    /// Hands the bytes over; a full chunk is written by the sink as it lies here, not copied.
    private func handOver() throws {
        try sink.append(chunk: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// `,` unless first, a newline and the indentation (room reserved by the caller).
    @inline(__always)
    private func separate() {
        if first {
            first = false
        } else {
            put(UInt8(ascii: ","))
        }
        put(UInt8(ascii: "\n"))
        indent(depth)
    }

    /// `"` (when `quoted`) and ` : ` (room reserved by the caller).
    @inline(__always)
    private func putColon(quoted: Bool) {
        if quoted { put(UInt8(ascii: "\"")) }
        put(UInt8(ascii: " "))
        put(UInt8(ascii: ":"))
        put(UInt8(ascii: " "))
    }

    /// Two spaces per level (room reserved by the caller).
    @inline(__always)
    private func indent(_ level: Int) {
        (base + count).initialize(repeating: UInt8(ascii: " "), count: 2 * level)
        count += 2 * level
    }

    private func open(_ bracket: UInt8) {
        reserve(1)
        put(bracket)
        depth += 1
        first = true
    }

    private func close(_ bracket: UInt8) {
        precondition(depth > 0, "PrettyJSONWriter: close without an open container")
        depth -= 1
        reserve(2 * depth + 3)
        put(UInt8(ascii: "\n"))
        if first { put(UInt8(ascii: "\n")) }
        indent(depth)
        put(bracket)
        first = false
    }
}

/// The text stream `Double.write(to:)` writes a double's digits into: its ASCII bytes go straight
/// to the writer (the text is `description`'s for every finite value; the tests compare the two).
private struct DoubleDigits: TextOutputStream {
    let writer: PrettyJSONWriter

    /// Appends a string the double writes as a `String` (not expected; kept exact all the same).
    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { writer.appendDoubleText($0) }
    }

    /// Appends the ASCII digits the double writes.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { writer.appendDoubleText(buffer) }
}
