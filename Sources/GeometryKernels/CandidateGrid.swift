import CoverageModel

/// A uniform grid over boxes listing, per cell, every box (by position) whose padded extent meets
/// it: the candidate step of `PolygonIndex` and `PolygonGroupIndex`.
struct CandidateGrid {
    /// The grid over the union of the boxes.
    let grid: GridRaster
    /// The union of the boxes (a query outside it has no candidates).
    let box: BoundingBox
    /// Per cell: first entry index (one extra sentinel at the end).
    let starts: [UInt32]
    /// Box positions per cell, ascending.
    let entries: [UInt32]

    /// Lists `boxes` (at least one, each valid) in a grid of about four cells per box, coarsened
    /// while large boxes would make the entry list explode.
    ///
    /// `refiningSparse`: when the boxes cover less than a quarter of their union's extent (areas
    /// near a what-if run's scattered changes), about 16 cells per mean box area instead, up to
    /// `sparseCellCap` (four cells per box would make cells much larger than the boxes there, and
    /// every point in a cell test the boxes of the whole cell).
    init(boxes: [BoundingBox], refiningSparse: Bool = false) {
        var all = boxes[0]
        for b in boxes { all.extend(b) }
        var target = Double(boxes.count) * 4
        if refiningSparse { target = Swift.max(target, Self.sparseTarget(boxes, extent: all)) }
        var grid = GridRaster(box: all, targetCells: target, maxSide: 4096)
        let pad = GridRaster.padding
        while true {
            var total = 0
            for b in boxes {
                let w = grid.column(b.maxX + pad) - grid.column(b.minX - pad) + 1
                let h = grid.row(b.maxY + pad) - grid.row(b.minY - pad) + 1
                total += w * h
            }
            if total <= 32 * boxes.count + 1_000_000 || grid.cellCount <= 1 { break }
            target /= 4
            grid = GridRaster(box: all, targetCells: target, maxSide: 4096)
        }
        var counts = [UInt32](repeating: 0, count: grid.cellCount + 1)
        for b in boxes {
            for r in grid.row(b.minY - pad)...grid.row(b.maxY + pad) {
                for c in grid.column(b.minX - pad)...grid.column(b.maxX + pad) { counts[r * grid.columns + c + 1] += 1 }
            }
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts.map { Int($0) }
        var entries = [UInt32](repeating: 0, count: Int(counts[grid.cellCount]))
        for (i, b) in boxes.enumerated() {
            for r in grid.row(b.minY - pad)...grid.row(b.maxY + pad) {
                for c in grid.column(b.minX - pad)...grid.column(b.maxX + pad) {
                    let cell = r * grid.columns + c
                    entries[fill[cell]] = UInt32(i)
                    fill[cell] += 1
                }
            }
        }
        self.grid = grid
        box = all
        starts = counts
        self.entries = entries
    }

    /// The most cells per box `refiningSparse` asks for.
    static let sparseCellsPerBox = 256.0
    /// The most cells `refiningSparse` asks for in all (16 MiB of offsets).
    static let sparseCellCap = Double(1 << 22)

    /// The cell count `refiningSparse` asks for over `extent`: 16 per mean box area when the boxes'
    /// areas sum to less than a quarter of it (capped), else 0.
    static func sparseTarget(_ boxes: [BoundingBox], extent: BoundingBox) -> Double {
        let area = (extent.maxX - extent.minX) * (extent.maxY - extent.minY)
        var covered = 0.0
        for b in boxes { covered += (b.maxX - b.minX) * (b.maxY - b.minY) }
        guard area.isFinite, covered.isFinite, covered > 0, 4 * covered < area else { return 0 }
        let n = Double(boxes.count)
        return Swift.min(16 * n * area / covered, sparseCellsPerBox * n, sparseCellCap)
    }
}
