import CoverageFormats
import CoverageModel
import Foundation
import Testing

/// `TextEncoding.appendFixed` builds its text in scratch and appends it once; the reference is the
/// digit-at-a-time version it replaced, kept here.
@Suite struct TextEncodingTests {
    /// The former `appendFixed`, one byte at a time into a byte array.
    static func reference(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        let d = max(0, min(decimals, 18))
        var p = 1.0
        for _ in 0..<d { p *= 10 }
        let scaledD = (value * p).rounded(.toNearestOrAwayFromZero)
        guard abs(scaledD) < 9.0e18 else {
            let sink = ByteSink()
            TextEncoding.appendShortest(value, to: sink)
            return sink.text
        }
        let scaled = Int64(scaledD)
        let divisor = UInt64(p)
        var out = scaled < 0 ? "-" : ""
        out += String(scaled.magnitude / divisor)
        if d > 0 {
            let fraction = String(scaled.magnitude % divisor)
            out += "." + String(repeating: "0", count: d - fraction.count) + fraction
        }
        return out
    }

    /// The sink's text for `value`.
    static func written(_ value: Double, decimals: Int) -> String {
        let sink = ByteSink()
        sink.append("[")
        TextEncoding.appendFixed(value, decimals: decimals, to: sink)
        sink.append("]")
        return sink.text
    }

    /// Edge values: zero of both signs, values rounding to zero, halves, extremes, non-finite.
    static let edges: [(Double, Int)] = [
        (0, 0), (-0.0, 3), (-0.0004, 3), (0.0005, 3), (-0.0005, 3), (0.5, 0), (-0.5, 0), (1.25, 1), (-1.25, 1),
        (105.123_456_789, 7), (-105.123_456_789, 7), (21.5, 7), (123_456_789.987_654_321, 9), (1e-18, 18),
        (-1e-18, 18), (9.0e18, 0), (1.0e19, 2), (-1.0e19, 2), (8.9e18, 0), (.nan, 3), (.infinity, 1),
        (-.infinity, 1), (3.5, -2), (1.5, 30),
    ]

    @Test(arguments: edges)
    func anEdgeValueIsWrittenAsBefore(_ value: Double, _ decimals: Int) {
        #expect(Self.written(value, decimals: decimals) == "[" + Self.reference(value, decimals: decimals) + "]")
    }

    @Test(arguments: [0, 1, 2, 3, 7, 9])
    func manyCoordinatesAreWrittenAsBefore(_ decimals: Int) {
        var rng = SplitMix64(seed: UInt64(decimals) &+ 20_261_207)
        for _ in 0..<50_000 {
            let value = Double.random(in: -200...200, using: &rng)
            #expect(Self.written(value, decimals: decimals) == "[" + Self.reference(value, decimals: decimals) + "]")
        }
    }

    /// The former `appendJSONString`, one byte at a time.
    static func referenceString(_ text: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [34]
        for byte in text.utf8 {
            switch byte {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 0x0A: out += [92, UInt8(ascii: "n")]
            case 0x0D: out += [92, UInt8(ascii: "r")]
            case 0x09: out += [92, UInt8(ascii: "t")]
            case 0x08: out += [92, UInt8(ascii: "b")]
            case 0x0C: out += [92, UInt8(ascii: "f")]
            case 0..<0x20, 0x7F: out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        return out + [34]
    }

    /// Strings with nothing to escape, escapes at either end or side by side, and non-ASCII text.
    static let strings: [String] = [
        "", "a", "Xã Minh Lương", "\"", "\\", "\"quoted\"", "tab\there", "\u{1}\u{1F}\u{7F}x", "a/b", "東京 😀",
        "line\nbreak\r\n", "\u{8}\u{C}", "end\\", "\u{2028}\u{2029}", "mixed \"Hà Nội\"\t\u{0}—",
    ]

    @Test(arguments: strings)
    func aStringIsEscapedAsBefore(_ text: String) {
        let sink = ByteSink()
        sink.append("[")
        TextEncoding.appendJSONString(text, to: sink)
        sink.append("]")
        #expect(sink.buffer == [91] + Self.referenceString(text) + [93], "\(text.debugDescription)")
    }
}
