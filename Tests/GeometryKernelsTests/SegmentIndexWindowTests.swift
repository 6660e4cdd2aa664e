import CoverageModel
import Foundation
import GeometryTestSupport
import Testing

@testable import GeometryKernels

/// The windowed nearest search (nearest cells first, pruned by a distance bound) against an
/// exhaustive scan: an index with a single grid cell considers every segment.
@Suite struct SegmentIndexWindowTests {
    @Test func prunedSearchEqualsExhaustiveScan() {
        let lines = GeometryFixtures.randomLines()
        var rng = SplitMix64(seed: 77)
        let nodes = (0..<40).map { _ in Coordinate(rng.range(105.80, 105.90), rng.range(21.55, 21.65)) }
        let exhaustive = SegmentIndex(lines: lines, points: nodes, cellMetres: 1e9)
        #expect(exhaustive.nearest(to: Coordinate(105.85, 21.6), within: 1e6) != nil)
        var hits = 0
        for cell in [60.0, 150, 400, 1_000] {
            let index = SegmentIndex(lines: lines, points: nodes, cellMetres: cell)
            for _ in 0..<1_500 {
                let p = Coordinate(rng.range(105.78, 105.92), rng.range(21.53, 21.67))
                for radius in [0.0, 50, 250, 500, 1_200] {
                    let want = exhaustive.nearest(to: p, within: radius)
                    #expect(index.nearest(to: p, within: radius) == want, "\(p) r \(radius) cell \(cell)")
                    #expect(index.nearestDistance(to: p, within: radius) == want?.distanceMetres)
                    #expect(index.anyWithin(p, metres: radius) == (want != nil))
                    if want != nil { hits += 1 }
                }
            }
        }
        #expect(hits > 5_000)
    }

    /// A search started from a hint (the previous answer, a random segment, or another index's)
    /// answers exactly as one without, on queries in spatial order and at random.
    @Test(arguments: [60.0, 400, 1_000])
    func hintedSearchEqualsTheSearchWithout(cellMetres: Double) {
        let lines = GeometryFixtures.randomLines()
        var rng = SplitMix64(seed: 91)
        let nodes = (0..<40).map { _ in Coordinate(rng.range(105.80, 105.90), rng.range(21.55, 21.65)) }
        let index = SegmentIndex(lines: lines, points: nodes, cellMetres: cellMetres)
        let other = SegmentIndex(lines: Array(lines.reversed()), cellMetres: cellMetres)
        var walk = Coordinate(105.85, 21.6)
        var hint = SegmentSearchHint()
        var foreign = SegmentSearchHint()
        var hits = 0
        for step in 0..<6_000 {
            // A random walk (the hint usually answers) with a jump now and then (it usually does not).
            walk =
                step % 200 == 0
                ? Coordinate(rng.range(105.78, 105.92), rng.range(21.53, 21.67))
                : Coordinate(walk.x + rng.range(-0.0006, 0.0006), walk.y + rng.range(-0.0006, 0.0006))
            for radius in [0.0, 60, 500] {
                let want = index.nearest(to: walk, within: radius)
                var copy = hint
                #expect(index.nearest(to: walk, within: radius, hint: &copy) == want, "\(walk) r \(radius)")
                #expect(index.nearestDistance(to: walk, within: radius, hint: &hint) == want?.distanceMetres)
                _ = other.nearest(to: walk, within: 500, hint: &foreign)
                #expect(index.nearest(to: walk, within: radius, hint: &foreign) == want)
                if want != nil { hits += 1 }
            }
        }
        #expect(hits > 3_000)
    }

    /// Queries on vertices and on segments tie at distance 0; the lowest line (then segment) wins.
    @Test func tiesOnSharedVerticesKeepTheLowestSegment() {
        let a = [Coordinate(105.80, 21.60), Coordinate(105.81, 21.60), Coordinate(105.82, 21.61)]
        let b = [Coordinate(105.81, 21.60), Coordinate(105.81, 21.62)]
        let index = SegmentIndex(lines: [a, b, a], cellMetres: 100)
        let exhaustive = SegmentIndex(lines: [a, b, a], cellMetres: 1e9)
        for p in a + b + [Coordinate(105.805, 21.60), Coordinate(105.81, 21.61)] {
            #expect(index.nearest(to: p, within: 300) == exhaustive.nearest(to: p, within: 300))
        }
        #expect(index.nearest(to: Coordinate(105.81, 21.60), within: 10)?.index == 0)
        #expect(index.nearest(to: Coordinate(105.81, 21.60), within: 10)?.segment == 0)
        // Started from any segment (also the tying copy in line 2), the lowest still wins.
        for vertex in [0, 1, 3, 5, 6] {
            for p in a + b + [Coordinate(105.805, 21.60), Coordinate(105.81, 21.61)] {
                var hint = SegmentSearchHint()
                hint.owner = index.storage
                hint.vertex = vertex
                #expect(index.nearest(to: p, within: 300, hint: &hint) == exhaustive.nearest(to: p, within: 300))
            }
        }
    }

    /// `LocalScale` computes its radii inline; they must equal the `Ellipsoid` functions bit for bit.
    @Test func localScaleEqualsTheEllipsoidRadii() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let lat = rng.range(-89.9, 89.9)
            let s = LocalScale(latitude: lat)
            let phi = lat * Ellipsoid.radiansPerDegree
            #expect(
                s.metresPerDegreeX == Ellipsoid.primeVerticalRadius(latitude: lat) * cos(phi)
                    * Ellipsoid.radiansPerDegree)
            #expect(s.metresPerDegreeY == Ellipsoid.meridionalRadius(latitude: lat) * Ellipsoid.radiansPerDegree)
        }
    }
}
