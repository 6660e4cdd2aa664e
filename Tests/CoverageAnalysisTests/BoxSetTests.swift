import CoverageModel
import Testing

@testable import CoverageAnalysis

/// `BoxSet.meetsAny` answers as testing every box with `BoundingBox.meets`.
@Suite struct BoxSetTests {
    /// Boxes from a fixed random walk: proper, inverted, NaN, points, and ones sharing an edge.
    static func boxes(_ count: Int, seed: UInt64) -> [BoundingBox] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { k in
            let (x, y, w, h) = (next() * 4, next() * 4, next() * 0.5, next() * 0.5)
            switch k % 10 {
            case 0: return BoundingBox(minX: x + w, minY: y, maxX: x, maxY: y + h)  // inverted
            case 1: return BoundingBox(minX: .nan, minY: y, maxX: x, maxY: y + h)
            case 2: return BoundingBox(minX: x, minY: y, maxX: x, maxY: y)  // a point
            case 3: return BoundingBox(minX: 1, minY: 1, maxX: 0, maxY: 0)  // AreaShares' empty box
            default: return BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
            }
        }
    }

    @Test(arguments: [0, 1, 3, 40, 400])
    func meetsAnyEqualsTestingEveryBox(_ count: Int) {
        let set = Self.boxes(count, seed: UInt64(count) + 1)
        let boxSet = BoxSet(set)
        var hits = 0
        for query in Self.boxes(500, seed: 77) {
            let expected = set.contains { $0.meets(query) }
            #expect(boxSet.meetsAny(query) == expected, "\(query)")
            if expected { hits += 1 }
        }
        #expect(count < 40 || hits > 50)  // the larger sets do meet many queries
    }
}
