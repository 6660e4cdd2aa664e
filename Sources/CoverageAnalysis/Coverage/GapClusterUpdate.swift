import CoverageModel
import GeometryKernels

/// Gap clusters of a what-if run computed again only near the gap points that changed: a stored
/// run keeps each gap point's cluster label (its cluster's smallest household id); a cluster with no
/// point changed or removed and no changed point within the link distance is the same cluster now.
///
/// Single linkage is local: two unchanged points are linked now exactly when they were (same
/// positions, same grid: the points' latitude range is required unchanged), so a cluster is kept
/// unless one of its points changed, went, or lies near a point that is new or changed. The points
/// of the other clusters and the new or changed points are clustered again with the same grid;
/// every cluster is then summed (`PointClusters.summary`) and ordered as `PointClusters.cluster`
/// orders them: the full run's clusters, bit for bit.
enum GapClusterUpdate {
    /// The label of a point in no cluster (non-finite position).
    static let unclustered = Int64.min

    /// Per gap point (ids `rowIDs`), the label of its cluster among `clusters`: the smallest id of
    /// the cluster (`unclustered` for a point in none).
    static func labels(_ clusters: [Cluster], rowIDs: [Int64]) -> [Int64] {
        var out = [Int64](repeating: unclustered, count: rowIDs.count)
        for c in clusters {
            let label = rowIDs[c.members[0]]
            for m in c.members { out[m] = label }
        }
        return out
    }

    /// The clusters of `gaps` (what `PointClusters.cluster` gives), from the `stored` points and
    /// their `labels`; nil when the labels do not fit the stored points or the latitude range changed.
    static func clusters(_ gaps: GapPoints, stored: GapPoints, labels: [Int64], linkMetres: Double) -> [Cluster]? {
        guard labels.count == stored.rowIDs.count, consistent(labels, rowIDs: stored.rowIDs) else { return nil }
        let range = LatitudeRange(gaps.points)
        guard range == LatitudeRange(stored.points) else { return nil }
        let n = gaps.rowIDs.count
        // Each point's stored label when it is unchanged; the labels of clusters to compute again.
        var kept = [Int64](repeating: unclustered, count: n)
        var fresh = [Bool](repeating: false, count: n)
        var freshPoints: [Coordinate] = []
        var dirty = Set<Int64>()
        var j = 0
        for i in 0..<n {
            while j < stored.rowIDs.count, stored.rowIDs[j] < gaps.rowIDs[i] {
                dirty.insert(labels[j])
                j += 1
            }
            if j < stored.rowIDs.count, stored.rowIDs[j] == gaps.rowIDs[i] {
                if same(gaps, i, stored, j) {
                    kept[i] = labels[j]
                } else {
                    dirty.insert(labels[j])
                    fresh[i] = true
                }
                j += 1
            } else {
                fresh[i] = true
            }
            if fresh[i], gaps.points[i].isFinite { freshPoints.append(gaps.points[i]) }
        }
        for k in j..<stored.rowIDs.count { dirty.insert(labels[k]) }
        if !freshPoints.isEmpty {
            // Conservative: every point a new or changed one can link to lies in its grown box.
            let link = linkMetres.isFinite ? Swift.max(0, linkMetres) : 0
            let near = BoxSet(freshPoints.map { BoundingBox($0).grown(byMetres: link) })
            for i in 0..<n where kept[i] != unclustered && near.meetsAny(BoundingBox(gaps.points[i])) {
                dirty.insert(kept[i])
            }
        }
        // Clustered again: the new or changed points and the points of the clusters they may change;
        // the other clusters are kept, their members in ascending order. A label's fate (computed
        // again, or its group) is decided at its first point: `dirty` is asked once a label.
        var again: [Int] = []
        var groups: [[Int]] = []
        var slot: [Int64: Int] = [:]  // label → its group, or -1 when its cluster is computed again
        for i in 0..<n where fresh[i] || kept[i] != unclustered {
            if fresh[i] {
                again.append(i)
            } else if let s = slot[kept[i]] {
                if s < 0 { again.append(i) } else { groups[s].append(i) }
            } else if dirty.contains(kept[i]) {
                slot[kept[i]] = -1
                again.append(i)
            } else {
                slot[kept[i]] = groups.count
                groups.append([i])
            }
        }
        var out = PointClusters.cluster(
            again.map { gaps.points[$0] }, weights: again.map { gaps.households[$0] }, linkMetres: linkMetres,
            latitudes: range
        ).map { c in
            var c = c
            c.members = c.members.map { again[$0] }
            return c
        }
        out += groups.map { PointClusters.summary(members: $0, points: gaps.points, weights: gaps.households) }
        // Households descending, then first member: a total order (no two clusters share a member),
        // so sorting the keys and gathering gives the order sorting the clusters gives.
        let keys = out.map { (weight: $0.totalWeight, first: $0.members[0]) }
        let order = keys.indices.sorted { a, b in
            keys[a].weight != keys[b].weight ? keys[a].weight > keys[b].weight : keys[a].first < keys[b].first
        }
        return order.map { out[$0] }
    }

    /// Whether the labels can be those `labels(_:rowIDs:)` wrote: each `unclustered` or an id no
    /// larger than its point's.
    private static func consistent(_ labels: [Int64], rowIDs: [Int64]) -> Bool {
        zip(labels, rowIDs).allSatisfy { label, id in label == unclustered || label <= id }
    }

    /// Whether gap point `i` of `a` is gap point `j` of `b` in every column.
    private static func same(_ a: GapPoints, _ i: Int, _ b: GapPoints, _ j: Int) -> Bool {
        a.points[i].x.bitPattern == b.points[j].x.bitPattern && a.points[i].y.bitPattern == b.points[j].y.bitPattern
            && a.households[i] == b.households[j] && a.persons[i] == b.persons[j] && a.units[i] == b.units[j]
    }
}
