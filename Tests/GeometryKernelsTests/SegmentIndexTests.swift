import CoverageModel
import Foundation
import GeometryKernels
import Testing

/// `SegmentIndex` on its own: the shared random line fixture, and the unbounded search by brute force.
///
/// The SpatiaLite comparisons are in `SegmentIndexGEOSTests` (CoverageAnalysisTests).
@Suite struct SegmentIndexTests {
    /// 120 random polylines of 2–8 vertices around 105.85 E, 21.6 N (seed 60), vertices rounded to 1e-7°.
    static func fixtureLines() -> [[Coordinate]] {
        var rng = SplitMix(seed: 60)
        return (0..<120).map { _ in
            var x = rng.range(105.80, 105.90)
            var y = rng.range(21.55, 21.65)
            var line = [Coordinate(x, y)]
            let heading = rng.range(0, 2 * Double.pi)
            for _ in 0..<Int(rng.range(1, 8)) {
                let a = heading + rng.range(-0.8, 0.8)
                let step = rng.range(0.0005, 0.012)
                x += step * cos(a)
                y += step * sin(a)
                line.append(Coordinate((x * 1e7).rounded() / 1e7, (y * 1e7).rounded() / 1e7))
            }
            return line
        }
    }

    /// 800 random query points around the fixture lines (seed 61).
    static func fixtureQueries() -> [Coordinate] {
        var rng = SplitMix(seed: 61)
        return (0..<800).map { _ in Coordinate(rng.range(105.78, 105.92), rng.range(21.53, 21.67)) }
    }

    @Test func unboundedMatchesBruteForceOverManyLines() {
        let lines = Self.fixtureLines()
        let index = SegmentIndex(lines: lines, cellMetres: 300)
        var rng = SplitMix(seed: 5)
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
