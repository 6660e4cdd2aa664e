import CoverageModel
import Testing

/// `Polygon(validating:label:)` accepts only closed rings of at least 4 positions, with the
/// messages imports have always given.
@Suite struct PolygonValidationTests {
    static let square: Ring = [.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1), .init(0, 0)]

    @Test func closedRingsAreAccepted() throws {
        let hole: Ring = [.init(0.2, 0.2), .init(0.2, 0.4), .init(0.4, 0.4), .init(0.2, 0.2)]
        let p = try Polygon(validating: [Self.square, hole])
        #expect(p.rings == [Self.square, hole])
        #expect(p == Polygon(closedRings: [Self.square, hole]))
    }

    @Test(
        "rings that are not rings are refused",
        arguments: [
            ([], "Polygon", "empty geometry"),
            ([[]], "Polygon", "empty geometry"),
            (
                [[.init(0, 0), .init(1, 0), .init(0, 0)]], "Polygon",
                "exterior ring of Polygon has 3 points; a closed ring needs at least 4"
            ),
            (
                [[.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1)]], "polygon 2",
                "exterior ring of polygon 2 is not closed (first point ≠ last point)"
            ),
            (
                [square, [.init(0.2, 0.2), .init(0.3, 0.3), .init(0.2, 0.3), .init(0.2, 0.25)]], "Polygon",
                "ring 1 of Polygon is not closed (first point ≠ last point)"
            ),
        ] as [([Ring], String, String)])
    func refused(rings: [Ring], label: String, message: String) {
        #expect(throws: PolygonError(message)) { try Polygon(validating: rings, label: label) }
    }

    @Test func structuralProblemGivesTheSameMessages() {
        let open: Ring = [.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1)]
        #expect(
            Geometry.multiPolygon([Polygon(closedRings: [Self.square]), Polygon(closedRings: [open])])
                .structuralProblem == "exterior ring of polygon 1 is not closed (first point ≠ last point)")
    }

    @Test func validatingPolygonsLabelsThePartsAndLeavesNonFiniteNumbersToStructuralProblem() throws {
        let open: Ring = [.init(0, 0), .init(1, 0), .init(1, 1), .init(0, 1)]
        let multi = Geometry.multiPolygon([Polygon(closedRings: [Self.square]), Polygon(closedRings: [open])])
        #expect(throws: PolygonError("exterior ring of polygon 1 is not closed (first point ≠ last point)")) {
            try multi.validatingPolygons()
        }
        let withNaN = Geometry.polygon(Polygon(closedRings: [open + [.init(.nan, 0)]]))
        #expect(try withNaN.validatingPolygons() == withNaN)
        #expect(withNaN.structuralProblem?.hasSuffix("is not a finite number") == true)
        #expect(try Geometry.point(.init(1, 2)).validatingPolygons() == .point(.init(1, 2)))
    }
}
