import CoverageModel
import GeometryKernels

/// Groups uncovered locations into clusters for mapping.
enum GapClustering {
    /// Clusters ordered by households (largest first), each with its radius in metres.
    static func clusters(_ gaps: GapPoints, linkMetres: Double, unitCodes: [String]) -> [(GapCluster, Double)] {
        guard !gaps.points.isEmpty else { return [] }
        return PointClusters.cluster(gaps.points, weights: gaps.households, linkMetres: linkMetres).map {
            describe($0, gaps, unitCodes: unitCodes)
        }
    }

    /// The clusters and, per gap point, its cluster's label (`GapClusterUpdate`): computed again only
    /// near the points that changed since `stored` when its labels allow, else all of them.
    static func clustersAndLabels(
        _ gaps: GapPoints, linkMetres: Double, unitCodes: [String], stored: (gaps: GapPoints, labels: [Int64])?
    ) -> (clusters: [(GapCluster, Double)], labels: [Int64]) {
        let clusters =
            stored.flatMap {
                GapClusterUpdate.clusters(gaps, stored: $0.gaps, labels: $0.labels, linkMetres: linkMetres)
            } ?? PointClusters.cluster(gaps.points, weights: gaps.households, linkMetres: linkMetres)
        return (
            clusters.map { describe($0, gaps, unitCodes: unitCodes) },
            GapClusterUpdate.labels(clusters, rowIDs: gaps.rowIDs)
        )
    }

    /// A cluster's figures: its members' main unit (most households; ties to the lowest unit
    /// number), counts, centroid and radius.
    private static func describe(_ c: Cluster, _ gaps: GapPoints, unitCodes: [String]) -> (GapCluster, Double) {
        // Few units a cluster: a list, not a dictionary (one per cluster, 30 000 at national scale).
        var unitCounts: [(unit: Int32, households: Int)] = []
        var persons = 0
        var radius = 0.0
        let scale = LocalScale(latitude: c.centroid.y)
        for m in c.members {
            let unit = gaps.units[m]
            if let k = unitCounts.firstIndex(where: { $0.unit == unit }) {
                unitCounts[k].households += gaps.households[m]
            } else {
                unitCounts.append((unit, gaps.households[m]))
            }
            persons += gaps.persons[m]
            radius = max(radius, scale.distance(c.centroid, gaps.points[m]))
        }
        let unit =
            unitCounts.max { a, b in a.households == b.households ? a.unit > b.unit : a.households < b.households }?
            .unit ?? -1
        let cluster = GapCluster(
            unitCode: unit >= 0 ? unitCodes[Int(unit)] : nil, locations: c.members.count, households: c.totalWeight,
            persons: persons, lon: c.centroid.x, lat: c.centroid.y, radiusM: radius)
        return (cluster, radius)
    }
}
