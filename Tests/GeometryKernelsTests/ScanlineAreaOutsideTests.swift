import CoverageModel
import Foundation
import Testing

@testable import GeometryKernels

/// The scanline integrator skips the slabs where no edge of the unit is active (outside the unit):
/// what lies there, and the capsule lines not computed there, change no bit of the areas.
@Suite struct ScanlineAreaOutsideTests {
    /// A unit of two squares 2 km apart one above the other, with fibre capsules along two routes
    /// through both and the gap, and a 4G-like layer over parts of both squares and the gap.
    static let unit = [
        ScanlineAreaTests.box(105.0, 21.0, 105.01, 21.01), ScanlineAreaTests.box(105.0, 21.03, 105.01, 21.04),
    ]
    static let box = BoundingBox(minX: 105.0, minY: 21.0, maxX: 105.01, maxY: 21.04)
    static let frame = LocalFrame(origin: Coordinate(105.005, 21.02))

    /// The areas per mask of the `parts` of the unit over `box`, the layer (bit 0), `gap` polygons as
    /// layer 1, and the capsules.
    static func areas(parts: [Polygon] = unit, box: BoundingBox = box, gap: [Polygon]) -> [Double] {
        var edges: [SweepEdge] = []
        for p in parts { SweepEdge.append(SignedRing.rings(of: p), layer: -1, to: &edges) }
        SweepEdge.append(
            SignedRing.rings(of: ScanlineAreaTests.box(105.002, 21.005, 105.008, 21.035)), layer: 0, to: &edges)
        for p in gap { SweepEdge.append(SignedRing.rings(of: p), layer: 1, to: &edges) }
        let routes = [
            (Coordinate(105.005, 20.99), Coordinate(105.006, 21.05)),
            (Coordinate(104.99, 21.0), Coordinate(105.02, 21.045)),
        ]
        let capsules = routes.map { a, b in
            Capsule(
                x0: frame.localX(a.x), y0: frame.localY(a.y), x1: frame.localX(b.x), y1: frame.localY(b.y),
                radius: 300)
        }
        var sweep = ScanlineArea(layers: 5, capsuleLayer: 4)
        sweep.integrate(edges: edges, capsules: capsules, frame: frame, box: box, capsuleStep: 10)
        return sweep.areaByMask
    }

    @Test func theGapBetweenTheUnitsPartsChangesNoBit() {
        let plain = Self.areas(gap: [])
        // Polygons in the gap only: their vertices split the gap into more slabs, and the first
        // slab above the gap starts capsule lines afresh (the gap's lines are not computed).
        let crowded = Self.areas(gap: [
            ScanlineAreaTests.box(105.003, 21.015, 105.007, 21.025),
            Polygon(closedRings: [
                [.init(105.001, 21.012), .init(105.009, 21.02), .init(105.002, 21.028), .init(105.001, 21.012)]
            ]),
        ])
        #expect(plain.map(\.bitPattern) == crowded.map(\.bitPattern))
        // The unit's area is its two squares', and the fibre and the layer both cover parts of it.
        let squares =
            ScanlineAreaTests.rectangleArea(105.0, 21.0, 105.01, 21.01)
            + ScanlineAreaTests.rectangleArea(105.0, 21.03, 105.01, 21.04)
        let total = plain.reduce(0, +)
        #expect(abs(total - squares) / squares < 1e-9, "unit \(total) vs \(squares)")
        #expect(plain[1 << 4] > 0 && plain[1 << 4 | 1] > 0 && plain[1] > 0)
        // Each square integrated over its own box (no gap to skip) gives the same areas, but for the
        // order of the additions.
        let lower = Self.areas(
            parts: [Self.unit[0]], box: BoundingBox(minX: 105.0, minY: 21.0, maxX: 105.01, maxY: 21.01), gap: [])
        let upper = Self.areas(
            parts: [Self.unit[1]], box: BoundingBox(minX: 105.0, minY: 21.03, maxX: 105.01, maxY: 21.04), gap: [])
        for m in plain.indices {
            #expect(abs(plain[m] - (lower[m] + upper[m])) <= 1e-12 * squares, "mask \(m)")
        }
        // Nothing of layer 1 (only in the gap) is inside the unit.
        #expect(plain.indices.filter { $0 & 2 != 0 }.allSatisfy { crowded[$0] == 0 })
    }
}
