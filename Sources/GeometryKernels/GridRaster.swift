import CoverageModel

/// A uniform grid over a rectangle, and the conservative rasterisation of segments onto it.
///
/// Cells are addressed `row * columns + column`. Rasterisation pads every segment by `padding`
/// (degrees) so that a query point mapped to a cell with floating-point rounding still finds every
/// segment that passes within `padding` of it. `padding` must exceed the rounding error of the
/// cell arithmetic: 1e-9° is ample for |coordinates| ≤ 10⁴ (errors are ~1e-12°).
@usableFromInline
struct GridRaster: Sendable {
    @usableFromInline let originX: Double
    @usableFromInline let originY: Double
    let cellWidth: Double
    let cellHeight: Double
    @usableFromInline let inverseWidth: Double
    @usableFromInline let inverseHeight: Double
    @usableFromInline let columns: Int
    @usableFromInline let rows: Int

    /// Padding applied when rasterising, in coordinate units.
    static let padding = 1e-9

    /// A grid covering `box` with `columns × rows` cells (both ≥ 1).
    init(box: BoundingBox, columns: Int, rows: Int) {
        self.columns = Swift.max(1, columns)
        self.rows = Swift.max(1, rows)
        originX = box.minX
        originY = box.minY
        let w = box.maxX - box.minX
        let h = box.maxY - box.minY
        cellWidth = w > 0 ? w / Double(self.columns) : 1
        cellHeight = h > 0 ? h / Double(self.rows) : 1
        inverseWidth = w > 0 ? Double(self.columns) / w : 0
        inverseHeight = h > 0 ? Double(self.rows) / h : 0
    }

    /// A grid with about `targetCells` roughly square cells over `box`, each side capped at `maxSide`.
    init(box: BoundingBox, targetCells: Double, maxSide: Int) {
        let w = box.maxX - box.minX
        let h = box.maxY - box.minY
        let target = Swift.max(1, targetCells)
        var nx = 1
        var ny = 1
        if w > 0 && h > 0 {
            let aspect = w / h
            nx = Int((target * aspect).squareRoot().rounded(.up))
            ny = Int((target / aspect).squareRoot().rounded(.up))
        } else if w > 0 {
            nx = Int(target.rounded(.up))
        } else if h > 0 {
            ny = Int(target.rounded(.up))
        }
        self.init(
            box: box, columns: Swift.min(Swift.max(1, nx), maxSide), rows: Swift.min(Swift.max(1, ny), maxSide))
    }

    /// A grid with cells of (about) the given size in coordinate units over `box`, capped per side.
    init(box: BoundingBox, cellWidth cw: Double, cellHeight ch: Double, maxSide: Int) {
        let nx = Int(((box.maxX - box.minX) / cw).rounded(.down)) + 1
        let ny = Int(((box.maxY - box.minY) / ch).rounded(.down)) + 1
        self.init(box: box, columns: Swift.min(Swift.max(1, nx), maxSide), rows: Swift.min(Swift.max(1, ny), maxSide))
    }

    var cellCount: Int { columns * rows }

    /// The column of an x value, clamped into the grid (x must be finite).
    @inlinable @inline(__always)
    func column(_ x: Double) -> Int {
        let c = (x - originX) * inverseWidth
        if !(c > 0) { return 0 }
        if c >= Double(columns) { return columns - 1 }
        return Int(c)
    }

    /// The row of a y value, clamped into the grid (y must be finite).
    @inlinable @inline(__always)
    func row(_ y: Double) -> Int {
        let r = (y - originY) * inverseHeight
        if !(r > 0) { return 0 }
        if r >= Double(rows) { return rows - 1 }
        return Int(r)
    }

    /// Calls `body(row, firstColumn, lastColumn)` for every row the padded segment a→b touches,
    /// with the (inclusive, contiguous) column range it touches in that row.
    @inline(__always)
    func rasterise(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ body: (Int, Int, Int) -> Void
    ) {
        let pad = GridRaster.padding
        let r0 = row(Swift.min(ay, by) - pad)
        let r1 = row(Swift.max(ay, by) + pad)
        let dy = by - ay
        let dx = bx - ax
        for r in r0...r1 {
            var lo: Double
            var hi: Double
            if dy == 0 || r0 == r1 {
                lo = Swift.min(ax, bx)
                hi = Swift.max(ax, bx)
            } else {
                // Clip the segment to the padded row band [y0, y1].
                let y0 = originY + Double(r) * cellHeight - pad
                let y1 = originY + Double(r + 1) * cellHeight + pad
                var t0 = (y0 - ay) / dy
                var t1 = (y1 - ay) / dy
                if t0 > t1 { swap(&t0, &t1) }
                t0 = Swift.max(0, t0)
                t1 = Swift.min(1, t1)
                if t0 > t1 { t0 = t1 }
                let x0 = ax + t0 * dx
                let x1 = ax + t1 * dx
                lo = Swift.min(x0, x1)
                hi = Swift.max(x0, x1)
                // Rounding in the clip is far below `pad`.
            }
            lo -= pad
            hi += pad
            body(r, column(lo), column(hi))
        }
    }
}
