import CoverageModel

/// Builds the flat arrays of a `PolygonIndex`.
struct PolygonIndexBuilder {
    let geometries: [Geometry]
    let cellsPerEdge: Double

    private var coords: [Double] = []
    private var parts: [PolygonPart] = []
    private var status: [UInt8] = []
    private var cellStart: [UInt32] = [0]
    private var entries: [UInt64] = []
    private var itemBoxes: [BoundingBox] = []
    /// Per cell of the part being added: its entry count, then its next entry slot (reused).
    private var fill: [Int] = []

    init(geometries: [Geometry], cellsPerEdge: Double) {
        self.geometries = geometries
        self.cellsPerEdge = Swift.max(0.25, cellsPerEdge.isFinite ? cellsPerEdge : 4)
    }

    consuming func build() -> PolygonIndexStorage {
        let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        var vertexTotal = 0
        for g in geometries { vertexTotal += g.vertexCount + g.polygons.reduce(0) { $0 + $1.rings.count } }
        coords.reserveCapacity(vertexTotal * 2)
        itemBoxes.reserveCapacity(geometries.count)
        for (item, g) in geometries.enumerated() {
            var itemBox = empty
            for polygon in g.polygons {
                if let box = addPart(polygon, item: item) { itemBox.extend(box) }
            }
            itemBoxes.append(itemBox)
        }
        let (top, topBox, topStart, topEntries) = buildTopGrid()
        return PolygonIndexStorage(
            itemCount: geometries.count, itemBoxes: itemBoxes, coords: coords, parts: parts, status: status,
            cellStart: cellStart, entries: entries, top: top, topBox: topBox, topStart: topStart,
            topEntries: topEntries)
    }

    /// Appends one polygon part; returns its bounding box, or nil when it has no usable ring.
    private mutating func addPart(_ polygon: Polygon, item: Int) -> BoundingBox? {
        // Store the rings closed; remember each ring's first vertex.
        var ringStarts: [Int] = []
        var box: BoundingBox?
        for ring in polygon.rings {
            let finite = ring.filter(\.isFinite)
            guard let first = finite.first else { continue }
            ringStarts.append(coords.count / 2)
            for c in finite {
                coords.append(c.x)
                coords.append(c.y)
                if box == nil { box = BoundingBox(c) } else { box?.extend(c) }
            }
            if finite.count == 1 || finite[finite.count - 1] != first {
                coords.append(first.x)
                coords.append(first.y)
            }
        }
        guard let box else { return nil }
        ringStarts.append(coords.count / 2)
        var edges: [Int] = []
        for r in 0..<(ringStarts.count - 1) {
            for v in ringStarts[r]..<(ringStarts[r + 1] - 1) { edges.append(v) }
        }
        let grid = GridRaster(box: box, targetCells: Double(edges.count) * cellsPerEdge, maxSide: 2048)
        let nx = grid.columns
        let cellBase = status.count
        let cells = grid.cellCount
        // Pass 1: count entries per cell (in the reused `fill`, through its buffer: no uniqueness or
        // bounds check per cell visit).
        fill.removeAll(keepingCapacity: true)
        fill.append(contentsOf: repeatElement(0, count: cells))
        coords.withUnsafeBufferPointer { xy in
            fill.withUnsafeMutableBufferPointer { counts in
                for v in edges {
                    grid.rasterise(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3]) { r, c0, c1 in
                        for c in c0...c1 { counts[r * nx + c] += 1 }
                    }
                }
            }
        }
        // Prefix sums into the global cellStart (which already holds this part's first offset), the
        // cells' first class (boundary when any padded edge touches them), and `fill` turned from
        // counts into each cell's next entry slot.
        let first = entries.count
        var running = first
        let startBase = cellStart.count
        cellStart.append(contentsOf: repeatElement(0, count: cells))
        status.append(contentsOf: repeatElement(PolygonIndexStorage.outside, count: cells))
        fill.withUnsafeMutableBufferPointer { fill in
            cellStart.withUnsafeMutableBufferPointer { starts in
                status.withUnsafeMutableBufferPointer { status in
                    for i in 0..<cells {
                        let count = fill[i]
                        fill[i] = running
                        running += count
                        starts[startBase + i] = UInt32(truncatingIfNeeded: running)
                        if count > 0 { status[cellBase + i] = PolygonIndexStorage.boundary }
                    }
                }
            }
        }
        entries.append(contentsOf: repeatElement(0, count: running - first))
        // Pass 2: fill entries.
        coords.withUnsafeBufferPointer { xy in
            fill.withUnsafeMutableBufferPointer { fill in
                entries.withUnsafeMutableBufferPointer { entries in
                    for v in edges {
                        grid.rasterise(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3]) { r, c0, c1 in
                            let tag = UInt64(UInt32(c0)) << 32 | UInt64(UInt32(v))
                            for c in c0...c1 {
                                entries[fill[r * nx + c]] = tag
                                fill[r * nx + c] += 1
                            }
                        }
                    }
                }
            }
        }
        let part = PolygonPart(
            minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY,
            inverseWidth: grid.inverseWidth, inverseHeight: grid.inverseHeight,
            columns: Int32(grid.columns), rows: Int32(grid.rows), item: Int32(truncatingIfNeeded: item),
            cellBase: cellBase)
        // Classify the other cells by their centre, right to left so the walk can stop at the
        // already-classified neighbour.
        let partIndex = parts.count
        parts.append(part)
        classify(partIndex, grid: grid)
        return box
    }

    /// Fills the inside/outside class of the part's non-boundary cells.
    private mutating func classify(_ partIndex: Int, grid: GridRaster) {
        let part = parts[partIndex]
        let nx = grid.columns
        let rows = grid.rows
        coords.withUnsafeBufferPointer { xy in
            cellStart.withUnsafeBufferPointer { starts in
                entries.withUnsafeBufferPointer { ent in
                    status.withUnsafeMutableBufferPointer { st in
                        guard let xyBase = xy.baseAddress, let startsBase = starts.baseAddress,
                            let stBase = st.baseAddress
                        else { return }
                        // An empty entry list is never read (all cells are non-boundary then).
                        let entBase = ent.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<UInt64>.alignment)
                        guard let entBase else { return }
                        for r in 0..<rows {
                            let rowBase = part.cellBase + r * nx
                            let cy = grid.originY + (Double(r) + 0.5) * grid.cellHeight
                            for c in stride(from: nx - 1, through: 0, by: -1)
                            where stBase[rowBase + c] != PolygonIndexStorage.boundary {
                                // Past the last column: outside. A classified right neighbour ends the
                                // walk at once with its class, so it is copied without one.
                                if c + 1 == nx {
                                    stBase[rowBase + c] = PolygonIndexStorage.outside
                                } else if stBase[rowBase + c + 1] != PolygonIndexStorage.boundary {
                                    stBase[rowBase + c] = stBase[rowBase + c + 1]
                                } else {
                                    let cx = grid.originX + (Double(c) + 0.5) * grid.cellWidth
                                    stBase[rowBase + c] = polygonWalk(
                                        xyBase, stBase, startsBase, entBase, cx, cy, cellRow: rowBase, columns: nx,
                                        startColumn: c + 1)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Builds the top-level grid over part bounding boxes.
    private func buildTopGrid() -> (GridRaster, BoundingBox, [UInt32], [UInt32]) {
        guard !parts.isEmpty else {
            let box = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            return (
                GridRaster(box: BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0), columns: 1, rows: 1), box, [0, 0], []
            )
        }
        let top = CandidateGrid(boxes: parts.map(\.box))
        return (top.grid, top.box, top.starts, top.entries)
    }
}
