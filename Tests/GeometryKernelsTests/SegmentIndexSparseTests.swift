import CoverageModel
import Foundation
import GeometryTestSupport
import Testing

@testable import GeometryKernels

/// A sparse index (few segments over a wide box, as a what-if run's routes near scattered changes)
/// gets wider cells than `cellMetres` asks for, and answers exactly as an exhaustive scan.
@Suite struct SegmentIndexSparseTests {
    /// `count` short random lines (3–6 vertices within about 1 km) at random places over a
    /// `spanDegrees` square, and a few nodes.
    static func sparse(count: Int, spanDegrees: Double, seed: UInt64) -> (lines: [[Coordinate]], nodes: [Coordinate]) {
        var rng = SplitMix64(seed: seed)
        let lines = (0..<count).map { _ -> [Coordinate] in
            var c = Coordinate(rng.range(100, 100 + spanDegrees), rng.range(10, 10 + spanDegrees))
            return (0..<(3 + Int(rng.range(0, 4)))).map { _ in
                c = Coordinate(c.x + rng.range(-0.004, 0.004), c.y + rng.range(-0.004, 0.004))
                return c
            }
        }
        let nodes = (0..<5).map { _ in Coordinate(rng.range(100, 100 + spanDegrees), rng.range(10, 10 + spanDegrees)) }
        return (lines, nodes)
    }

    @Test(arguments: [
        (count: 40, span: 8.0, seed: UInt64(1)), (count: 300, span: 3.0, seed: 2), (count: 5, span: 12.0, seed: 3),
    ])
    func widenedCellsAnswerAsAnExhaustiveScan(count: Int, span: Double, seed: UInt64) {
        let (lines, nodes) = Self.sparse(count: count, spanDegrees: span, seed: seed)
        let index = SegmentIndex(lines: lines, points: nodes, cellMetres: 100)
        let exhaustive = SegmentIndex(lines: lines, points: nodes, cellMetres: 1e9)
        // The grid was widened: far fewer cells than 100 m cells over the box.
        let grid = index.storage.grid
        let cap = max(
            SegmentIndexStorage.minimumCellCap, SegmentIndexStorage.cellsPerSegment * Double(index.segmentCount))
        #expect(Double(grid.cellCount) <= cap * 1.02)
        #expect(grid.cellWidth > 2 * 100 / LocalScale(latitude: 10 + span).metresPerDegreeX)
        var rng = SplitMix64(seed: seed &+ 100)
        var hits = 0
        for k in 0..<800 {
            // Half near a line's vertex (within ~2 km), half anywhere.
            let p: Coordinate
            if k % 2 == 0, let v = lines[k % lines.count].first {
                p = Coordinate(v.x + rng.range(-0.02, 0.02), v.y + rng.range(-0.02, 0.02))
            } else {
                p = Coordinate(rng.range(100, 100 + span), rng.range(10, 10 + span))
            }
            for radius in [0.0, 50, 500, 2_500, 100_000] {
                let want = exhaustive.nearest(to: p, within: radius)
                #expect(index.nearest(to: p, within: radius) == want, "\(p) r \(radius)")
                #expect(index.nearestDistance(to: p, within: radius) == want?.distanceMetres)
                #expect(index.anyWithin(p, metres: radius) == (want != nil))
                if want != nil { hits += 1 }
            }
            // The ring search's stopping bound is meant for nearby answers: compared near the lines.
            if k % 2 == 0 { #expect(index.nearestUnbounded(to: p) == exhaustive.nearestUnbounded(to: p)) }
        }
        #expect(hits > 300)
    }

    @Test func denseDataKeepsTheCellsAsked() {
        let box = BoundingBox(minX: 105, minY: 21, maxX: 106, maxY: 22)
        // 100 × 100 cells for 1,000 segments: within the cap, unchanged.
        #expect(SegmentIndexStorage.cellWidening(box: box, cellWidth: 0.01, cellHeight: 0.01, segments: 1_000) == 1)
        // 10⁶ cells for 100 segments: widened to the floor of 65,536 cells.
        let w = SegmentIndexStorage.cellWidening(box: box, cellWidth: 0.001, cellHeight: 0.001, segments: 100)
        #expect(abs(w * w - 1_002_001 / SegmentIndexStorage.minimumCellCap) < 1e-9)
    }
}
