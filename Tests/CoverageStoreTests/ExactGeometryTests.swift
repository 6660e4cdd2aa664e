import CoverageFormats
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// The exact-geometry service: unions of coverage within a unit and the unit minus a cover, on a snapshot.
@Suite struct ExactGeometryTests {
    @Test func unitMinusTheUnionOfItsCoverage() throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        let communes = [
            GeoJSONText.feature(GeoJSONText.square(105.0, 21.0, 0.1), #"{"code":"001","name":"A"}"#),
            GeoJSONText.feature(GeoJSONText.square(105.1, 21.0, 0.1), #"{"code":"002","name":"B"}"#),
        ]
        _ = try store.importFile(
            try dir.write("communes.geojson", GeoJSONText.collection(communes)),
            options: ImportOptions(layer: .communes))
        // 4G over the western half of A, 3G over all of A; none over B.
        let coverage = [
            GeoJSONText.feature(GeoJSONText.square(104.85, 20.95, 0.2), #"{"operator":"X","technology":"4G"}"#),
            GeoJSONText.feature(GeoJSONText.square(104.9, 20.9, 0.2), #"{"operator":"Y","technology":"3G"}"#),
        ]
        _ = try store.importFile(
            try dir.write("coverage.geojson", GeoJSONText.collection(coverage)),
            options: ImportOptions(layer: .coverage))
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let vintage = try #require(try snapshot.newestVintage())
        let units = try snapshot.unitReferences(vintage: vintage)
        #expect(units.map(\.code) == ["001", "002"])
        let geometry = snapshot.exactGeometry()
        let a = units[0].unit
        let boxA = BoundingBox(minX: 105.0, minY: 21.0, maxX: 105.1, maxY: 21.1)
        let g4 = try #require(try geometry.coverageUnion(unit: a, technology: "4G", operatorName: nil, box: boxA))
        let whole = try #require(try geometry.unit(a, minus: nil))
        let left = try #require(try geometry.unit(a, minus: g4))
        #expect(abs(left.km2 / whole.km2 - 0.5) < 0.01)
        #expect(try geometry.coverageUnion(unit: a, technology: "4G", operatorName: "Y", box: boxA) == nil)
        let g3 = try #require(try geometry.coverageUnion(unit: a, technology: "3G", operatorName: nil, box: boxA))
        let both = try #require(try geometry.union(g4, g3))
        #expect(try geometry.unit(a, minus: both) == nil)  // fully covered
        let boxB = BoundingBox(minX: 105.1, minY: 21.0, maxX: 105.2, maxY: 21.1)
        #expect(try geometry.coverageUnion(unit: units[1].unit, technology: "4G", operatorName: nil, box: boxB) == nil)
        if case .multiPolygon(let parts) = try WKB.decode(left.wkb) {
            #expect(parts.count == 1)
        } else {
            Issue.record("not a multipolygon")
        }
    }
}
