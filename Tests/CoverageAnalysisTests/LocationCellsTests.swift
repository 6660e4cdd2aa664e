import CoverageModel
import Testing

@testable import CoverageAnalysis

/// A what-if run finds its changed locations by cell (`LocationCells`): the ids it selects hold
/// every location inside the boxes, the cells are fine enough to select few others, and every
/// coordinate (the world's edges, NaN) has a key that fits 32 bits.
@Suite struct LocationCellsTests {
    /// Random locations in `area` (ids with gaps) and random boxes there: the selected ids hold every
    /// location inside a box (checked against a scan of the coordinates), ascending, without repeats.
    @Test(arguments: [
        (BoundingBox(minX: 105.5, minY: 21.3, maxX: 106.1, maxY: 21.9), UInt64(1)),
        (BoundingBox(minX: -180, minY: -90, maxX: 180, maxY: 90), UInt64(2)),
        (BoundingBox(minX: 179.9, minY: 89.9, maxX: 180, maxY: 90), UInt64(3)),
        (BoundingBox(minX: -0.01, minY: -0.01, maxX: 0.01, maxY: 0.01), UInt64(4)),
    ])
    func selectsEveryLocationInTheBoxes(area: BoundingBox, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var ids: [Int64] = []
        var positions: [Coordinate] = []
        var id: Int64 = 0
        for _ in 0..<20_000 {
            id += Int64.random(in: 1...3, using: &random)
            ids.append(id)
            positions.append(
                Coordinate(
                    Double.random(in: area.minX...area.maxX, using: &random),
                    Double.random(in: area.minY...area.maxY, using: &random)))
        }
        var cells = LocationCells()
        cells.append(rowIDs: Array(ids[..<7_000]), positions: Array(positions[..<7_000]))
        cells.append(rowIDs: Array(ids[7_000...]), positions: Array(positions[7_000...]))
        // Boxes of 50 m to 5 km around some of the locations (each holds at least that one).
        let boxes = (0..<12).map { _ -> BoundingBox in
            let centre = positions[Int.random(in: 0..<positions.count, using: &random)]
            let w = Double.random(in: 0.0005...0.05, using: &random)
            let h = Double.random(in: 0.0005...0.05, using: &random)
            return BoundingBox(
                minX: max(centre.x - w / 2, area.minX), minY: max(centre.y - h / 2, area.minY),
                maxX: min(centre.x + w / 2, area.maxX), maxY: min(centre.y + h / 2, area.maxY))
        }
        let selected = cells.rowIDs(meeting: boxes)
        let inside = zip(ids, positions).filter { _, p in
            boxes.contains { p.x >= $0.minX && p.x <= $0.maxX && p.y >= $0.minY && p.y <= $0.maxY }
        }.map(\.0)
        #expect(Set(inside).isSubset(of: Set(selected)))
        #expect(selected == selected.sorted() && Set(selected).count == selected.count)
        #expect(!inside.isEmpty)
    }

    /// Points on the world's edges, beyond them and NaN get keys inside the grid (32 bits).
    @Test(arguments: [
        Coordinate(-180, -90), Coordinate(180, 90), Coordinate(-180, 90), Coordinate(180, -90),
        Coordinate(181, 91), Coordinate(-200, -100), Coordinate(.nan, 21), Coordinate(105, .infinity),
    ])
    func edgeKeysFit(point: Coordinate) {
        #expect(LocationCells.column(point.x) < LocationCells.columns)
        #expect(LocationCells.row(point.y) < LocationCells.rows)
        let (row, column) = (UInt64(LocationCells.row(point.y)), UInt64(LocationCells.column(point.x)))
        let key = row * UInt64(LocationCells.columns) + column
        #expect(key <= UInt64(UInt32.max))
    }

    /// A box of about 1 km spans several cells each way (one or two of the 0.01° cells before D64).
    @Test func cellsAreFine() {
        let box = BoundingBox(minX: 105.8001, minY: 21.0001, maxX: 105.8099, maxY: 21.0099)
        let columns = LocationCells.column(box.maxX) - LocationCells.column(box.minX) + 1
        let rows = LocationCells.row(box.maxY) - LocationCells.row(box.minY) + 1
        #expect(columns >= 3 && columns <= 4 && rows >= 3 && rows <= 4)
    }
}
