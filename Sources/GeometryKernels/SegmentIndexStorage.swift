import CoverageModel

/// The immutable arrays behind a `SegmentIndex`.
final class SegmentIndexStorage: Sendable {
    let lineCount: Int
    let pointCount: Int
    /// Item id per line, then per point.
    let items: [Int]
    /// First vertex of each line (then each point), plus a sentinel.
    let lineStarts: [Int]
    /// Vertices interleaved x, y. A point is stored as two equal vertices.
    let coords: FrozenArray<Double>
    /// The number of segments (a point counts as one degenerate segment).
    let segmentCount: Int
    let grid: GridRaster
    let gridBox: BoundingBox
    let cellStart: FrozenArray<UInt32>
    /// The segments of each cell, with their coordinates copied in (ascending start vertex), so a
    /// query reads its cells sequentially instead of chasing indexes into `coords`.
    let cellSegments: FrozenArray<CellSegment>
    /// Lower bounds of metres per degree anywhere in the grid (for ring-search pruning).
    let minMetresPerDegreeX: Double
    let minMetresPerDegreeY: Double

    init(
        lines: [[Coordinate]], items: [Int]?, points: [Coordinate], pointItems: [Int]?, cellMetres: Double
    ) {
        lineCount = lines.count
        pointCount = points.count
        var ids: [Int] = []
        ids.reserveCapacity(lines.count + points.count)
        for i in 0..<lines.count { ids.append(items.flatMap { i < $0.count ? $0[i] : nil } ?? i) }
        for i in 0..<points.count { ids.append(pointItems.flatMap { i < $0.count ? $0[i] : nil } ?? i) }
        self.items = ids

        var xy: [Double] = []
        var starts: [Int] = []
        var segs: [UInt32] = []
        var box: BoundingBox?
        func add(_ c: Coordinate) {
            xy.append(c.x)
            xy.append(c.y)
            if box == nil { box = BoundingBox(c) } else { box?.extend(c) }
        }
        for line in lines {
            starts.append(xy.count / 2)
            let finite = line.filter(\.isFinite)
            let first = xy.count / 2
            for c in finite { add(c) }
            if finite.count == 1, let only = finite.first { add(only) }
            let n = xy.count / 2 - first
            if n >= 2 { for v in first..<(first + n - 1) { segs.append(UInt32(v)) } }
        }
        for p in points {
            starts.append(xy.count / 2)
            guard p.isFinite else { continue }
            let v = xy.count / 2
            add(p)
            add(p)
            segs.append(UInt32(v))
        }
        starts.append(xy.count / 2)
        lineStarts = starts

        let dataBox = box ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let maxAbsLat = Swift.min(89.9, Swift.max(abs(dataBox.minY), abs(dataBox.maxY)))
        let minAbsLat: Double =
            dataBox.minY <= 0 && dataBox.maxY >= 0 ? 0 : Swift.min(abs(dataBox.minY), abs(dataBox.maxY))
        // Cells at least cellMetres wide everywhere in the data, and not many more cells than
        // segments: a few segments over a wide box (a what-if run's routes near scattered changes)
        // would otherwise spend the build on millions of empty cells. Larger cells only make a query
        // measure a few more segments; the answer is the same for any grid.
        let cell = cellMetres.isFinite && cellMetres > 0 ? cellMetres : 500
        var cw = cell / LocalScale(latitude: maxAbsLat).metresPerDegreeX
        var ch = cell / LocalScale(latitude: minAbsLat).metresPerDegreeY
        let widen = Self.cellWidening(box: dataBox, cellWidth: cw, cellHeight: ch, segments: segs.count)
        cw *= widen
        ch *= widen
        let g = GridRaster(box: dataBox, cellWidth: cw, cellHeight: ch, maxSide: 8192)
        grid = g
        gridBox = dataBox
        minMetresPerDegreeX = LocalScale(latitude: maxAbsLat).metresPerDegreeX
        minMetresPerDegreeY = LocalScale(latitude: 0).metresPerDegreeY

        var counts = [UInt32](repeating: 0, count: g.cellCount + 1)
        for s in segs {
            let v = Int(s) * 2
            g.rasterise(xy[v], xy[v + 1], xy[v + 2], xy[v + 3]) { r, c0, c1 in
                for c in c0...c1 { counts[r * g.columns + c + 1] += 1 }
            }
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        // Each cell's next entry slot (a copy of the offsets, not a per-cell conversion).
        var fill = counts
        var entries = [CellSegment](
            repeating: CellSegment(ax: 0, ay: 0, bx: 0, by: 0, vertex: 0), count: Int(counts[g.cellCount]))
        for s in segs {
            let v = Int(s) * 2
            let seg = CellSegment(ax: xy[v], ay: xy[v + 1], bx: xy[v + 2], by: xy[v + 3], vertex: s)
            g.rasterise(xy[v], xy[v + 1], xy[v + 2], xy[v + 3]) { r, c0, c1 in
                for c in c0...c1 {
                    entries[Int(fill[r * g.columns + c])] = seg
                    fill[r * g.columns + c] += 1
                }
            }
        }
        coords = FrozenArray(xy)
        segmentCount = segs.count
        cellStart = FrozenArray(counts)
        cellSegments = FrozenArray(entries)
    }

    /// The most grid cells per segment (beyond a floor of `minimumCellCap` cells).
    static let cellsPerSegment = 64.0
    /// Grids of up to this many cells are never widened.
    static let minimumCellCap = 65_536.0

    /// The factor (≥ 1) by which cells of `cellWidth` × `cellHeight` over `box` grow so that the grid
    /// has at most `cellsPerSegment` cells per segment (or `minimumCellCap` cells).
    static func cellWidening(box: BoundingBox, cellWidth: Double, cellHeight: Double, segments: Int) -> Double {
        let columns = ((box.maxX - box.minX) / cellWidth).rounded(.down) + 1
        let rows = ((box.maxY - box.minY) / cellHeight).rounded(.down) + 1
        let cap = Swift.max(minimumCellCap, cellsPerSegment * Double(segments))
        guard columns.isFinite, rows.isFinite, columns * rows > cap else { return 1 }
        return (columns * rows / cap).squareRoot()
    }

    /// Measures segment `s` from `q` and keeps it in `best` when closer (or equal and lower-numbered).
    @inline(__always)
    func consider(_ s: CellSegment, _ qx: Double, _ qy: Double, _ scale: LocalScale, _ best: inout Best) {
        let ax = s.ax
        let ay = s.ay
        let bx = s.bx
        let by = s.by
        // Foot point in the local plane at the query's latitude.
        var t = 0.0
        let kx = scale.metresPerDegreeX
        let ky = scale.metresPerDegreeY
        let px = (qx - ax) * kx
        let py = (qy - ay) * ky
        let dx = (bx - ax) * kx
        let dy = (by - ay) * ky
        let len2 = dx * dx + dy * dy
        if len2 > 0 { t = Swift.min(1, Swift.max(0, (px * dx + py * dy) / len2)) }
        let cx = t == 1 ? bx : ax + t * (bx - ax)
        let cy = t == 1 ? by : ay + t * (by - ay)
        let d = scale.distance(Coordinate(qx, qy), Coordinate(cx, cy))
        let v = Int(s.vertex)
        if d < best.distance || (d == best.distance && (best.vertex < 0 || v < best.vertex)) {
            best.distance = d
            best.vertex = v
            best.fraction = t
        }
    }

    /// Ring search for `nearestUnbounded`.
    func scanRings(_ p: Coordinate, best: inout Best) {
        let scale = LocalScale(latitude: p.y)
        let qc = grid.column(p.x)
        let qr = grid.row(p.y)
        let starts = cellStart.base
        let ent = cellSegments.base
        let kx = Swift.min(minMetresPerDegreeX, scale.metresPerDegreeX)
        let ky = minMetresPerDegreeY
        var radius = 0
        while true {
            let cLo = qc - radius
            let cHi = qc + radius
            let rLo = qr - radius
            let rHi = qr + radius
            for r in Swift.max(0, rLo)...Swift.min(grid.rows - 1, rHi) {
                let onEdgeRow = r == rLo || r == rHi
                var c = Swift.max(0, cLo)
                let cEnd = Swift.min(grid.columns - 1, cHi)
                while c <= cEnd {
                    let cell = r * grid.columns + c
                    for i in Int(starts[cell])..<Int(starts[cell + 1]) { consider(ent[i], p.x, p.y, scale, &best) }
                    // Interior rows of the ring: only the two end columns are new.
                    c = onEdgeRow || c == cHi ? c + 1 : Swift.max(c + 1, cHi)
                }
            }
            // Lower bound on the distance to any cell outside the visited rectangle.
            var bound = Double.infinity
            if cLo > 0 { bound = Swift.min(bound, (p.x - (grid.originX + Double(cLo) * grid.cellWidth)) * kx) }
            if cHi < grid.columns - 1 {
                bound = Swift.min(bound, (grid.originX + Double(cHi + 1) * grid.cellWidth - p.x) * kx)
            }
            if rLo > 0 { bound = Swift.min(bound, (p.y - (grid.originY + Double(rLo) * grid.cellHeight)) * ky) }
            if rHi < grid.rows - 1 {
                bound = Swift.min(bound, (grid.originY + Double(rHi + 1) * grid.cellHeight - p.y) * ky)
            }
            if bound == .infinity { return }
            if best.vertex >= 0 && best.distance <= bound * 0.999 { return }
            radius += 1
        }
    }

    /// Translates the best segment into a public hit.
    func hit(_ best: Best, query: Coordinate) -> NearestHit {
        let v = best.vertex
        // The line holding vertex v: lineStarts[lo] ≤ v < lineStarts[lo + 1] (empty lines never match).
        var lo = 0
        var hi = lineStarts.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= v { lo = mid } else { hi = mid }
        }
        let xy = coords.base
        let ax = xy[2 * v]
        let ay = xy[2 * v + 1]
        let bx = xy[2 * v + 2]
        let by = xy[2 * v + 3]
        let t = best.fraction
        let closest = t == 1 ? Coordinate(bx, by) : Coordinate(ax + t * (bx - ax), ay + t * (by - ay))
        let isPoint = lo >= lineCount
        return NearestHit(
            distanceMetres: best.distance, item: items[lo], index: isPoint ? lo - lineCount : lo, isPoint: isPoint,
            segment: isPoint ? 0 : v - lineStarts[lo], fraction: isPoint ? 0 : t, closest: closest)
    }
}

/// A segment as stored in a grid cell: its end points and the index of its start vertex in `coords`.
struct CellSegment: BitwiseCopyable {
    var ax: Double
    var ay: Double
    var bx: Double
    var by: Double
    var vertex: UInt32
}
