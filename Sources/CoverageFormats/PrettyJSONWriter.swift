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
    /// The bytes not yet handed to the sink.
    private var bytes: [UInt8] = []
    private let chunkSize: Int
    /// Open containers.
    private var depth = 0
    /// True until the open container has its first member or element.
    private var first = true
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

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
        bytes.reserveCapacity(self.chunkSize + 4096)
    }

    /// Starts the next member of the open object: the separator, the indentation and `"key" : `.
    ///
    /// `key` is written verbatim: it must need no escaping (ASCII letters, digits, `_`, `-`).
    @inline(__always)
    public func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Starts the next member of the open object with a key given at run time (escaped as a string).
    public func key(string key: String) {
        separate()
        appendString(key)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Starts the next element of the open array: the separator and the indentation.
    @inline(__always)
    public func element() { separate() }

    /// Opens an object (after a `key` or `element`, or at the top).
    public func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the open object.
    public func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array (after a `key` or `element`, or at the top).
    public func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the open array.
    public func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `null`.
    public func appendNull() { bytes.append(contentsOf: [110, 117, 108, 108]) }

    /// Writes an integer in decimal.
    public func appendInt(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            var n = 0
            repeat {
                raw[23 - n] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - n)...]))
        }
    }

    /// Writes a double as the encoder does: Swift's shortest round-trip `description` without a
    /// trailing `.0` (so `1`, `-0`, `0.25`, `1e-07`, `1e+16`); throws for NaN and infinities.
    public func appendDouble(_ value: Double, context: @autoclosure () -> String = "") throws {
        guard value.isFinite else { throw NonConformingNumber(value: value, context: context()) }
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            // An integral value below 2^53 is described as its digits and ".0".
            if value == 0, value.sign == .minus { return bytes.append(contentsOf: [45, 48]) }
            return appendInt(Int(value))
        }
        var text = value.description
        text.withUTF8 { utf8 in
            var n = utf8.count
            if n >= 2, utf8[n - 2] == UInt8(ascii: "."), utf8[n - 1] == UInt8(ascii: "0") { n -= 2 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<n]))
        }
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
            bytes.append(UInt8(ascii: "\""))
            var clean = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [92, 0x22])
                case 0x5C: bytes.append(contentsOf: [92, 92])
                case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
                case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
                case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                default:
                    let hex = Self.hexDigits
                    bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Writes a string, or `null` when nil.
    public func appendString(_ text: String?) {
        if let text { appendString(text) } else { appendNull() }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Hands the bytes to the sink and lets it flush once a chunk is full.
    public func flushIfNeeded() throws {
        guard bytes.count >= chunkSize else { return }
        try handOver()
        try sink.flushIfNeeded()
    }

    /// Hands every byte to the sink (after a final newline when `newline`) and closes it.
    public func finish(newline: Bool = true) throws {
        precondition(depth == 0, "PrettyJSONWriter: finish with open containers")
        if newline { bytes.append(UInt8(ascii: "\n")) }
        try handOver()
        try sink.close()
    }

    private func handOver() throws {
        sink.append(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func separate() {
        if first {
            bytes.append(UInt8(ascii: "\n"))
            first = false
        } else {
            bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n")])
        }
        indent(depth)
    }

    @inline(__always)
    private func indent(_ level: Int) {
        var n = 2 * level
        while n > 0 {
            let k = min(n, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<k])
            n -= k
        }
    }

    private func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        first = true
    }

    private func close(_ bracket: UInt8) {
        precondition(depth > 0, "PrettyJSONWriter: close without an open container")
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        if first { bytes.append(UInt8(ascii: "\n")) }
        indent(depth)
        bytes.append(bracket)
        first = false
    }
}
