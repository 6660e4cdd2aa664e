import CoverageModel
import Foundation
import Testing

/// Quadkeys against the Bing Maps tile system's definition.
@Suite struct QuadkeyTests {
    /// The worked example of the Bing Maps tile system article: tile (3, 5) at level 3 is "213".
    @Test func tileThreeFiveAtLevelThreeIs213() {
        let q = Quadkey(x: 3, y: 5, zoom: 3)
        #expect(q.digits == "213")
        #expect(q.tile == (3, 5))
        #expect(Quadkey("213")?.zoom == 3)
    }

    @Test(arguments: [
        (Coordinate(-0.0001, 0.0001), "0"), (Coordinate(0.0001, 0.0001), "1"), (Coordinate(-0.0001, -0.0001), "2"),
        (Coordinate(0.0001, -0.0001), "3"),
    ])
    func quadrantsAtZoomOne(point: Coordinate, expected: String) {
        #expect(Quadkey(containing: point, zoom: 1)?.digits == expected)
    }

    /// A zoom-16 tile around Thái Nguyên contains its point, and its edges are the closed-form
    /// Web Mercator inverse: longitude linear in the column, latitude atan(sinh(π(1 − 2y/2^z))).
    @Test func zoomSixteenTileContainsItsPointAndHasClosedFormEdges() throws {
        let p = Coordinate(105.8442, 21.5942)
        let q = try #require(Quadkey(containing: p, zoom: 16))
        #expect(q.zoom == 16)
        let b = q.bounds
        #expect(b.minX <= p.x && p.x < b.maxX && b.minY < p.y && p.y <= b.maxY)
        let n = 65536.0
        #expect(abs((b.maxX - b.minX) - 360 / n) < 1e-12)
        let (x, y) = q.tile
        #expect(Int(((p.x + 180) / 360 * n).rounded(.down)) == x)
        let top = atan(sinh(.pi * (1 - 2 * Double(y) / n))) * 180 / .pi
        #expect(abs(b.maxY - top) < 1e-12)
        // ≈ 570 m east–west at 21.6° N.
        let metres = (b.maxX - b.minX) * 111_320 * cos(p.y * .pi / 180)
        #expect(abs(metres - 568) < 5)
    }

    @Test(arguments: ["", "0123x", "4", String(repeating: "0", count: 24), " 12"])
    func malformedQuadkeysAreRefused(text: String) {
        #expect(Quadkey(text) == nil)
    }

    @Test func pointsOutsideTheTilingHaveNoTile() {
        #expect(Quadkey(containing: Coordinate(0, 86), zoom: 16) == nil)
        #expect(Quadkey(containing: Coordinate(.nan, 0), zoom: 16) == nil)
        #expect(Quadkey(containing: Coordinate(0, 0), zoom: 0) == nil)
    }
}
