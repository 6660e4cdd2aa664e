import CoverageModel
import Foundation
import Testing

@testable import GeometryKernels

/// A `PolygonGroupIndex` over sparse polygons (small clusters scattered over a wide extent, as the
/// areas near a what-if run's changes) gets a finer candidate grid, with the same labels as each
/// of its indexes asked alone.
@Suite struct PolygonGroupIndexSparseTests {
    /// `groups` lists of polygons in `clusters` small clusters spread over a `span`-degree square.
    static func sparseGroups(_ groups: Int, clusters: Int, span: Double, seed: UInt64) -> [[Geometry]] {
        var s = PolygonGroupIndexTests.Stream(state: seed)
        let centres = (0..<clusters).map { _ in (100 + span * s.next(), 10 + span * s.next()) }
        return (0..<groups).map { g in
            (0..<(6 + g % 4)).map { k in
                let (cx, cy) = centres[(g * 7 + k) % clusters]
                let x = cx + 0.02 * s.next()
                let y = cy + 0.02 * s.next()
                let outer = PolygonGroupIndexTests.star(x, y, 0.005 + 0.02 * s.next(), 5 + Int(s.next() * 20), &s)
                guard k % 3 == 1 else { return Geometry.polygon(Polygon(closedRings: [outer])) }
                let hole = Array(PolygonGroupIndexTests.star(x, y, 0.002, 6, &s).reversed())
                return Geometry.polygon(Polygon(closedRings: [outer, hole]))
            }
        }
    }

    @Test(arguments: [
        (groups: 4, clusters: 5, seed: UInt64(1)), (groups: 9, clusters: 12, seed: 2),
        (groups: 2, clusters: 1, seed: 3),
    ])
    func labelsEqualEachIndexAskedAlone(groups: Int, clusters: Int, seed: UInt64) {
        let geometries = Self.sparseGroups(groups, clusters: clusters, span: 6, seed: seed)
        let indexes = geometries.map { PolygonIndex($0) }
        let labels = (0..<groups).map { ($0 * 37) % 128 }
        let joined = PolygonGroupIndex(Array(zip(labels, indexes)).map { (label: $0.0, index: $0.1) })
        // The refinement applies (one cluster: the boxes cover the extent, the default grid).
        let boxes = indexes.flatMap { i in (0..<i.count).map { i.boundingBox($0) } }
        var extent = boxes[0]
        for b in boxes { extent.extend(b) }
        let refined = CandidateGrid.sparseTarget(boxes, extent: extent)
        #expect((refined > 4 * Double(boxes.count)) == (clusters > 1))
        var points: [Coordinate] = []
        var s = PolygonGroupIndexTests.Stream(state: seed &+ 7)
        for g in geometries.joined() {
            guard let b = g.boundingBox else { continue }
            // Random points around each polygon, its vertices and its edge midpoints.
            for _ in 0..<60 {
                points.append(
                    Coordinate(
                        b.minX - 0.01 + (b.maxX - b.minX + 0.02) * s.next(),
                        b.minY - 0.01 + (b.maxY - b.minY + 0.02) * s.next()))
            }
            points += PolygonGroupIndexTests.boundaryPoints(g)
        }
        for _ in 0..<2_000 { points.append(Coordinate(100 + 6 * s.next(), 10 + 6 * s.next())) }
        points += [Coordinate(.nan, 12), Coordinate(103, .infinity)]
        let someCovered = PolygonGroupIndexTests.expectLabels(of: joined, equal: labels, indexes, at: points)
        #expect(someCovered > 500)
    }
}
