import CoverageModel
import CoverageTestSupport
import Testing

@testable import CoverageStore

/// `coverageAreas(near:fromRow:)` reads its rows on one forward cursor: whatever boxes and first
/// row, it holds exactly the rows `coverageAreas(geometry: .meeting(boxes))` holds with a shape or
/// from the first row on, each as that reads it, in id order.
@Suite struct ScopedLayerRowsTests {
    /// Areas per grid row and grid rows (the areas' ids run along the grid rows).
    static let (columns, rows) = (8, 6)

    /// A box meeting only the area of grid cell (column, row).
    static func box(_ column: Int, _ row: Int) -> BoundingBox {
        let (x, y) = (105 + Double(column) * 0.1, 21 + Double(row) * 0.1)
        return BoundingBox(minX: x - 0.05, minY: y - 0.05, maxX: x + 0.05, maxY: y + 0.05)
    }

    /// Boxes and the first row (as an offset from the first row id; nil: none) of each case.
    static let cases: [(name: String, boxes: [BoundingBox], first: Int64?)] = [
        ("nothing", [], nil),
        ("one area", [box(3, 2)], nil),
        ("a grid row: consecutive ids", [BoundingBox(minX: 104, minY: 21.17, maxX: 106, maxY: 21.23)], nil),
        ("a grid column: ids a row apart", [BoundingBox(minX: 105.47, minY: 20, maxX: 105.53, maxY: 22)], nil),
        ("scattered boxes", [box(0, 0), box(7, 0), box(5, 3), box(1, 5), box(7, 5)], nil),
        ("every area", [BoundingBox(minX: 100, minY: 20, maxX: 110, maxY: 23)], nil),
        ("boxes and the last rows", [box(1, 1), box(6, 1)], 40),
        ("the last rows only", [], 44),
        ("the last row only", [], Int64(columns * rows - 1)),
        ("first row past the end", [box(2, 4)], Int64(columns * rows + 5)),
        ("every row from the first", [box(4, 4)], 0),
    ]

    @Test(arguments: cases.indices)
    func nearAreasAreTheScopedRowsWithAShapeOrFromTheFirstRow(index: Int) throws {
        let dir = try FixtureDirectory()
        let store = try dir.store()
        // Two files, so the rows span two datasets.
        for part in 0..<2 {
            var features: [String] = []
            for k in (part * Self.columns * Self.rows / 2)..<((part + 1) * Self.columns * Self.rows / 2) {
                features.append(
                    GeoJSONText.twelveGon(
                        105 + Double(k % Self.columns) * 0.1, 21 + Double(k / Self.columns) * 0.1, radius: 0.02,
                        id: "A\(k)", operatorName: k % 3 == 0 ? "VNPT" : "Viettel",
                        technology: k % 2 == 0 ? "4G" : "5G"))
            }
            _ = try store.importFile(
                try dir.write("areas\(part).geojson", GeoJSONText.collection(features)),
                options: ImportOptions(layer: .coverage))
        }
        let ids = try store.db.rows("SELECT id FROM coverage_areas ORDER BY id") { $0.int(0) }
        #expect(ids.count == Self.columns * Self.rows)
        let c = Self.cases[index]
        let first = c.first.map { ids[0] + $0 }
        let scoped = try store.coverageAreas(geometry: .meeting(c.boxes))
        let expected = zip(ids, scoped).filter { id, area in
            area.geometry != .multiPolygon([]) || first.map { id >= $0 } == true
        }.map(\.1)
        let near = try store.coverageAreas(near: c.boxes, fromRow: first)
        #expect(near == expected)
        #expect(near.count == expected.count)
    }
}
