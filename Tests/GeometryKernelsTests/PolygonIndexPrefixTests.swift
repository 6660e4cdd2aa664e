import CoverageModel
import GeometryKernels
import Testing

/// `PolygonIndex.contains(_:itemsBelow:)` against the index built from only those first items.
@Suite struct PolygonIndexPrefixTests {
    @Test(arguments: [(seed: UInt64(3), groups: 4), (seed: 11, groups: 7), (seed: 29, groups: 12)])
    func itemsBelowEqualTheIndexOfThePrefix(seed: UInt64, groups: Int) {
        // Overlapping polygons, holes and multipolygons, a few empty and non-polygonal items among them.
        var geometries = PolygonGroupIndexTests.groups(groups, seed: seed).flatMap { $0 }
        geometries.insert(.polygon(Polygon(closedRings: [])), at: geometries.count / 2)
        geometries.insert(.point(Coordinate(105.5, 21.5)), at: 1)
        let index = PolygonIndex(geometries)
        var points: [Coordinate] = []
        var s = PolygonGroupIndexTests.Stream(state: seed &+ 1)
        for _ in 0..<5_000 { points.append(Coordinate(104.8 + 1.6 * s.next(), 20.8 + 1.6 * s.next())) }
        // Vertices and edge midpoints: boundary cases (covered).
        for g in geometries {
            for polygon in g.polygons {
                for ring in polygon.rings {
                    points += ring
                    points += zip(ring, ring.dropFirst()).map { Coordinate(($0.x + $1.x) / 2, ($0.y + $1.y) / 2) }
                }
            }
        }
        points += [Coordinate(.nan, 21.5), Coordinate(105.5, .infinity)]
        for limit in [-1, 0, 1, 2, geometries.count / 2, geometries.count - 1, geometries.count, geometries.count + 5] {
            let prefix = PolygonIndex(Array(geometries.prefix(max(0, limit))))
            var covered = 0
            for p in points {
                let expected = prefix.contains(p)
                #expect(index.contains(p, itemsBelow: limit) == expected, "\(p) below \(limit)")
                if expected { covered += 1 }
            }
            if limit > 2 { #expect(covered > 100) }
        }
    }
}
