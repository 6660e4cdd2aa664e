import CoverageModel
import Foundation
import GeometryKernels
import Testing

/// `PolygonGroupIndex` against the indexes it joins, each asked on its own (`PolygonIndex.contains`).
@Suite struct PolygonGroupIndexTests {
    /// A reproducible stream of doubles in 0..<1 (64-bit LCG, top 53 bits).
    struct Stream {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// A star-shaped ring of `n` vertices around (cx, cy) with radii in 0.3…1 × `r`, closed.
    static func star(_ cx: Double, _ cy: Double, _ r: Double, _ n: Int, _ s: inout Stream) -> Ring {
        var ring: Ring = (0..<n).map { k in
            let a = Double(k) / Double(n) * 2 * Double.pi
            let rr = r * (0.3 + 0.7 * s.next())
            return Coordinate(cx + rr * cos(a), cy + rr * sin(a))
        }
        ring.append(ring[0])
        return ring
    }

    /// Random overlapping polygons (some with holes, some multipolygons) for `groups` indexes.
    static func groups(_ count: Int, seed: UInt64) -> [[Geometry]] {
        var s = Stream(state: seed)
        return (0..<count).map { g in
            (0..<(3 + g % 5)).map { k in
                let cx = 105 + s.next()
                let cy = 21 + s.next()
                let outer = star(cx, cy, 0.05 + 0.2 * s.next(), 5 + Int(s.next() * 20), &s)
                switch k % 3 {
                case 0: return Geometry.polygon(Polygon(closedRings: [outer]))
                case 1:
                    let hole = Array(star(cx, cy, 0.02, 6, &s).reversed())
                    return Geometry.polygon(Polygon(closedRings: [outer, hole]))
                default:
                    let other = star(cx + 0.3, cy - 0.2, 0.08, 7, &s)
                    return Geometry.multiPolygon([Polygon(closedRings: [outer]), Polygon(closedRings: [other])])
                }
            }
        }
    }

    @Test(arguments: [
        [0, 1, 2, 3],
        [5, 63, 64, 127, 31, 32, 96],
        [7, 7, 70, 70, 0],  // repeated labels are OR-ed
    ])
    func labelsEqualEachIndexAskedAlone(labels: [Int]) {
        let geometries = Self.groups(labels.count, seed: UInt64(labels.reduce(17, +)))
        let indexes = geometries.map { PolygonIndex($0) }
        let joined = PolygonGroupIndex(Array(zip(labels, indexes)).map { (label: $0.0, index: $0.1) })
        var points: [Coordinate] = []
        var s = Stream(state: 99)
        for _ in 0..<20_000 { points.append(Coordinate(104.8 + 1.6 * s.next(), 20.8 + 1.6 * s.next())) }
        // Vertices and edge midpoints: boundary cases (covered, as `PolygonIndex` says).
        points += geometries.joined().flatMap(Self.boundaryPoints)
        points += [Coordinate(.nan, 21.5), Coordinate(105.5, .infinity)]
        let someCovered = Self.expectLabels(of: joined, equal: labels, indexes, at: points)
        #expect(someCovered > 1000)
    }

    /// The vertices and edge midpoints of `geometry`'s rings.
    static func boundaryPoints(_ geometry: Geometry) -> [Coordinate] {
        geometry.polygons.flatMap(\.rings).flatMap { ring in
            ring + zip(ring, ring.dropFirst()).map { Coordinate(($0.x + $1.x) / 2, ($0.y + $1.y) / 2) }
        }
    }

    /// Expects `joined`'s labels at each point to be those of the `indexes` (labelled `labels`)
    /// covering it, each asked alone; returns how many points some index covers.
    static func expectLabels(
        of joined: PolygonGroupIndex, equal labels: [Int], _ indexes: [PolygonIndex], at points: [Coordinate]
    ) -> Int {
        var someCovered = 0
        for p in points {
            var expected = Set<Int>()
            for (label, index) in zip(labels, indexes) where index.contains(p) { expected.insert(label) }
            let got = joined.labels(covering: p)
            let gotSet = Set((0...PolygonGroupIndex.maxLabel).filter { got.contains($0) })
            #expect(gotSet == expected, "\(p)")
            if !expected.isEmpty { someCovered += 1 }
        }
        return someCovered
    }

    @Test func wordsSplitTheSetBy32Labels() {
        let set = LabelSet(low: 0x0000_0004_8000_0001, high: 0x8000_0000_0000_0002)
        #expect(set.word32(0) == 0x8000_0001)
        #expect(set.word32(1) == 4)
        #expect(set.word32(2) == 2)
        #expect(set.word32(3) == 0x8000_0000)
        #expect(set.contains(0) && set.contains(31) && set.contains(34) && set.contains(65) && set.contains(127))
        #expect(!set.contains(1) && !set.contains(64) && !set.contains(126))
    }

    @Test func emptyJoinsCoverNothing() {
        let none = PolygonGroupIndex([])
        #expect(none.labels(covering: Coordinate(0, 0)) == LabelSet())
        let empty = PolygonGroupIndex([(label: 3, index: PolygonIndex([]))])
        #expect(empty.labels(covering: Coordinate(0, 0)) == LabelSet())
        let square = Geometry.polygon(Polygon(closedRings: [rect(0, 0, 1, 1)]))
        let one = PolygonGroupIndex([(label: 3, index: PolygonIndex([])), (label: 9, index: PolygonIndex([square]))])
        #expect(one.labels(covering: Coordinate(1, 1)) == LabelSet(low: 1 << 9))
        #expect(one.labels(covering: Coordinate(1.5, 1)) == LabelSet())
    }
}
