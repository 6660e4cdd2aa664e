import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Testing

@testable import CoverageStore

/// The geometry pipeline gives the same geometry, error and extent notes whether it checks a
/// geometry itself or takes the checks worked out ahead (`GeometryFacts`).
@Suite struct GeometryFactsTests {
    /// A closed square ring of side `d` from (x, y).
    static func square(_ x: Double, _ y: Double, _ d: Double) -> Geometry {
        .polygon(
            Polygon(closedRings: [
                [
                    Coordinate(x, y), Coordinate(x + d, y), Coordinate(x + d, y + d), Coordinate(x, y + d),
                    Coordinate(x, y),
                ]
            ]))
    }

    /// Sound, outside the extent, projected, swapped, across the antimeridian, unclosed, too short,
    /// not finite, of the wrong kind, a multipolygon with a hole and one outside.
    static let geometries: [Geometry] = [
        square(105.1, 21.2, 0.01),
        square(120, 30, 0.5),
        square(500_000, 2_300_000, 100),
        square(21.2, 105.1, 0.01),
        .polygon(
            Polygon(closedRings: [
                [Coordinate(179.9, 10), Coordinate(-179.9, 10), Coordinate(-179.9, 10.1), Coordinate(179.9, 10)]
            ])),
        .polygon(Polygon(closedRings: [[Coordinate(105, 21), Coordinate(105.1, 21), Coordinate(105.1, 21.1)]])),
        .polygon(Polygon(closedRings: [[Coordinate(105, 21), Coordinate(105, 21)]])),
        .polygon(
            Polygon(closedRings: [
                [Coordinate(105, 21), Coordinate(.nan, 21), Coordinate(105.1, 21.1), Coordinate(105, 21)]
            ])),
        .point(Coordinate(105, 21)),
        .multiPolygon([
            Polygon(closedRings: [
                [
                    Coordinate(105, 21), Coordinate(106, 21), Coordinate(106, 22), Coordinate(105, 22),
                    Coordinate(105, 21),
                ],
                [
                    Coordinate(105.2, 21.2), Coordinate(105.2, 21.4), Coordinate(105.4, 21.4), Coordinate(105.2, 21.2),
                ],
            ]),
            Polygon(closedRings: [[Coordinate(-3, 50), Coordinate(-2, 50), Coordinate(-2, 51), Coordinate(-3, 50)]]),
        ]),
    ]

    /// What the pipeline made of a geometry: the geometry, else the error; and its extent message.
    static func outcome(_ g: Geometry, facts: GeometryFacts?, store: Store) throws -> String {
        let pipeline = try GeometryPipeline(
            layer: .coverage, options: ImportOptions(layer: .coverage), file: "f.geojson", sourceSRID: 4326,
            db: store.db)
        let result: String
        do {
            let out = try pipeline.process(g, at: .feature(3), facts: facts)
            result = "\(String(describing: out))"
        } catch {
            result = "error: \(error)"
        }
        return result + " | " + (pipeline.extentMessage() ?? "inside")
    }

    @Test(arguments: 0..<geometries.count)
    func checksAheadGiveWhatThePipelineFinds(_ n: Int) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let g = Self.geometries[n]
        let own = try Self.outcome(g, facts: nil, store: store)
        #expect(try Self.outcome(g, facts: GeometryFacts(g), store: store) == own)
        #expect(GeometryFacts(g).structuralProblem == g.structuralProblem)
    }
}
