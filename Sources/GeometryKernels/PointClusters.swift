import CoverageModel

/// One single-linkage cluster of weighted points.
public struct Cluster: Hashable, Sendable {
    /// Indexes of the member points, ascending.
    public var members: [Int]
    /// The sum of the members' weights.
    public var totalWeight: Int
    /// The weighted mean position (the plain mean when the total weight is 0).
    public var centroid: Coordinate
    /// The bounding box of the members.
    public var boundingBox: BoundingBox
}

/// The smallest and largest latitude of a point set's finite points (the clustering grid's layout).
public struct LatitudeRange: Equatable, Sendable {
    public var min = Double.infinity
    public var max = -Double.infinity

    /// The range of the finite points of `points`.
    public init(_ points: [Coordinate]) {
        for p in points where p.isFinite {
            min = Swift.min(min, p.y)
            max = Swift.max(max, p.y)
        }
    }
}

/// Single-linkage clustering of lon/lat points: two points belong to the same cluster when a chain
/// of points links them with every hop at most `linkMetres` long (ellipsoidal metres, mean-latitude
/// local plane; see `Ellipsoid.distance`).
public enum PointClusters {
    /// Clusters `points`; `weights[i]` is point `i`'s weight (missing weights count as 1).
    ///
    /// Points with non-finite coordinates are left out. Clusters are ordered by descending total
    /// weight, then by their smallest member index. Grid-based: cells are at most link/√2 across, so
    /// points sharing a cell are linked outright and only neighbouring cells need pair tests, which
    /// stop at the first link found between two cells. Cells are runs of the points sorted by cell
    /// (no per-cell arrays or hashing; the national workload's aggregate stage: 0.7–0.9 s → 0.4 s).
    ///
    /// `latitudes`: the latitude range the grid is laid out for (default: the points'); clustering a
    /// subset with the whole set's range lays out the same grid, so the subset's clusters are the
    /// whole set's clusters that lie in it (each point pair linked or not exactly as there).
    public static func cluster(
        _ points: [Coordinate], weights: [Int], linkMetres: Double, latitudes: LatitudeRange? = nil
    ) -> [Cluster] {
        let valid = points.indices.filter { points[$0].isFinite }
        guard !valid.isEmpty else { return [] }
        let link = linkMetres.isFinite ? Swift.max(0, linkMetres) : 0
        let range = latitudes ?? LatitudeRange(points)
        let (minY, maxY) = (range.min, range.max)
        // Cells no wider than link/√2 anywhere: use the largest metres-per-degree in the data.
        let absLo: Double = minY <= 0 && maxY >= 0 ? 0 : Swift.min(abs(minY), abs(maxY))
        let absHi = Swift.min(89.9, Swift.max(abs(minY), abs(maxY)))
        let side = link / 2.0.squareRoot()
        let cw = Swift.max(side / LocalScale(latitude: absLo).metresPerDegreeX, 1e-12)
        let ch = Swift.max(side / LocalScale(latitude: absHi).metresPerDegreeY, 1e-12)
        // Neighbour reach in cells: the link in degrees can span several (narrow) cells.
        let reachX = Int((link / LocalScale(latitude: absHi).metresPerDegreeX / cw).rounded(.up)) + 1
        let reachY = Int((link / LocalScale(latitude: absLo).metresPerDegreeY / ch).rounded(.up)) + 1

        // Points sorted by cell (row, then column): a cell's points are one run, and the cells a
        // cell must be tested against in a later row are one run of `cells` too.
        let sorted = valid.map { i in
            (
                cell: GridCell(
                    row: Int64((points[i].y / ch).rounded(.down)), column: Int64((points[i].x / cw).rounded(.down))),
                point: i
            )
        }.sorted { ($0.cell, $0.point) < ($1.cell, $1.point) }
        var cells: [GridCell] = []
        var runStart: [Int] = []
        for (n, entry) in sorted.enumerated() where n == 0 || entry.cell != sorted[n - 1].cell {
            cells.append(entry.cell)
            runStart.append(n)
        }
        runStart.append(sorted.count)
        let members = sorted.map(\.point)
        var sets = UnionFind(count: points.count)
        for c in cells.indices {
            for m in members[(runStart[c] + 1)..<runStart[c + 1]] { sets.union(members[runStart[c]], m) }
        }
        for (c, cell) in cells.enumerated() {
            let a = members[runStart[c]..<runStart[c + 1]]
            for dy in 0...Int64(reachY) {
                let last = GridCell(row: cell.row + dy, column: cell.column + Int64(reachX))
                var d =
                    dy == 0
                    ? c + 1 : lowerBound(cells, GridCell(row: cell.row + dy, column: cell.column - Int64(reachX)))
                // Computed once for the two rows' latitudes, only when a pair is tested.
                var scales: ScaleBounds?
                while d < cells.count && cells[d] <= last {
                    let b = members[runStart[d]..<runStart[d + 1]]
                    if sets.find(a[a.startIndex]) != sets.find(b[b.startIndex]) {
                        let bounds =
                            scales ?? ScaleBounds(latitudes: Double(cell.row) * ch, Double(cell.row + dy + 1) * ch)
                        scales = bounds
                        if anyLink(a, b, points, link, bounds) { sets.union(a[a.startIndex], b[b.startIndex]) }
                    }
                    d += 1
                }
            }
        }
        // Collect members per root, in ascending index order.
        var byRoot: [Int: Int] = [:]
        var groups: [[Int]] = []
        for i in valid {
            let r = sets.find(i)
            if let g = byRoot[r] {
                groups[g].append(i)
            } else {
                byRoot[r] = groups.count
                groups.append([i])
            }
        }
        var clusters = groups.map { summary(members: $0, points: points, weights: weights) }
        clusters.sort { a, b in
            a.totalWeight != b.totalWeight ? a.totalWeight > b.totalWeight : a.members[0] < b.members[0]
        }
        return clusters
    }

    /// The cluster of `members` (ascending indexes of `points`): total weight, centroid and box.
    public static func summary(members: [Int], points: [Coordinate], weights: [Int]) -> Cluster {
        var total = 0
        var sx = 0.0
        var sy = 0.0
        var mx = 0.0
        var my = 0.0
        var box = BoundingBox(points[members[0]])
        for m in members {
            let w = m < weights.count ? weights[m] : 1
            let p = points[m]
            total += w
            sx += Double(w) * p.x
            sy += Double(w) * p.y
            mx += p.x
            my += p.y
            box.extend(p)
        }
        let centroid =
            total != 0
            ? Coordinate(sx / Double(total), sy / Double(total))
            : Coordinate(mx / Double(members.count), my / Double(members.count))
        return Cluster(members: members, totalWeight: total, centroid: centroid, boundingBox: box)
    }

    /// True when some point of `a` is within `link` metres of some point of `b`
    /// (`Ellipsoid.distance(p, q) <= link`, answered from `scales` where they decide it).
    private static func anyLink(
        _ a: ArraySlice<Int>, _ b: ArraySlice<Int>, _ points: [Coordinate], _ link: Double, _ scales: ScaleBounds
    ) -> Bool {
        for i in a {
            let p = points[i]
            for j in b {
                switch scales.decide(p, points[j], link: link) {
                case .within: return true
                case .beyond: continue
                case .undecided: if Ellipsoid.distance(p, points[j]) <= link { return true }
                }
            }
        }
        return false
    }
}

/// Bounds on `LocalScale`'s metres per degree over a band of latitudes, deciding most
/// `Ellipsoid.distance(p, q) <= link` tests without its sine and cosine per pair.
///
/// `Ellipsoid.distance` takes the scale at the pair's mean latitude; within one hemisphere the
/// metres per degree of longitude fall and those of latitude rise with |latitude|, so for two points
/// in the band its scales lie between the band edges' and the distance between the bounds computed
/// with them. A test is decided only when the bounds clear `link` by a relative 1e-9 (far above the
/// rounding of either computation); otherwise (`undecided`) the caller computes the distance itself,
/// so every answer equals the direct test's.
struct ScaleBounds {
    /// How one test is decided.
    enum Decision { case within, beyond, undecided }

    private let kxLo: Double
    private let kxHi: Double
    private let kyLo: Double
    private let kyHi: Double
    /// False when the band crosses the equator or a pole region (every test is then undecided).
    private let usable: Bool

    /// Bounds over the latitudes between `y0` and `y1` (degrees, either order).
    init(latitudes y0: Double, _ y1: Double) {
        let lo = Swift.min(y0, y1)
        let hi = Swift.max(y0, y1)
        usable = lo.isFinite && hi.isFinite && (lo >= 0 || hi <= 0) && lo >= -89.9 && hi <= 89.9
        guard usable else {
            (kxLo, kxHi, kyLo, kyHi) = (0, 0, 0, 0)
            return
        }
        let near = LocalScale(latitude: abs(lo) < abs(hi) ? lo : hi)
        let far = LocalScale(latitude: abs(lo) < abs(hi) ? hi : lo)
        kxLo = far.metresPerDegreeX
        kxHi = near.metresPerDegreeX
        kyLo = near.metresPerDegreeY
        kyHi = far.metresPerDegreeY
    }

    /// Whether `p` and `q`, both inside the band, are within `link` metres, when the bounds say.
    @inline(__always)
    func decide(_ p: Coordinate, _ q: Coordinate, link: Double) -> Decision {
        guard usable, abs(p.y) <= 89.9, abs(q.y) <= 89.9 else { return .undecided }
        let dx = q.x - p.x
        let dy = q.y - p.y
        let low = (dx * kxLo) * (dx * kxLo) + (dy * kyLo) * (dy * kyLo)
        let high = (dx * kxHi) * (dx * kxHi) + (dy * kyHi) * (dy * kyHi)
        let link2 = link * link
        if low > link2 * (1 + 1e-9) { return .beyond }
        if high < link2 * (1 - 1e-9) { return .within }
        return .undecided
    }
}

/// A grid cell, ordered by row and then column.
private struct GridCell: Comparable {
    var row: Int64
    var column: Int64

    static func < (a: GridCell, b: GridCell) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// The first position in the sorted `cells` whose cell is not before `cell`.
private func lowerBound(_ cells: [GridCell], _ cell: GridCell) -> Int {
    var lo = 0
    var hi = cells.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if cells[mid] < cell { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
