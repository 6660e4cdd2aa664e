import CoverageModel
import Foundation
import Testing

@testable import GeometryKernels

@Suite struct PointClustersTests {
    @Test func twoGroupsTwoKilometresApart() {
        // Group A around 105.80 E; group B 0.02° (≈2.07 km at 21.6°N) east. Within a group, hops ≤ ~210 m.
        let a = [
            Coordinate(105.800, 21.600), Coordinate(105.801, 21.600), Coordinate(105.802, 21.601),
            Coordinate(105.800, 21.602),
        ]
        let b = [Coordinate(105.820, 21.600), Coordinate(105.821, 21.600), Coordinate(105.8225, 21.6)]
        let points = [a[0], b[0], a[1], b[1], a[2], b[2], a[3]]
        let weights = [3, 10, 4, 20, 5, 1, 6]
        let clusters = PointClusters.cluster(points, weights: weights, linkMetres: 500)
        #expect(clusters.count == 2)
        #expect(clusters[0].members == [1, 3, 5])  // heavier (31) first
        #expect(clusters[0].totalWeight == 31)
        #expect(clusters[1].members == [0, 2, 4, 6])
        #expect(clusters[1].totalWeight == 18)
        let cx = (3 * 105.800 + 4 * 105.801 + 5 * 105.802 + 6 * 105.800) / 18
        #expect(abs(clusters[1].centroid.x - cx) < 1e-12)
        #expect(clusters[1].boundingBox == BoundingBox(minX: 105.8, minY: 21.6, maxX: 105.802, maxY: 21.602))
        // With a 3 km link everything joins; with 50 m nothing does.
        #expect(PointClusters.cluster(points, weights: weights, linkMetres: 3_000).count == 1)
        #expect(PointClusters.cluster(points, weights: weights, linkMetres: 50).count == 7)
    }

    @Test func chainsLinkAndOrderIsDeterministic() {
        // A chain of points 400 m apart (0.0036° of latitude ≈ 398.6 m) links into one cluster at 400 m.
        let chain = (0..<30).map { Coordinate(105.9, 21.5 + 0.0036 * Double($0)) }
        #expect(PointClusters.cluster(chain, weights: [], linkMetres: 400).count == 1)
        #expect(PointClusters.cluster(chain, weights: [], linkMetres: 390).count == 30)
        // Equal weights: ordered by smallest member index.
        let pts = [Coordinate(0, 0), Coordinate(1, 1), Coordinate(0.5, 0.5), Coordinate(.nan, 0)]
        let c = PointClusters.cluster(pts, weights: [1, 1, 1, 1], linkMetres: 10)
        #expect(c.map(\.members) == [[0], [1], [2]])
    }

    @Test func matchesEveryPairTestedDirectly() {
        // Settlement-like scatter (tight groups, loose strays) at three link distances, against an
        // O(n²) single linkage over `Ellipsoid.distance`.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var points: [Coordinate] = []
        for _ in 0..<60 {
            let centre = Coordinate(105.5 + next() * 0.6, 21.3 + next() * 0.6)
            for _ in 0..<Int(next() * 20) {
                points.append(Coordinate(centre.x + (next() - 0.5) * 0.02, centre.y + (next() - 0.5) * 0.02))
            }
        }
        for link in [150.0, 500, 1_200] {
            let clusters = PointClusters.cluster(points, weights: [], linkMetres: link)
            #expect(Set(clusters.map(\.members)) == everyPairClusters(points, linkMetres: link), "link \(link) m")
            #expect(clusters.count > 5 && clusters.count < points.count)
        }
    }
}

@Suite struct PointClustersScaleBoundsTests {
    /// A deterministic stream of numbers in [0, 1).
    struct Stream {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test(arguments: [21.3, -33.9, -0.004, 64.0, 89.85])
    func clustersMatchEveryPairTestedDirectly(latitude: Double) {
        // Groups around `latitude` (one straddles the equator, one nears the pole cut-off at 89.9°).
        var random = Stream(state: 0x2545_F491_4F6C_DD1D)
        var points: [Coordinate] = []
        for _ in 0..<40 {
            let centre = Coordinate(30 + random.next() * 0.2, latitude + (random.next() - 0.5) * 0.02)
            for _ in 0..<Int(random.next() * 15) {
                points.append(
                    Coordinate(centre.x + (random.next() - 0.5) * 0.01, centre.y + (random.next() - 0.5) * 0.01))
            }
        }
        for link in [120.0, 400] {
            let clusters = PointClusters.cluster(points, weights: [], linkMetres: link)
            #expect(
                Set(clusters.map(\.members)) == everyPairClusters(points, linkMetres: link),
                "latitude \(latitude), link \(link) m")
        }
    }

    @Test(arguments: [(10.0, 10.02), (-10.02, -10.0), (-0.01, 0.01), (89.5, 89.95)])
    func decisionsNeverContradictTheDistance(band: (Double, Double)) {
        let bounds = ScaleBounds(latitudes: band.0, band.1)
        var random = Stream(state: 0x9E37_79B9_7F4A_7C15)
        var decided = 0
        for _ in 0..<20_000 {
            let p = Coordinate(random.next() * 0.02, band.0 + random.next() * (band.1 - band.0))
            let q = Coordinate(random.next() * 0.02, band.0 + random.next() * (band.1 - band.0))
            let d = Ellipsoid.distance(p, q)
            // Links around the true distance, including exactly it and one ulp either side.
            for link in [d, d.nextUp, d.nextDown, d * 1.01, d * 0.99, 1_000] {
                switch bounds.decide(p, q, link: link) {
                case .within:
                    decided += 1
                    #expect(d <= link)
                case .beyond:
                    decided += 1
                    #expect(d > link)
                case .undecided: break
                }
            }
        }
        // Only within one hemisphere below 89.9° do the bounds decide anything.
        #expect((decided > 0) == ((band.0 >= 0 || band.1 <= 0) && band.1 <= 89.9))
    }
}

@Suite struct ParallelChunksTests {
    @Test func resultsAreInOrderAndComplete() {
        let ranges = ParallelChunks.map(0..<10_007, chunkCount: 13) { _, r in r }
        #expect(ranges.count == 13)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 10_007)
        for k in 1..<ranges.count { #expect(ranges[k].lowerBound == ranges[k - 1].upperBound) }
        let sums = ParallelChunks.map(0..<100_000) { chunk, r in (chunk, r.reduce(0, +)) }
        #expect(sums.enumerated().allSatisfy { $0.offset == $0.element.0 })
        #expect(sums.reduce(0) { $0 + $1.1 } == 100_000 * 99_999 / 2)
        #expect(ParallelChunks.map(0..<0) { _, r in r.count }.isEmpty)
        #expect(ParallelChunks.map(5..<8, chunkCount: 100) { _, r in r.count } == [1, 1, 1])
    }

    @Test func parallelPolygonQueriesMatchSerial() {
        let square = Geometry.polygon(
            Polygon(closedRings: [
                [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1), Coordinate(0, 0)]
            ])
        )
        let index = PolygonIndex([square])
        let counts = ParallelChunks.map(0..<40_000, chunkCount: 8) { _, r in
            r.reduce(0) { acc, i in acc + (index.contains(Coordinate(Double(i % 200) / 100 - 0.5, 0.5)) ? 1 : 0) }
        }
        #expect(counts.reduce(0, +) == 40_000 / 200 * 101)
    }

    /// `pull` gives result `i` for index `i` whatever the order the indices are started in, runs
    /// each index once, and each worker makes its scratch once.
    @Test(arguments: [0, 1, 2, 7, 1_000])
    func pulledResultsAreByIndex(_ count: Int) {
        let reversed = Array((0..<count).reversed())
        let made = Counter()
        let results = ParallelChunks.pull(
            count, order: reversed,
            state: { () -> [Int] in
                made.add(); return []
            }
        ) {
            seen, i in
            seen.append(i)
            return (i * i, seen.count)
        }
        #expect(results.map(\.0) == (0..<count).map { $0 * $0 })
        // Each worker's calls are counted in its own scratch: a first call per worker that took any.
        let firstCalls = results.map(\.1).filter { $0 == 1 }.count
        #expect(firstCalls >= (count > 0 ? 1 : 0) && firstCalls <= made.value)
        #expect(made.value <= min(count, ParallelChunks.defaultWorkers))
    }
}

/// A count shared by threads.
///
/// `@unchecked Sendable`: `count` is only touched while holding `lock`.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// The count so far.
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
    /// Adds one.
    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}

/// The clusters found by testing every pair of points with `Ellipsoid.distance` (the oracle: members in
/// ascending order, as `PointClusters` lists them).
private func everyPairClusters(_ points: [Coordinate], linkMetres link: Double) -> Set<[Int]> {
    var direct = Array(points.indices)
    func root(_ i: Int) -> Int { direct[i] == i ? i : root(direct[i]) }
    for i in points.indices {
        for j in points.indices where j > i && Ellipsoid.distance(points[i], points[j]) <= link {
            let (a, b) = (root(i), root(j))
            if a != b { direct[max(a, b)] = min(a, b) }
        }
    }
    var expected: [Int: [Int]] = [:]
    for i in points.indices { expected[root(i), default: []].append(i) }
    return Set(expected.values)
}
