import CoverageModel
import Foundation
import Testing

/// The Swift proof of a simple shell: it proves plain rings and never claims a ring GEOS would refuse.
@Suite struct PolygonSimplicityTests {
    /// A ring from (x, y) pairs, closed by repeating the first.
    static func ring(_ points: [(Double, Double)]) -> Ring {
        let cs = points.map { Coordinate($0.0, $0.1) }
        return cs + [cs[0]]
    }

    /// A coverage-like sector: the centre, then an arc of `n` points.
    static func sector(n: Int) -> Ring {
        var points = [(105.8, 21.5)]
        for k in 0..<n {
            let a = 0.3 + 1.9 * Double(k) / Double(n - 1)
            points.append((105.8 + 0.02 * cos(a) / cos(21.5 * .pi / 180), 21.5 + 0.02 * sin(a)))
        }
        return ring(points)
    }

    /// A regular polygon of `n` vertices, visiting every `step`-th one (`step` 2 on 5: a pentagram).
    static func regular(n: Int, step: Int = 1, clockwise: Bool = false) -> Ring {
        let points = (0..<n).map { k -> (Double, Double) in
            let a = 2 * Double.pi * Double(k * step % n) / Double(n) * (clockwise ? -1 : 1)
            return (105.8 + 0.01 * cos(a), 21.5 + 0.01 * sin(a))
        }
        return ring(points)
    }

    static let proved: [(String, Geometry)] = [
        ("regular 12-gon", .polygon(Polygon(closedRings: [regular(n: 12)]))),
        ("regular 720-gon, clockwise", .polygon(Polygon(closedRings: [regular(n: 720, clockwise: true)]))),
        ("sector, clockwise", .polygon(Polygon(closedRings: [Array(sector(n: 40).reversed())]))),
        ("triangle", .polygon(Polygon(closedRings: [ring([(0, 0), (1, 0), (0, 1)])]))),
        ("square, clockwise", .polygon(Polygon(closedRings: [ring([(0, 0), (0, 1), (1, 1), (1, 0)])]))),
        ("sector", .polygon(Polygon(closedRings: [sector(n: 53)]))),
        ("one-member multipolygon", .multiPolygon([Polygon(closedRings: [sector(n: 20)])])),
        ("concave", .polygon(Polygon(closedRings: [ring([(0, 0), (4, 0), (4, 4), (2, 1), (0, 4)])]))),
    ]

    static let notProved: [(String, Geometry)] = [
        ("bow-tie", .polygon(Polygon(closedRings: [ring([(0, 0), (1, 1), (1, 0), (0, 1)])]))),
        ("spike", .polygon(Polygon(closedRings: [ring([(0, 0), (2, 0), (3, 0), (2, 0), (2, 2)])]))),
        ("repeated vertex", .polygon(Polygon(closedRings: [ring([(0, 0), (1, 0), (1, 0), (1, 1)])]))),
        ("collinear vertex", .polygon(Polygon(closedRings: [ring([(0, 0), (1, 0), (2, 0), (1, 1)])]))),
        ("all collinear", .polygon(Polygon(closedRings: [ring([(0, 0), (1, 0), (2, 0)])]))),
        (
            "vertex touching an edge",
            .polygon(Polygon(closedRings: [ring([(0, 0), (4, 0), (4, 4), (2, 0), (0, 4)])]))
        ),
        (
            "ring touching itself at a vertex",
            .polygon(Polygon(closedRings: [ring([(0, 0), (2, 2), (4, 0), (4, 4), (2, 2), (0, 4)])]))
        ),
        (
            "hole",
            .polygon(
                Polygon(closedRings: [ring([(0, 0), (4, 0), (4, 4), (0, 4)]), ring([(1, 1), (1, 2), (2, 2)])]))
        ),
        (
            "two polygons",
            .multiPolygon([
                Polygon(closedRings: [ring([(0, 0), (1, 0), (0, 1)])]),
                Polygon(closedRings: [ring([(5, 0), (6, 0), (5, 1)])]),
            ])
        ),
        ("line", .lineString([Coordinate(0, 0), Coordinate(1, 1)])),
        // Turning the same way at every vertex, but going round more than once.
        ("pentagram", .polygon(Polygon(closedRings: [regular(n: 5, step: 2)]))),
        ("heptagram", .polygon(Polygon(closedRings: [regular(n: 7, step: 3)]))),
        (
            "square traversed twice",
            .polygon(
                Polygon(closedRings: [
                    ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0.001), (1.001, 0), (1, 1.001), (0.001, 1)])
                ]))
        ),
    ]

    @Test(arguments: proved.map(\.0))
    func plainRingsAreProved(_ name: String) {
        let g = Self.proved.first { $0.0 == name }!.1
        #expect(g.isProvedSimpleShell)
    }

    @Test(arguments: notProved.map(\.0))
    func doubtfulRingsAreLeftToGEOS(_ name: String) {
        let g = Self.notProved.first { $0.0 == name }!.1
        #expect(!g.isProvedSimpleShell)
    }
}
