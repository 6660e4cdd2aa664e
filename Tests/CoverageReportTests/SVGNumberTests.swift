import CoverageModel
import Foundation
import Testing

@testable import CoverageReport

/// `SVGNumber` writes its digits itself; the reference is the `String(format: "%.1f")` text it
/// replaced (an integer when the value rounds to a whole number).
@Suite struct SVGNumberTests {
    /// The text the former `SVGNumber.text` gave.
    static func reference(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    /// Values on both sides of the rounding points, zero, negative zero and large coordinates.
    static let edges: [Double] = [
        0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.049_999, 0.15, 0.25, -0.25, 0.95, -0.95, 1, -1, 9.95, 99.95,
        123.456, -123.456, 1_000_000.25, -999_999.95, 0.1, 0.2, 0.3, 0.7, 1e12 + 0.3, -1e12 - 0.3,
    ]

    @Test(arguments: edges)
    func anEdgeValueIsWrittenAsTheFormatterWroteIt(_ v: Double) {
        #expect(SVGNumber.text(v) == Self.reference(v), "\(v)")
    }

    @Test func manyPixelValuesAreWrittenAsTheFormatterWroteThem() {
        var rng = SplitMix64(seed: 20_261_207)
        for _ in 0..<200_000 {
            let v = Double.random(in: -2_000...2_000, using: &rng)
            #expect(SVGNumber.text(v) == Self.reference(v), "\(v)")
        }
    }

    @Test func aPathJoinsTheTextsOfItsPoints() {
        let points = [MapPoint(x: 1.04, y: -2.26), MapPoint(x: 10, y: 0.05), MapPoint(x: -0.04, y: 33.349)]
        let open = points.enumerated().map { i, p in
            (i == 0 ? "M" : "L") + Self.reference(p.x) + " " + Self.reference(p.y)
        }.joined()
        #expect(SVGNumber.path(points, closed: false) == open)
        #expect(SVGNumber.path(points, closed: true) == open + "Z")
        #expect(SVGNumber.path([], closed: true) == "")
    }
}
