import CoverageModel

/// The commune raster: square-ish cells labelled with a commune index (-1 outside the region).
///
/// Commune boundaries run along cell edges. Each lattice vertex is displaced by a small amount
/// that depends only on its integer position, the seed and the labels of its four cells, so every
/// commune sharing a vertex computes bit-identical coordinates for it.
struct Lattice {
    /// Longitude of vertex (0, 0).
    let x0: Double
    /// Latitude of vertex (0, 0).
    let y0: Double
    /// Cell width in degrees of longitude.
    let dx: Double
    /// Cell height in degrees of latitude.
    let dy: Double
    let width: Int
    let height: Int
    let seed: UInt64
    /// Vertices displaced (generated boundaries) or exactly on the grid (cells inside real boundaries).
    let displaced: Bool
    var labels: [Int32]

    init(box: BoundingBox, cellDegrees: Double, seed: UInt64, margin: Int = 3, displaced: Bool = true) {
        let midLat = (box.minY + box.maxY) / 2
        dx = cellDegrees
        dy = cellDegrees * Metres.perDegreeLon(atLat: midLat) / Metres.perDegreeLat
        x0 = box.minX - Double(margin) * dx
        y0 = box.minY - Double(margin) * dy
        width = Int(((box.maxX - box.minX) / dx).rounded(.up)) + 2 * margin
        height = Int(((box.maxY - box.minY) / dy).rounded(.up)) + 2 * margin
        self.seed = seed
        self.displaced = displaced
        labels = [Int32](repeating: -1, count: width * height)
    }

    @inline(__always)
    func label(_ i: Int, _ j: Int) -> Int32 {
        (i < 0 || j < 0 || i >= width || j >= height) ? -1 : labels[j * width + i]
    }

    /// The cell holding a coordinate (possibly outside the grid).
    @inline(__always)
    func cell(of c: Coordinate) -> (Int, Int) {
        (Int(((c.x - x0) / dx).rounded(.down)), Int(((c.y - y0) / dy).rounded(.down)))
    }

    /// The centre of cell (i, j).
    @inline(__always)
    func centre(_ i: Int, _ j: Int) -> Coordinate {
        Coordinate(x0 + (Double(i) + 0.5) * dx, y0 + (Double(j) + 0.5) * dy)
    }

    /// A point of cell (i, j) at fractional position (u, v) in the cell, each in [0, 1).
    @inline(__always)
    func point(_ i: Int, _ j: Int, _ u: Double, _ v: Double) -> Coordinate {
        Coordinate(x0 + (Double(i) + u) * dx, y0 + (Double(j) + v) * dy)
    }

    /// The displacement of vertex (i, j) in cell units; each component is below 0.25 in magnitude.
    @inline(__always)
    func offset(_ i: Int, _ j: Int) -> (Double, Double) {
        guard displaced else { return (0, 0) }
        let h = SplitMix64.hash(seed, UInt64(bitPattern: Int64(i)), UInt64(bitPattern: Int64(j)))
        var ox = (Double(h & 0xFFFF) / 65535.0 - 0.5) * 0.16
        var oy = (Double((h >> 16) & 0xFFFF) / 65535.0 - 0.5) * 0.16
        let a = label(i - 1, j - 1), b = label(i, j - 1), c = label(i - 1, j), d = label(i, j)
        // Pull a staircase corner toward its odd cell so diagonal boundaries look smoother.
        let pull = 0.15
        if a == b && b == c && d != a {
            ox += pull; oy += pull
        } else if a == b && b == d && c != a {
            ox -= pull; oy += pull
        } else if a == c && c == d && b != a {
            ox += pull; oy -= pull
        } else if b == c && c == d && a != b {
            ox -= pull; oy -= pull
        }
        return (ox, oy)
    }

    /// The displaced position of vertex (i, j).
    @inline(__always)
    func vertex(_ i: Int, _ j: Int) -> Coordinate {
        let (ox, oy) = offset(i, j)
        return Coordinate(x0 + (Double(i) + ox) * dx, y0 + (Double(j) + oy) * dy)
    }

    /// True when `p` lies inside the displaced cell (i, j), at least `inset` cell units from its edges.
    func cellContains(_ p: Coordinate, _ i: Int, _ j: Int, inset: Double = 0.01) -> Bool {
        let u = (p.x - x0) / dx - Double(i), v = (p.y - y0) / dy - Double(j)
        let o00 = offset(i, j), o10 = offset(i + 1, j), o11 = offset(i + 1, j + 1), o01 = offset(i, j + 1)
        let q: [(Double, Double)] = [
            (o00.0, o00.1), (1 + o10.0, o10.1), (1 + o11.0, 1 + o11.1), (o01.0, 1 + o01.1),
        ]
        for k in 0..<4 {
            let a = q[k], b = q[(k + 1) & 3]
            let ex = b.0 - a.0, ey = b.1 - a.1
            let cross = ex * (v - a.1) - ey * (u - a.0)
            if cross <= inset * (ex * ex + ey * ey).squareRoot() { return false }
        }
        return true
    }

    /// The commune whose displaced cell strictly contains `p`, or nil (outside or too near an edge).
    func commune(at p: Coordinate) -> Int32? {
        let (i, j) = cell(of: p)
        let l = label(i, j)
        guard l >= 0, cellContains(p, i, j) else { return nil }
        return l
    }

    /// True when any cell in the (2r+1)² block around the cell of `p` has a label in `set`.
    func touches(_ p: Coordinate, labelsIn set: [Bool], radius r: Int = 1) -> Bool {
        let (ci, cj) = cell(of: p)
        for j in (cj - r)...(cj + r) {
            for i in (ci - r)...(ci + r) {
                let l = label(i, j)
                if l >= 0, Int(l) < set.count, set[Int(l)] { return true }
            }
        }
        return false
    }
}
