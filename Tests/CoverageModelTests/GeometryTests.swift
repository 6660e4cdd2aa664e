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

    @Test func lenientParsingIgnoresCaseAndSpaces() {
        #expect(Technology(lenient: " 4g ") == .g4)
        #expect(RouteLevel(lenient: "Intra-Province") == .intraProvince)
        #expect(InstitutionKind(lenient: "state office") == .stateOffice)
        #expect(Medium(lenient: "satellite") == nil)
        #expect(Technology(openCellID: "LTE") == .g4)
        #expect(Technology(openCellID: "GSM") == .g2)
    }
}
