import CoverageModel
import Foundation
import GeometryTestSupport
import Testing

@testable import GeometryKernels

/// The scanline integrator on shapes whose areas are known in closed form.
@Suite struct ScanlineAreaTests {
    /// The WGS 84 area of a longitude/latitude rectangle (the fixture's closed form).
    static func rectangleArea(_ lon0: Double, _ lat0: Double, _ lon1: Double, _ lat1: Double) -> Double {
        GeometryFixtures.rectangleArea(lon0, lat0, lon1, lat1)
    }

    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(closedRings: [[.init(x0, y0), .init(x1, y0), .init(x1, y1), .init(x0, y1), .init(x0, y0)]])
    }

    /// Runs the integrator over `unit` with polygon layer 0 and capsules; returns (unit area, covered area).
    static func integrate(unit: Polygon, layer: [Polygon] = [], capsules: (LocalFrame) -> [Capsule] = { _ in [] })
        -> (unit: Double, covered: Double)
    {
        var edges: [SweepEdge] = []
        SweepEdge.append(SignedRing.rings(of: unit), layer: -1, to: &edges)
        for p in layer { SweepEdge.append(SignedRing.rings(of: p), layer: 0, to: &edges) }
        let box = Geometry.polygon(unit).boundingBox!
        let frame = LocalFrame(origin: Coordinate((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2))
        var sweep = ScanlineArea(layers: 5, capsuleLayer: 4)
        sweep.integrate(edges: edges, capsules: capsules(frame), frame: frame, box: box, capsuleStep: 10)
        let total = sweep.areaByMask.reduce(0, +)
        let covered = sweep.areaByMask.enumerated().filter { $0.offset & 0b10001 != 0 }.reduce(0) { $0 + $1.element }
        return (total, covered)
    }

    @Test func overlappingRectanglesAndAHoleAreExact() {
        var unit = Self.box(105.0, 21.0, 105.2, 21.2)
        unit.rings.append(Self.box(105.15, 21.15, 105.18, 21.18).rings[0].reversed())
        // Two overlapping rectangles, one given clockwise: the union counts once.
        let a = Self.box(104.9, 21.05, 105.1, 21.1)
        var b = Self.box(105.05, 21.08, 105.12, 21.3)
        b.rings[0].reverse()
        let r = Self.integrate(unit: unit, layer: [a, b])
        let unitArea = Self.rectangleArea(105.0, 21.0, 105.2, 21.2) - Self.rectangleArea(105.15, 21.15, 105.18, 21.18)
        let union =
            Self.rectangleArea(105.0, 21.05, 105.1, 21.1) + Self.rectangleArea(105.05, 21.08, 105.12, 21.2)
            - Self.rectangleArea(105.05, 21.08, 105.1, 21.1)
        #expect(abs(r.unit - unitArea) / unitArea < 1e-9, "unit \(r.unit) vs \(unitArea)")
        #expect(abs(r.covered - union) / union < 1e-9, "covered \(r.covered) vs \(union)")
    }

    @Test func crossingEdgesSplitSlabs() {
        // A diamond over a square: their edges cross at eight points; the covered part is the
        // diamond minus its four corners outside the square — by inclusion–exclusion in degree space,
        // weighted by the (nearly constant) area element at this small size.
        let unit = Self.box(0, 0, 0.02, 0.02)
        let c = 0.01
        let d = 0.012
        let diamond = Polygon(closedRings: [
            [.init(c, c - d), .init(c + d, c), .init(c, c + d), .init(c - d, c), .init(c, c - d)]
        ])
        let r = Self.integrate(unit: unit, layer: [diamond])
        // Diamond area 2d²; each corner outside the square is a triangle with height d − c and base 2(d − c).
        let degrees = 2 * d * d - 4 * (d - c) * (d - c)
        let expected = degrees / (0.02 * 0.02) * Self.rectangleArea(0, 0, 0.02, 0.02)
        #expect(abs(r.covered - expected) / expected < 1e-6, "covered \(r.covered) vs \(expected)")
    }

    /// Circles are integrated by the trapezoidal rule on lines 10 m apart; at a circle's top and
    /// bottom the width grows like a square root, so an isolated disk is under-read by ~(h/r)^1.5:
    /// 0.1% for r = 500 m (inside a network of overlapping buffers most tips are covered: see the
    /// GEOS comparison in AreaSharesGEOSTests).
    @Test func capsulesAreRoundBuffers() {
        let unit = Self.box(105.0, 21.0, 105.1, 21.1)
        let disk = Self.integrate(unit: unit) { _ in [Capsule(x0: 0, y0: 0, x1: 0, y1: 0, radius: 500)] }
        #expect(abs(disk.covered - .pi * 500 * 500) / (.pi * 500 * 500) < 2e-3, "disk \(disk.covered)")
        // A 2 km segment, two overlapping copies and a crossing one: union = capsule + the second capsule's part outside.
        let one = Self.integrate(unit: unit) { _ in [Capsule(x0: -1000, y0: 200, x1: 1000, y1: -300, radius: 300)] }
        let length = (2000.0 * 2000 + 500 * 500).squareRoot()
        let capsule = 2 * 300 * length + .pi * 300 * 300
        #expect(abs(one.covered - capsule) / capsule < 1e-3, "capsule \(one.covered) vs \(capsule)")
        let twice = Self.integrate(unit: unit) { _ in
            [
                Capsule(x0: -1000, y0: 200, x1: 1000, y1: -300, radius: 300),
                Capsule(x0: -1000, y0: 200, x1: 1000, y1: -300, radius: 300),
            ]
        }
        #expect(abs(twice.covered - one.covered) < 1e-6 * capsule)
    }

    @Test func onlyThePartInsideTheUnitCounts() {
        // A disk centred on the unit's west edge: half of it is inside.
        let unit = Self.box(105.0, 21.0, 105.1, 21.1)
        let r = Self.integrate(unit: unit) { frame in
            [Capsule(x0: frame.localX(105.0), y0: 0, x1: frame.localX(105.0), y1: 0, radius: 800)]
        }
        let half = Double.pi * 800 * 800 / 2
        #expect(abs(r.covered - half) / half < 2e-3, "half disk \(r.covered) vs \(half)")
    }

    @Test func realCommuneAreasMatchTheEdgeByEdgeIntegral() throws {
        // Two independent computations of the same ellipsoidal area (straight lon/lat edges): the
        // scanline (slabs, Gauss points) and PolygonMeasures (an exact integral per edge).
        let communes = try #require(try GeometryFixtures.realCommunes(), "GeoData/thai-nguyen is missing")
        #expect(communes.count == 92)
        for g in communes {
            let box = try #require(g.boundingBox)
            var edges: [SweepEdge] = []
            for p in g.polygons { SweepEdge.append(SignedRing.rings(of: p), layer: -1, to: &edges) }
            var sweep = ScanlineArea(layers: 5, capsuleLayer: 4)
            sweep.integrate(
                edges: edges, capsules: [], frame: LocalFrame(origin: Coordinate(box.minX, box.minY)), box: box,
                capsuleStep: 10)
            let ours = sweep.areaByMask.reduce(0, +)
            let reference = PolygonMeasures.ellipsoidalArea(g)
            #expect(abs(ours - reference) / reference < 1e-9, "\(ours) vs \(reference)")
        }
    }
}
