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

/// Single-linkage clustering of lon/lat points: two points belong to the same cluster when a chain
/// of points links them with every hop at most `linkMetres` long (ellipsoidal metres, mean-latitude
/// local plane; see `Ellipsoid.distance`).
public enum PointClusters {
    /// Clusters `points`; `weights[i]` is point `i`'s weight (missing weights count as 1).
    ///
    /// Points with non-finite coordinates are left out. Clusters are ordered by descending total
    /// weight, then by their smallest member index. Grid-based: cells are at most link/√2 across, so
    /// points sharing a cell are linked outright and only neighbouring cells need pair tests, which
    /// stop at the first link found between two cells.
    public static func cluster(_ points: [Coordinate], weights: [Int], linkMetres: Double) -> [Cluster] {
        let valid = points.indices.filter { points[$0].isFinite }
        guard !valid.isEmpty else { return [] }
        let link = linkMetres.isFinite ? Swift.max(0, linkMetres) : 0
        var minY = Double.infinity
        var maxY = -Double.infinity
        for i in valid {
            minY = Swift.min(minY, points[i].y)
            maxY = Swift.max(maxY, points[i].y)
        }
        // Cells no wider than link/√2 anywhere: use the largest metres-per-degree in the data.
        let absLo: Double = minY <= 0 && maxY >= 0 ? 0 : Swift.min(abs(minY), abs(maxY))
        let absHi = Swift.min(89.9, Swift.max(abs(minY), abs(maxY)))
        let side = link / 2.0.squareRoot()
        let cw = Swift.max(side / LocalScale(latitude: absLo).metresPerDegreeX, 1e-12)
        let ch = Swift.max(side / LocalScale(latitude: absHi).metresPerDegreeY, 1e-12)
        // Neighbour reach in cells: the link in degrees can span several (narrow) cells.
        let reachX = Int((link / LocalScale(latitude: absHi).metresPerDegreeX / cw).rounded(.up)) + 1
        let reachY = Int((link / LocalScale(latitude: absLo).metresPerDegreeY / ch).rounded(.up)) + 1

        struct Key: Hashable { var cx: Int64; var cy: Int64 }
        var cells: [Key: [Int]] = [:]
        for i in valid {
            let k = Key(cx: Int64((points[i].x / cw).rounded(.down)), cy: Int64((points[i].y / ch).rounded(.down)))
            cells[k, default: []].append(i)
        }
        var sets = UnionFind(count: points.count)
        for (_, members) in cells {
            for m in members.dropFirst() { sets.union(members[0], m) }
        }
        let keys = cells.keys.sorted { ($0.cy, $0.cx) < ($1.cy, $1.cx) }
        for key in keys {
            guard let a = cells[key] else { continue }
            for dy in 0...reachY {
                for dx in -reachX...reachX where dy > 0 || dx > 0 {
                    let other = Key(cx: key.cx + Int64(dx), cy: key.cy + Int64(dy))
                    guard let b = cells[other], sets.find(a[0]) != sets.find(b[0]) else { continue }
                    if anyLink(a, b, points, link) { sets.union(a[0], b[0]) }
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
        var clusters = groups.map { members -> Cluster in
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
        clusters.sort { a, b in
            a.totalWeight != b.totalWeight ? a.totalWeight > b.totalWeight : a.members[0] < b.members[0]
        }
        return clusters
    }

    /// True when some point of `a` is within `link` metres of some point of `b`.
    private static func anyLink(_ a: [Int], _ b: [Int], _ points: [Coordinate], _ link: Double) -> Bool {
        for i in a {
            let p = points[i]
            for j in b where Ellipsoid.distance(p, points[j]) <= link { return true }
        }
        return false
    }
}
