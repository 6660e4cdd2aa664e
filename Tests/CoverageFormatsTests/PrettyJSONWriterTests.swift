import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// `PrettyJSONWriter` against Foundation's `JSONEncoder` with the settings of `covaudit`'s JSON output
/// (pretty-printed, sorted keys, unescaped slashes, snake-case keys), byte for byte.
@Suite struct PrettyJSONWriterTests {
    /// The encoder's bytes for `value`, plus the final newline `finish()` writes.
    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    /// A nested value of the shapes the writer lays out: empty and nested containers, null, keys
    /// given at run time.
    struct Nested: Encodable {
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[String: [Int]]] = [["b": [], "a": [1, -2]], [:]]
        var none: Double? = nil
        var name = "x"

        enum CodingKeys: String, CodingKey { case empty, emptyObject, nested, none, name }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(empty, forKey: .empty)
            try c.encode(emptyObject, forKey: .emptyObject)
            try c.encode(nested, forKey: .nested)
            try c.encode(none, forKey: .none)
            try c.encode(name, forKey: .name)
        }
    }

    @Test func containersAreLaidOutAsTheEncoderLaysThemOut() throws {
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginObject()
        w.key("empty")
        w.beginArray()
        w.endArray()
        w.key("empty_object")
        w.beginObject()
        w.endObject()
        w.key("name")
        w.appendString("x")
        w.key("nested")
        w.beginArray()
        w.element()
        w.beginObject()
        w.key(string: "a")
        w.beginArray()
        for v in [1, -2] {
            w.element()
            w.appendInt(v)
        }
        w.endArray()
        w.key(string: "b")
        w.beginArray()
        w.endArray()
        w.endObject()
        w.element()
        w.beginObject()
        w.endObject()
        w.endArray()
        w.key("none")
        try w.appendDouble(nil)
        w.endObject()
        try w.finish()
        let want = try Self.encoded(Nested())
        #expect(sink.buffer == want, "\(ByteDifference.describe(sink.buffer, want))")
    }

    /// Families of doubles: random bit patterns in realistic ranges and the awkward corners.
    enum DoubleFamily: String, CaseIterable, CustomTestStringConvertible {
        case shares, pValues, speeds, timestamps, densities, integral, powersOfTen, extremes, randomBits, negatives

        var testDescription: String { rawValue }

        /// The values of the family (seeded, so every run sees the same).
        var values: [Double] {
            var rng = SplitMix64(seed: UInt64(Self.allCases.firstIndex(of: self) ?? 0) + 42)
            func random(_ n: Int, _ make: (inout SplitMix64) -> Double) -> [Double] {
                (0..<n).map { _ in make(&rng) }
            }
            switch self {
            case .shares:
                return [0, 1, 0.5, 0.9, 0.1, 1.0 / 3, 2.0 / 3, 0.9999999999999999, 1e-17]
                    + random(4000) { Double.random(in: 0...1, using: &$0) }
                    + (1...300).flatMap { n in (0...n).map { Double($0) / Double(n) } }
            case .pValues:
                return random(3000) {
                    Double(
                        sign: .plus, exponent: -Int.random(in: 0...1074, using: &$0),
                        significand: 1 + Double.random(in: 0..<1, using: &$0))
                }
            case .speeds:
                return random(3000) { Double.random(in: 0...2000, using: &$0) }
                    + random(1000) { (Double.random(in: 0...2_000_000, using: &$0)).rounded() / 1000 }
            case .timestamps:
                return random(2000) { Double.random(in: 1.5e9...2e9, using: &$0) }
                    + random(1000) { Double(Int.random(in: 1_500_000_000...2_000_000_000, using: &$0)) }
                    + random(500) { Double(Int.random(in: 1_500_000_000_000...2_000_000_000_000, using: &$0)) / 1000 }
            case .densities:
                return random(3000) { pow(10, Double.random(in: -9...9, using: &$0)) }
            case .integral:
                return (0...60).flatMap { e -> [Double] in
                    let p = pow(2.0, Double(e))
                    return [p - 1, p, p + 1, -p, p * 3]
                } + random(2000) { Double(Int64.random(in: -(1 << 60)...(1 << 60), using: &$0)) }
                    + [999_999_999_999_999, 1e15, 1e15 + 1, 9_007_199_254_740_991, 9_007_199_254_740_992, 1e16, 1e17]
            case .powersOfTen:
                return (-330...310).flatMap { e -> [Double] in
                    let v = Double("1e\(e)") ?? 0
                    return [v, v.nextUp, v.nextDown, 1.5 * v, -v]
                }.filter(\.isFinite)
            case .extremes:
                return [
                    -0.0, 0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                    -.greatestFiniteMagnitude, .ulpOfOne, 1e-7, 1e-5, 1e-4, 0.0001, 0.001, 1e16, 1e21, 1e22,
                    123_456_789_012_345_678, 0.30000000000000004, 5e-324, 1.7976931348623157e308,
                ]
            case .randomBits:
                return random(5000) { Double(bitPattern: $0.next()) }.filter(\.isFinite)
            case .negatives:
                return random(2000) { -Double.random(in: 0...1000, using: &$0) }
                    + random(500) { -Double.random(in: 0...1, using: &$0) * 1e-6 }
            }
        }
    }

    @Test(arguments: DoubleFamily.allCases)
    func doublesAreWrittenAsTheEncoderWritesThem(_ family: DoubleFamily) throws {
        let values = family.values
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginArray()
        for v in values {
            w.element()
            try w.appendDouble(v)
        }
        w.endArray()
        try w.finish()
        let want = try Self.encoded(values)
        #expect(sink.buffer == want, "\(ByteDifference.describe(sink.buffer, want))")
    }

    /// The edge values of the coverage output, written as the writer wrote them through
    /// `Double.description` (its text without a trailing `.0`), and NaN and infinities still refused.
    @Test(
        arguments: [
            0, -0.0, 1, -1, 0.5, 0.513592960723305, 0.1 + 0.2, 1e-300, -1e-300, 5e-324, 1e-7, 1e15, 1e15 + 0.5, 1e16,
            1e21, 123_456.789, 2.5e-5, .greatestFiniteMagnitude, .leastNormalMagnitude, 1.0 / 3,
        ] as [Double])
    func doublesAreDescriptionsText(_ value: Double) throws {
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginArray()
        w.element()
        try w.appendDouble(value)
        w.endArray()
        try w.finish()
        var text = value.description
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            text = value == 0 && value.sign == .minus ? "-0" : String(Int(value))
        } else if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        #expect(String(decoding: sink.buffer, as: UTF8.self) == "[\n  \(text)\n]\n")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteDoublesAreRefused(_ value: Double) {
        let w = PrettyJSONWriter(sink: ByteSink())
        w.beginArray()
        w.element()
        #expect(throws: PrettyJSONWriter.NonConformingNumber.self) { try w.appendDouble(value, context: "x") }
    }

    /// Random doubles of every magnitude: the bytes are `description`'s (the reference of the
    /// encoder's number form) but for the integral values written as integers.
    @Test func randomDoublesAreDescriptionsText() throws {
        var generator = SplitMix64(seed: 18)
        var want: [UInt8] = []
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginArray()
        var first = true
        for _ in 0..<50_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite, !(value == value.rounded(.towardZero) && value.magnitude < 1e15) else { continue }
            w.element()
            try w.appendDouble(value)
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            want += Array((first ? "[\n  " : ",\n  ").utf8) + Array(text.utf8)
            first = false
        }
        w.endArray()
        try w.finish()
        want += Array("\n]\n".utf8)
        #expect(sink.buffer == want, "\(ByteDifference.describe(sink.buffer, want))")
    }

    /// A document of many chunks written to a file (full chunks handed to the file from the writer's
    /// buffer) has the bytes of the same document written to memory.
    @Test func aFileGetsTheBytesOfMemory() throws {
        let dir = try FixtureDirectory("pretty-json-file")
        let path = dir.path("out.json")
        func write(_ sink: ByteSink) throws {
            let w = PrettyJSONWriter(sink: sink, chunkSize: 4096)
            try w.array(0..<20_000, flushing: true) { k in
                w.beginObject()
                try w.member("share", Double(k) / 7)
                w.member("name", "unit \(k)")
                w.endObject()
            }
            try w.finish()
        }
        let memory = ByteSink()
        try write(memory)
        try write(try ByteSink(path: path, bufferSize: 4096))
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file.count > 100 * 4096)
        #expect(file == memory.buffer, "\(ByteDifference.describe(file, memory.buffer))")
    }

    /// Every single byte below 0x80 and a sweep of scalars, one string each.
    @Test func everyCharacterIsEscapedAsTheEncoderEscapesIt() throws {
        let ascii = (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        let scalars = stride(from: 0x80, to: 0x11_0000, by: 997).compactMap { Unicode.Scalar($0).map { String($0) } }
        let strings = ascii + scalars + [ascii.joined(), scalars.joined()]
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginObject()
        w.key("strings")
        w.beginArray()
        for s in strings {
            w.element()
            w.appendString(s)
        }
        w.endArray()
        w.endObject()
        try w.finish()
        let want = try Self.encoded(["strings": strings])
        #expect(sink.buffer == want, "\(ByteDifference.describe(sink.buffer, want))")
    }

    /// Strings far longer than the writer's buffer (which then grows) come out whole.
    @Test func stringsLongerThanTheBufferAreWrittenWhole() throws {
        let strings = [String(repeating: "\u{1}é/\"", count: 40_000), String(repeating: "x", count: 300_000)]
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink, chunkSize: 4096)
        w.beginArray()
        for s in strings {
            w.element()
            w.appendString(s)
            try w.flushIfNeeded()
        }
        w.endArray()
        try w.finish()
        let want = try Self.encoded(strings)
        #expect(sink.buffer == want, "\(ByteDifference.describe(sink.buffer, want))")
    }
}
