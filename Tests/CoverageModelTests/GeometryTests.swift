import CoverageModel
import Testing

@Suite struct GeometryTests {
    @Test func boundingBoxCoversEveryVertex() {
        let g = Geometry.multiPolygon([
            Polygon(closedRings: [[.init(0, 0), .init(2, 0), .init(2, 1), .init(0, 0)]]),
            Polygon(closedRings: [[.init(-1, 5), .init(3, 5), .init(3, 6), .init(-1, 5)]]),
        ])
        #expect(g.boundingBox == BoundingBox(minX: -1, minY: 0, maxX: 3, maxY: 6))
        #expect(g.vertexCount == 8)
        #expect(g.polygons.count == 2)
    }

    /// The box is the one extending a box coordinate by coordinate, bit for bit, for every kind,
    /// empty parts, signed zeros and NaN coordinates first, in the middle and last.
    @Test(arguments: [
        [Coordinate(0, 0), Coordinate(2, -1)], [Coordinate(-0.0, 0.0), Coordinate(0.0, -0.0)],
        [Coordinate(.nan, 1), Coordinate(2, 3)], [Coordinate(1, 1), Coordinate(.nan, .nan), Coordinate(-4, 9)],
        [Coordinate(5, 6), Coordinate(7, .nan)], [],
    ])
    func boundingBoxEqualsExtendingCoordinateByCoordinate(_ cs: [Coordinate]) {
        let more = [Coordinate(-2, 4), Coordinate(.nan, 0), Coordinate(3, -5)]
        let geometries: [Geometry] = [
            .lineString(cs), .multiPoint(cs), .polygon(Polygon(closedRings: [cs, more])),
            .multiLineString([[], cs, more]), .multiLineString([more, cs]),
            .multiPolygon([Polygon(closedRings: [cs]), Polygon(closedRings: [[], more])]),
        ]
        for g in geometries {
            var expected: BoundingBox?
            g.forEachCoordinate { c in
                if expected == nil { expected = BoundingBox(c) } else { expected?.extend(c) }
            }
            func bits(_ b: BoundingBox?) -> [UInt64]? {
                b.map { [$0.minX.bitPattern, $0.minY.bitPattern, $0.maxX.bitPattern, $0.maxY.bitPattern] }
            }
            #expect(bits(g.boundingBox) == bits(expected), "\(g)")
        }
    }

    @Test func lenientParsingIgnoresCaseAndSpaces() {
        #expect(Technology(lenient: " 4g ") == .g4)
        #expect(RouteLevel(lenient: "Intra-Province") == .intraProvince)
        #expect(InstitutionKind(lenient: "state office") == .stateOffice)
        #expect(Medium(lenient: "satellite") == nil)
        #expect(Technology(openCellID: "LTE") == .g4)
        #expect(Technology(openCellID: "GSM") == .g2)
    }
}
