import CoverageFormats
import CoverageModel
import CoverageTestSupport
import SpatialSQL
import Testing

@testable import CoverageStore

/// The tile WKT read in Swift gives SpatiaLite's own bytes (`AsBinary(GeomFromText(…))`), and
/// anything outside its narrow form is left to SpatiaLite.
@Suite struct TileWKTTests {
    static let read = [
        "POLYGON((105.8010864 21.5997292, 105.8065796 21.5997292, 105.8065796 21.6048371, 105.8010864 21.6048371, 105.8010864 21.5997292))",
        "POLYGON((-0.1 -0.2,1 -0.2,1 3,-0.1 -0.2))",
        "POLYGON((105.50551147460938 21.3, 105.50000000000001 21.30000000000001, 0.30000000000000004 7, 105.50551147460938 21.3))",
        "POLYGON((1 2, 1 3, 2 3, 2 2, 1 2))",
    ]
    static let leftToSpatiaLite = [
        "POLYGON ((1 2, 1 3, 2 3, 1 2))", "polygon((1 2, 1 3, 2 3, 1 2))", "POLYGON((1 2, 1 3, 2 3, 1 2.5))",
        "POLYGON((1 2, 1 3, 1 2))", "POLYGON((1e1 2, 1 3, 2 3, 1e1 2))", "POLYGON((1 2,  1 3, 2 3, 1 2))",
        "POLYGON((1 2, 1 3, 2 3, 1 2),(1 2, 1 3, 2 3, 1 2))", "POLYGON((1 2, 1 3, 2 3, 1 2)) ", "POLYGON((1 2, 1 3",
        "MULTIPOLYGON(((1 2, 1 3, 2 3, 1 2)))", "POLYGON((.5 2, 1 3, 2 3, .5 2))", "POLYGON((1. 2, 1 3, 2 3, 1. 2))",
    ]

    @Test(arguments: read)
    func readsAsSpatiaLiteDoes(_ text: String) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let expected = try store.db.prepare("SELECT AsBinary(GeomFromText(?, 4326))").bind([text])
        #expect(try expected.step())
        let bytes = expected.row.withBlob(0) { Array($0) }
        #expect(!bytes.isEmpty)
        #expect(TileWKT.polygonWKB(text) == bytes)
    }

    @Test(arguments: leftToSpatiaLite)
    func otherFormsAreLeftToSpatiaLite(_ text: String) {
        #expect(TileWKT.polygonWKB(text) == nil)
    }

    @Test(arguments: read + leftToSpatiaLite)
    func verticesAreThoseOfTheWKB(_ text: String) throws {
        var ring: [Coordinate] = [Coordinate(9, 9)]
        let taken = Array(text.utf8).withUnsafeBytes { TileWKT.vertices($0, into: &ring) }
        if let wkb = TileWKT.polygonWKB(text) {
            #expect(taken)
            #expect(try WKB.decode(wkb) == .polygon(Polygon(closedRings: [ring])))
        } else {
            #expect(!taken)
        }
    }
}
