import CoverageModel
import GeometryKernels

/// Groups uncovered locations into clusters for mapping.
enum GapClustering {
    /// Clusters ordered by households (largest first), each with its radius in metres.
    static func clusters(_ gaps: GapPoints, linkMetres: Double, unitCodes: [String]) -> [(GapCluster, Double)] {
        guard !gaps.points.isEmpty else { return [] }
        return PointClusters.cluster(gaps.points, weights: gaps.households, linkMetres: linkMetres).map { c in
            var unitCounts: [Int32: Int] = [:]
            var persons = 0
            var radius = 0.0
            let scale = LocalScale(latitude: c.centroid.y)
            for m in c.members {
                unitCounts[gaps.units[m], default: 0] += gaps.households[m]
                persons += gaps.persons[m]
                radius = max(radius, scale.distance(c.centroid, gaps.points[m]))
            }
            let unit = unitCounts.max { a, b in a.value == b.value ? a.key > b.key : a.value < b.value }?.key ?? -1
            let cluster = GapCluster(
                unitCode: unit >= 0 ? unitCodes[Int(unit)] : nil, locations: c.members.count, households: c.totalWeight,
                persons: persons, lon: c.centroid.x, lat: c.centroid.y, radiusM: radius)
            return (cluster, radius)
        }
    }
}
