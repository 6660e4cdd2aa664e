import CoverageModel
import Foundation
import GeometryKernels
import GeometryTestSupport
import Testing

/// `SegmentIndex` on its own: the shared random line fixture, and the unbounded search by brute force.
///
/// The SpatiaLite comparisons are in `SegmentIndexGEOSTests` (CoverageAnalysisTests).
@Suite struct SegmentIndexTests {

    @Test func unboundedMatchesBruteForceOverManyLines() {
        let lines = GeometryFixtures.randomLines()
        let index = SegmentIndex(lines: lines, cellMetres: 300)
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let p = Coordinate(rng.range(105.5, 106.2), rng.range(21.3, 21.9))
            guard let hit = index.nearestUnbounded(to: p) else {
                Issue.record("no hit")
                continue
            }
            // Brute force over every segment with an independent dense sampling of each segment.
            var best = Double.infinity
            for l in lines {
                for k in 0..<(l.count - 1) {
                    for s in 0...200 {
                        let t = Double(s) / 200
                        let c = Coordinate(l[k].x + t * (l[k + 1].x - l[k].x), l[k].y + t * (l[k + 1].y - l[k].y))
                        best = min(best, Ellipsoid.distance(p, c))
                    }
                }
            }
            // Long-range foot points use the query latitude's plane: allow 1e-4 relative.
            #expect(hit.distanceMetres <= best * (1 + 1e-4) + 0.01)
            #expect(hit.distanceMetres >= best * (1 - 1e-4) - 10)
        }
    }
}
