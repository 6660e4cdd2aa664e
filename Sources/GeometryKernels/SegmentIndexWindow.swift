import CoverageModel

extension SegmentIndexStorage {
    /// Finds the nearest segment within `maxMetres` of `p` among the cells of the search window,
    /// nearest cells first, skipping every cell that cannot hold anything closer than the best so far.
    ///
    /// The answer equals an exhaustive scan of the window: the closest point of any segment lies in
    /// a cell the segment is registered in, and a cell is skipped only when a lower bound on the
    /// distance from `p` to any point of it (in the same local metric, shrunk by 1e-6) exceeds the
    /// best distance, so ties (lowest start vertex, i.e. segment number) are still seen.
    ///
    /// `hint`, when it names a segment of this index (the last answer of a nearby query), is measured
    /// first: when within `maxMetres`, its distance bounds the window and prunes from the start.
    /// Every segment that could beat or tie it is still in the smaller window, so the answer is the
    /// same with or without a hint; afterwards `hint` names this query's answer (when there is one).
    func scan(
        _ p: Coordinate, maxMetres: Double, best: inout Best, stopAtFirst: Bool, hint: inout SegmentSearchHint
    ) {
        let pad = GridRaster.padding
        let scale = LocalScale(latitude: p.y)
        var found = Best(vertex: -1, distance: maxMetres, fraction: 0)
        if hint.owner === self, hint.vertex >= 0 {
            let xy = coords.base
            let v = hint.vertex
            let seg = CellSegment(
                ax: xy[2 * v], ay: xy[2 * v + 1], bx: xy[2 * v + 2], by: xy[2 * v + 3], vertex: UInt32(v))
            consider(seg, p.x, p.y, scale, &found)
            if stopAtFirst && found.vertex >= 0 {
                best = found
                return
            }
        }
        defer {
            if best.vertex >= 0 {
                // The reference is stored once per thread, not per query (no reference counting per point).
                if hint.owner !== self { hint.owner = self }
                hint.vertex = best.vertex
            }
        }
        // 1% margin covers the scale change across the search window.
        let radius = found.distance
        let rx = radius / scale.metresPerDegreeX * 1.01 + pad
        let ry = radius / scale.metresPerDegreeY * 1.01 + pad
        guard p.x + rx >= gridBox.minX, p.x - rx <= gridBox.maxX, p.y + ry >= gridBox.minY,
            p.y - ry <= gridBox.maxY
        else {
            best = found
            return
        }
        let c0 = grid.column(p.x - rx)
        let c1 = grid.column(p.x + rx)
        let r0 = grid.row(p.y - ry)
        let r1 = grid.row(p.y + ry)
        let bounds = CellBounds(grid: grid, scale: scale, p: p, rows: r0...r1)
        let width = c1 - c0 + 1
        let cellCount = width * (r1 - r0 + 1)
        withUnsafeTemporaryAllocation(of: (Double, Int).self, capacity: cellCount) { order in
            var n = 0
            for r in r0...r1 {
                for c in c0...c1 {
                    let lb = bounds.squaredLowerBound(row: r, column: c)
                    if lb <= radius * radius {
                        order[n] = (lb, r * grid.columns + c)
                        n += 1
                    }
                }
            }
            let cells = UnsafeMutableBufferPointer(rebasing: order[0..<n])
            Self.sortByBound(cells)
            let starts = cellStart.base
            let ent = cellSegments.base
            for (lb, cell) in cells {
                if lb > found.distance * found.distance { break }
                for i in Int(starts[cell])..<Int(starts[cell + 1]) {
                    let seg = ent[i]
                    if bounds.segmentBeyond(seg, found.distance) { continue }
                    consider(seg, p.x, p.y, scale, &found)
                    if stopAtFirst && found.vertex >= 0 { return }
                }
            }
        }
        best = found
    }

    /// Sorts (squared bound, cell) pairs by bound; insertion sort for the usual handful of cells.
    @inline(__always)
    static func sortByBound(_ a: UnsafeMutableBufferPointer<(Double, Int)>) {
        guard a.count > 24 else {
            for i in a.indices.dropFirst() {
                let x = a[i]
                var j = i
                while j > 0 && a[j - 1].0 > x.0 {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = x
            }
            return
        }
        var b = a
        b.sort { $0.0 < $1.0 }
    }
}

/// Lower bounds, in the metric of `LocalScale.distance` around a query point, on the distance to
/// any point of a grid cell (its rectangle padded by twice the rasterisation padding).
struct CellBounds {
    let grid: GridRaster
    let px: Double
    let py: Double
    let kx: Double
    let ky: Double
    let margin = GridRaster.padding * 2

    /// `rows` bounds the latitudes the x scale is taken over (it varies with the mean latitude).
    init(grid: GridRaster, scale: LocalScale, p: Coordinate, rows: ClosedRange<Int>) {
        self.grid = grid
        px = p.x
        py = p.y
        let y0 = grid.originY + Double(rows.lowerBound) * grid.cellHeight - margin
        let y1 = grid.originY + Double(rows.upperBound + 1) * grid.cellHeight + margin
        func kxAt(_ y: Double) -> Double {
            scale.metresPerDegreeX + scale.xScaleSlope * ((p.y + y) * 0.5 - scale.latitude)
        }
        let shrink = 1 - 1e-6
        kx = Swift.max(0, Swift.min(kxAt(y0), kxAt(y1)) * shrink)
        ky = scale.metresPerDegreeY * shrink
    }

    /// True when every point of segment `s` (its bounding box) is farther than `distance` (+1 µm).
    @inline(__always)
    func segmentBeyond(_ s: CellSegment, _ distance: Double) -> Bool {
        let gx = Swift.max(0, Swift.min(s.ax, s.bx) - px, px - Swift.max(s.ax, s.bx)) * kx
        let gy = Swift.max(0, Swift.min(s.ay, s.by) - py, py - Swift.max(s.ay, s.by)) * ky
        let limit = distance + 1e-6
        return gx * gx + gy * gy > limit * limit
    }

    /// The square of the bound for cell (r, c) (squares compare like the bounds; the bound's 1e-6
    /// shrink dwarfs the rounding of squaring the distance it is compared with).
    @inline(__always)
    func squaredLowerBound(row r: Int, column c: Int) -> Double {
        let x0 = grid.originX + Double(c) * grid.cellWidth - margin
        let x1 = grid.originX + Double(c + 1) * grid.cellWidth + margin
        let y0 = grid.originY + Double(r) * grid.cellHeight - margin
        let y1 = grid.originY + Double(r + 1) * grid.cellHeight + margin
        let gx = Swift.max(0, x0 - px, px - x1) * kx
        let gy = Swift.max(0, y0 - py, py - y1) * ky
        return gx * gx + gy * gy
    }
}
