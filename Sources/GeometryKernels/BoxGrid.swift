import CoverageModel

/// Items' bounding boxes in a uniform grid, answering "which items' boxes meet this box?".
///
/// Each item is listed in every cell its box touches; a query reports an item only from the cell
/// holding the lower-left corner of the overlap of the two boxes, so every hit is reported once
/// without a visited set (queries are thread-safe and allocation-free apart from the result).
package struct BoxGrid: Sendable {
    private let grid: GridRaster
    private let boxes: [BoundingBox]
    /// Per cell: first entry index (one extra sentinel at the end).
    private let cellStart: [Int32]
    private let entries: [Int32]

    /// Indexes `boxes` (item `i` is `boxes[i]`; inverted boxes are never reported).
    package init(_ boxes: [BoundingBox]) {
        var layout = BoxGridLayout()
        for b in boxes { layout.add(b) }
        self.init(boxes, layout: layout)
    }

    /// Indexes `boxes`, a part (in its order) of a larger set whose boxes made `layout`: cells as in
    /// that set's grid, so a query reports the items of the part in the order the whole set's grid
    /// reports them (every item of the whole set meeting a query must then be in the part).
    package init(_ boxes: [BoundingBox], layout: BoxGridLayout) {
        self.boxes = boxes
        let extent = layout.extent
        let validCount = layout.validCount
        grid = GridRaster(
            box: extent ?? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), targetCells: Double(max(validCount, 1)),
            maxSide: 4096)
        var counts = [Int32](repeating: 0, count: grid.cellCount + 1)
        Self.forEachCell(of: boxes, grid) { cell, _ in counts[cell + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var entries = [Int32](repeating: 0, count: Int(counts[grid.cellCount]))
        Self.forEachCell(of: boxes, grid) { cell, item in
            entries[Int(fill[cell])] = Int32(item)
            fill[cell] += 1
        }
        cellStart = counts
        self.entries = entries
    }

    /// Calls `body` once for every item whose box meets `query` (boundaries touching count).
    package func forEach(meeting query: BoundingBox, _ body: (Int) -> Void) {
        guard query.minX <= query.maxX, query.minY <= query.maxY else { return }
        let c0 = grid.column(query.minX)
        let c1 = grid.column(query.maxX)
        let r0 = grid.row(query.minY)
        let r1 = grid.row(query.maxY)
        for r in r0...r1 {
            for c in c0...c1 {
                let cell = r * grid.columns + c
                for e in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                    let item = Int(entries[e])
                    let b = boxes[item]
                    guard b.minX <= query.maxX, b.maxX >= query.minX, b.minY <= query.maxY, b.maxY >= query.minY
                    else { continue }
                    // Report from the cell of the overlap's lower-left corner only.
                    if grid.column(max(b.minX, query.minX)) == c && grid.row(max(b.minY, query.minY)) == r {
                        body(item)
                    }
                }
            }
        }
    }

    private static func forEachCell(of boxes: [BoundingBox], _ grid: GridRaster, _ body: (Int, Int) -> Void) {
        for (i, b) in boxes.enumerated() where b.minX <= b.maxX && b.minY <= b.maxY {
            for r in grid.row(b.minY)...grid.row(b.maxY) {
                for c in grid.column(b.minX)...grid.column(b.maxX) { body(r * grid.columns + c, i) }
            }
        }
    }
}

/// The extent and the number of valid boxes of a set of boxes: what lays out its `BoxGrid`'s cells.
package struct BoxGridLayout: Sendable, Equatable {
    /// The smallest box holding every valid box (nil: none).
    package private(set) var extent: BoundingBox?
    /// How many valid boxes were counted.
    package private(set) var validCount = 0

    package init() {}

    /// The layout of a set whose valid boxes span `extent` and number `validCount` (as kept by a run).
    package init(extent: BoundingBox?, validCount: Int) {
        self.extent = extent
        self.validCount = validCount
    }

    /// Counts `b` (inverted boxes, which a grid never reports, count for nothing).
    @inline(__always)
    package mutating func add(_ b: BoundingBox) {
        guard b.minX <= b.maxX && b.minY <= b.maxY else { return }
        validCount += 1
        if extent == nil { extent = b } else { extent?.extend(b) }
    }
}
