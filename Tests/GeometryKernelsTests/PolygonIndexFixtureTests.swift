import CoverageModel
import GeometryKernels
import Testing

/// A closed axis-aligned rectangle ring, counter-clockwise.
func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Ring {
    [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]
}

/// Hand-computable point-in-polygon cases (expected values follow from the figures, not the code).
@Suite struct PolygonIndexFixtureTests {
    /// A 0.1° square commune at 105.8–105.9 E, 21.5–21.6 N.
    static let square = Geometry.polygon(Polygon(closedRings: [rect(105.8, 21.5, 105.9, 21.6)]))

    @Test func squareEdgesVerticesAndNeighbourhood() {
        let index = PolygonIndex([Self.square])
        #expect(index.count == 1)
        #expect(index.boundingBox(0) == BoundingBox(minX: 105.8, minY: 21.5, maxX: 105.9, maxY: 21.6))
        let covered: [Coordinate] = [
            Coordinate(105.85, 21.55),  // centre
            Coordinate(105.85, 21.5), Coordinate(105.9, 21.55), Coordinate(105.85, 21.6), Coordinate(105.8, 21.55),  // edges
            Coordinate(105.8, 21.5), Coordinate(105.9, 21.5), Coordinate(105.9, 21.6), Coordinate(105.8, 21.6),  // vertices
            Coordinate(105.8000001, 21.55), Coordinate(105.85, 21.5999999),  // 1e-7° inside
            Coordinate(105.8000001, 21.5000001),
        ]
        let outside: [Coordinate] = [
            Coordinate(105.7999999, 21.55), Coordinate(105.85, 21.6000001), Coordinate(105.9000001, 21.5),
            Coordinate(105.7999999, 21.4999999), Coordinate(105.95, 21.55), Coordinate(105.85, 21.4),
            Coordinate(105.7, 21.5),  // on the extension of the bottom edge
            Coordinate(.nan, 21.55), Coordinate(105.85, .infinity),
        ]
        for p in covered {
            #expect(index.contains(p), "\(p)")
            #expect(index.firstContaining(p) == 0, "\(p)")
        }
        for p in outside {
            #expect(!index.contains(p), "\(p)")
            #expect(index.firstContaining(p) == nil, "\(p)")
        }
    }

    @Test func holeInteriorIsOutAndHoleBoundaryIsIn() {
        let g = Geometry.polygon(Polygon(closedRings: [rect(0, 0, 10, 10), rect(3, 3, 7, 7).reversed()]))
        let index = PolygonIndex([g])
        #expect(!index.contains(Coordinate(5, 5)))
        #expect(!index.contains(Coordinate(3.0000001, 5)))
        #expect(index.contains(Coordinate(3, 5)))  // on the hole's edge
        #expect(index.contains(Coordinate(7, 7)))  // hole vertex
        #expect(index.contains(Coordinate(5, 3)))
        #expect(index.contains(Coordinate(2.9999999, 5)))
        #expect(index.contains(Coordinate(1, 1)))
        #expect(index.contains(Coordinate(0, 10)))
        #expect(!index.contains(Coordinate(10.0000001, 5)))
    }

    @Test func multipolygonPartsAreOred() {
        let g = Geometry.multiPolygon([
            Polygon(closedRings: [rect(0, 0, 1, 1)]),
            Polygon(closedRings: [rect(2, 0, 3, 1), rect(2.25, 0.25, 2.75, 0.75)]),
            Polygon(closedRings: [rect(2.4, 0.4, 2.6, 0.6)]),  // an island inside the second part's hole
        ])
        let index = PolygonIndex([g])
        #expect(index.contains(Coordinate(0.5, 0.5)))
        #expect(index.contains(Coordinate(2.1, 0.5)))
        #expect(!index.contains(Coordinate(1.5, 0.5)))  // between parts
        #expect(!index.contains(Coordinate(2.3, 0.5)))  // in the hole
        #expect(index.contains(Coordinate(2.5, 0.5)))  // on the island
        #expect(index.contains(Coordinate(2.4, 0.5)))  // island edge
        #expect(index.contains(Coordinate(1, 0)))
        #expect(index.boundingBox(0) == BoundingBox(minX: 0, minY: 0, maxX: 3, maxY: 1))
    }

    @Test func concaveUShape() {
        // U: outer 0…3 × 0…3 with the notch 1…2 × 1…3 cut from the top.
        let u: Ring = [
            Coordinate(0, 0), Coordinate(3, 0), Coordinate(3, 3), Coordinate(2, 3), Coordinate(2, 1),
            Coordinate(1, 1), Coordinate(1, 3), Coordinate(0, 3), Coordinate(0, 0),
        ]
        let index = PolygonIndex([.polygon(Polygon(closedRings: [u]))])
        #expect(!index.contains(Coordinate(1.5, 2)))  // in the notch
        #expect(!index.contains(Coordinate(1.5, 1.0000001)))
        #expect(index.contains(Coordinate(1.5, 1)))  // notch floor
        #expect(index.contains(Coordinate(1.5, 0.5)))
        #expect(index.contains(Coordinate(0.5, 2.5)))
        #expect(index.contains(Coordinate(2.5, 2.5)))
        #expect(index.contains(Coordinate(1, 2)))  // notch wall
        #expect(!index.contains(Coordinate(1.5, 3)))  // between the prongs' tops
        // Rays through vertices at the same height as the query.
        #expect(index.contains(Coordinate(0.5, 1)))
        #expect(index.contains(Coordinate(0.5, 3)))
        #expect(!index.contains(Coordinate(-0.5, 1)))
        #expect(!index.contains(Coordinate(-0.5, 3)))
    }

    @Test func overlappingItemsAllContaining() {
        let a = Geometry.polygon(Polygon(closedRings: [rect(0, 0, 2, 2)]))
        let b = Geometry.polygon(Polygon(closedRings: [rect(1, 1, 3, 3)]))
        let c = Geometry.lineString([Coordinate(0, 0), Coordinate(3, 3)])  // not polygonal: covers nothing
        let d = Geometry.polygon(Polygon(closedRings: [rect(1.5, 1.5, 1.75, 1.75)]))
        let index = PolygonIndex([a, b, c, d])
        #expect(index.count == 4)
        #expect(index.allContaining(Coordinate(1.6, 1.6)) == [0, 1, 3])
        #expect(index.allContaining(Coordinate(1, 1)) == [0, 1])  // a's interior, b's vertex
        #expect(index.allContaining(Coordinate(2.5, 2.5)) == [1])
        #expect(index.allContaining(Coordinate(0.5, 0.5)) == [0])
        #expect(index.allContaining(Coordinate(5, 5)) == [])
        #expect(index.firstContaining(Coordinate(2.5, 2.5)) == 1)
        #expect(index.firstContaining(Coordinate(1.6, 1.6)) == 0)
        var reused = [42]
        index.allContaining(Coordinate(1.6, 1.75), into: &reused)
        #expect(reused == [0, 1, 3])
        #expect(index.boundingBox(2).minX == Double.infinity)
    }

    @Test func unclosedRingsAndEmptyInput() {
        let open = Geometry.polygon(Polygon(closedRings: [[Coordinate(0, 0), Coordinate(4, 0), Coordinate(0, 4)]]))
        let index = PolygonIndex([open, .multiPolygon([])])
        #expect(index.contains(Coordinate(1, 1)))
        #expect(index.contains(Coordinate(2, 2)))  // on the hypotenuse
        #expect(!index.contains(Coordinate(2.0000001, 2)))
        #expect(index.contains(Coordinate(0, 2)))  // implicit closing edge
        #expect(PolygonIndex([]).firstContaining(Coordinate(0, 0)) == nil)
    }
}
