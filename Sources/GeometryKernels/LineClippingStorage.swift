import CoverageModel

/// A run of consecutive segments of one line, with its bounding box and ellipsoidal length.
struct LinePiece: BitwiseCopyable {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double
    /// Segment `s` of the piece runs from vertex `firstVertex + s` to the next vertex.
    var firstVertex: Int
    var segments: Int
    var metres: Double
}

/// The immutable arrays behind a `LineClipping`: lines cut into pieces, and a grid over the pieces.
final class LineClippingStorage: Sendable {
    let lineCount: Int
    /// Vertices interleaved x, y (finite vertices only; lines follow each other; may be shared).
    let coords: FrozenArray<Double>
    let pieces: FrozenArray<LinePiece>
    let grid: GridRaster
    let gridBox: BoundingBox
    /// Per grid cell: first entry index (one extra sentinel at the end).
    let cellStart: FrozenArray<UInt32>
    /// Piece numbers per cell, ascending.
    let cellEntries: FrozenArray<UInt32>

    /// Indexes `lines` (non-finite vertices are skipped).
    convenience init(lines: [[Coordinate]], segmentsPerPiece: Int) {
        var xy: [Double] = []
        var starts: [Int] = []
        xy.reserveCapacity(lines.reduce(0) { $0 + $1.count } * 2)
        starts.reserveCapacity(lines.count + 1)
        for line in lines {
            starts.append(xy.count / 2)
            for c in line where c.isFinite {
                xy.append(c.x)
                xy.append(c.y)
            }
        }
        starts.append(xy.count / 2)
        self.init(coords: FrozenArray(xy), lineStarts: starts[...], segmentsPerPiece: segmentsPerPiece)
    }

    /// Indexes lines already laid out as interleaved vertices: line `l` has the vertices
    /// `lineStarts[l]..<lineStarts[l + 1]` of `coords` (shared, not copied).
    init(coords: FrozenArray<Double>, lineStarts: ArraySlice<Int>, segmentsPerPiece: Int) {
        lineCount = Swift.max(0, lineStarts.count - 1)
        let perPiece = Swift.max(1, segmentsPerPiece)
        var cut: [(first: Int, segments: Int)] = []
        for l in lineStarts.indices.dropLast() {
            let first = lineStarts[l]
            let segmentCount = lineStarts[l + 1] - first - 1
            var s = 0
            while s < segmentCount {
                let n = Swift.min(perPiece, segmentCount - s)
                cut.append((first + s, n))
                s += n
            }
        }
        // Boxes and lengths on all cores (one sin/cos per piece, see SegmentLength).
        let plan = cut
        let pieces = ParallelChunks.map(0..<plan.count) { _, range in
            let xy = coords.base
            return range.map { k in
                let (first, n) = plan[k]
                var p = LinePiece(
                    minX: xy[2 * first], minY: xy[2 * first + 1], maxX: xy[2 * first], maxY: xy[2 * first + 1],
                    firstVertex: first, segments: n, metres: 0)
                for v in (first + 1)...(first + n) {
                    p.minX = Swift.min(p.minX, xy[2 * v])
                    p.maxX = Swift.max(p.maxX, xy[2 * v])
                    p.minY = Swift.min(p.minY, xy[2 * v + 1])
                    p.maxY = Swift.max(p.maxY, xy[2 * v + 1])
                }
                let model = SegmentLength(latitude: (p.minY + p.maxY) / 2)
                for v in first..<(first + n) {
                    p.metres += model.metres(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3])
                }
                return p
            }
        }.flatMap { $0 }

        var box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        if let p = pieces.first { box = BoundingBox(minX: p.minX, minY: p.minY, maxX: p.maxX, maxY: p.maxY) }
        for p in pieces { box.extend(BoundingBox(minX: p.minX, minY: p.minY, maxX: p.maxX, maxY: p.maxY)) }
        let (grid, cellStart, cellEntries) = Self.buildGrid(pieces, box: box)
        self.grid = grid
        gridBox = box
        self.cellStart = FrozenArray(cellStart)
        self.cellEntries = FrozenArray(cellEntries)
        self.coords = coords
        self.pieces = FrozenArray(pieces)
    }

    /// The grid cell range (columns, rows) a box touches, padded like `GridRaster.rasterise`.
    @inline(__always)
    func cellRange(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> (Int, Int, Int, Int) {
        let pad = GridRaster.padding
        return (grid.column(minX - pad), grid.row(minY - pad), grid.column(maxX + pad), grid.row(maxY + pad))
    }

    /// A grid with about one piece per cell, coarsened while long pieces would make the entry list explode.
    private static func buildGrid(_ pieces: [LinePiece], box: BoundingBox) -> (GridRaster, [UInt32], [UInt32]) {
        var target = Double(Swift.max(1, pieces.count))
        var grid = GridRaster(box: box, targetCells: target, maxSide: 4096)
        func range(_ p: LinePiece) -> (Int, Int, Int, Int) {
            let pad = GridRaster.padding
            return (
                grid.column(p.minX - pad), grid.row(p.minY - pad), grid.column(p.maxX + pad), grid.row(p.maxY + pad)
            )
        }
        while true {
            var total = 0
            for p in pieces {
                let (c0, r0, c1, r1) = range(p)
                total += (c1 - c0 + 1) * (r1 - r0 + 1)
            }
            if total <= 16 * pieces.count + 1_000_000 || grid.cellCount <= 1 { break }
            target /= 4
            grid = GridRaster(box: box, targetCells: target, maxSide: 4096)
        }
        var counts = [UInt32](repeating: 0, count: grid.cellCount + 1)
        for p in pieces {
            let (c0, r0, c1, r1) = range(p)
            for r in r0...r1 { for c in c0...c1 { counts[r * grid.columns + c + 1] += 1 } }
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts.map { Int($0) }
        var entries = [UInt32](repeating: 0, count: Int(counts[grid.cellCount]))
        for (k, p) in pieces.enumerated() {
            let (c0, r0, c1, r1) = range(p)
            for r in r0...r1 {
                for c in c0...c1 {
                    entries[fill[r * grid.columns + c]] = UInt32(k)
                    fill[r * grid.columns + c] += 1
                }
            }
        }
        return (grid, counts, entries)
    }
}
