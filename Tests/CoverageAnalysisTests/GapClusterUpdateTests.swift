import CoverageModel
import GeometryKernels
import Testing

@testable import CoverageAnalysis

/// Gap clusters computed again only near a change (`GapClusterUpdate`) are those of clustering
/// every point (`PointClusters.cluster`), bit for bit and in the same order, for changes near and
/// far from other clusters; labels that do not fit give nil (every cluster is computed again).
@Suite struct GapClusterUpdateTests {
    static let link = 300.0

    /// Points in small groups and chains around a province (ids every 3rd: room for new ones).
    static func sample(seed: UInt64) -> GapPoints {
        var random = SplitMix64(seed: seed)
        var g = GapPoints()
        var id: Int64 = 0
        for _ in 0..<400 {
            let centre = Coordinate(
                105 + Double(random.next() % 10_000) / 10_000, 21 + Double(random.next() % 10_000) / 10_000)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                id += 3
                g.rowIDs.append(id)
                g.points.append(
                    Coordinate(
                        centre.x + Double(random.next() % 60) / 10_000, centre.y + Double(random.next() % 60) / 10_000))
                g.households.append(1 + Int(random.next() % 3))
                g.persons.append(Int(random.next() % 9))
                g.units.append(Int32(random.next() % 5))
            }
        }
        return g
    }

    /// `g` with entry `k` removed.
    static func removing(_ g: GapPoints, _ k: Int) -> GapPoints {
        var g = g
        g.rowIDs.remove(at: k)
        g.points.remove(at: k)
        g.households.remove(at: k)
        g.persons.remove(at: k)
        g.units.remove(at: k)
        return g
    }

    /// `g` with a point of id `id` at `p` (ids stay ascending).
    static func adding(_ g: GapPoints, id: Int64, at p: Coordinate, households: Int) -> GapPoints {
        var g = g
        let k = g.rowIDs.firstIndex { $0 > id } ?? g.rowIDs.count
        g.rowIDs.insert(id, at: k)
        g.points.insert(p, at: k)
        g.households.insert(households, at: k)
        g.persons.insert(2, at: k)
        g.units.insert(1, at: k)
        return g
    }

    /// A change to the sample.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case nothing, removedMany, addedBridging, addedFar, householdsChanged, movedPoint, unitChanged, mixed
        var testDescription: String { rawValue }
    }

    /// The sample `g` after `change`.
    static func changed(_ g: GapPoints, _ change: Change) -> GapPoints {
        switch change {
        case .nothing: return g
        case .removedMany:
            var out = g
            for k in stride(from: g.rowIDs.count - 1, through: 0, by: -37) { out = removing(out, k) }
            return out
        case .addedBridging:
            // Midpoints between neighbouring points of different groups: chains may merge clusters.
            var out = g
            for k in stride(from: 5, to: g.rowIDs.count - 1, by: 41) {
                let (a, b) = (g.points[k], g.points[k + 1])
                out = adding(
                    out, id: g.rowIDs[k] + 1, at: Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2), households: 2)
            }
            return out
        case .addedFar:
            return adding(g, id: 1, at: Coordinate(105.5, 21.5), households: 7)
        case .householdsChanged:
            var out = g
            for k in stride(from: 3, to: g.rowIDs.count, by: 50) { out.households[k] += 5 }
            return out
        case .movedPoint:
            var out = g
            out.points[10] = Coordinate(out.points[10].x + 0.003, out.points[10].y)
            return out
        case .unitChanged:
            var out = g
            out.units[20] = 4 - out.units[20]
            return out
        case .mixed:
            var out = changed(changed(g, .removedMany), .addedBridging)
            out.households[0] += 1
            return out
        }
    }

    /// Each change on three layouts: the update's clusters, figures and labels are the full clustering's.
    @Test(arguments: Change.allCases, [1, 2, 3] as [UInt64])
    func aChangeGivesTheClustersOfEveryPoint(_ change: Change, seed: UInt64) throws {
        let before = Self.sample(seed: seed)
        let stored = PointClusters.cluster(before.points, weights: before.households, linkMetres: Self.link)
        let labels = GapClusterUpdate.labels(stored, rowIDs: before.rowIDs)
        let after = Self.changed(before, change)
        let expected = PointClusters.cluster(after.points, weights: after.households, linkMetres: Self.link)
        let updated = GapClusterUpdate.clusters(after, stored: before, labels: labels, linkMetres: Self.link)
        // The latitude range may change with a removed point: then nothing is reused (nil).
        if LatitudeRange(after.points) == LatitudeRange(before.points) {
            let got = try #require(updated)
            #expect(got == expected)
            #expect(got.count > 100)
        } else {
            #expect(updated == nil)
        }
        // The figures and labels the run keeps, through either path, are the full clustering's.
        let unitCodes = (0..<5).map { "U\($0)" }
        let full = GapClustering.clustersAndLabels(after, linkMetres: Self.link, unitCodes: unitCodes, stored: nil)
        let reused = GapClustering.clustersAndLabels(
            after, linkMetres: Self.link, unitCodes: unitCodes, stored: (before, labels))
        #expect(reused.labels == full.labels)
        #expect(reused.clusters.map(\.0) == full.clusters.map(\.0))
        #expect(
            full.clusters.map(\.0)
                == GapClustering.clusters(after, linkMetres: Self.link, unitCodes: unitCodes).map(\.0))
    }

    /// Labels of another point list, or none, are not used.
    @Test func labelsThatDoNotFitAreNotUsed() {
        let g = Self.sample(seed: 4)
        let labels = GapClusterUpdate.labels(
            PointClusters.cluster(g.points, weights: g.households, linkMetres: Self.link), rowIDs: g.rowIDs)
        #expect(GapClusterUpdate.clusters(g, stored: g, labels: [], linkMetres: Self.link) == nil)
        #expect(GapClusterUpdate.clusters(g, stored: g, labels: Array(labels.dropLast()), linkMetres: Self.link) == nil)
        var wrong = labels
        wrong[0] = g.rowIDs[0] + 1  // a label above its point's id
        #expect(GapClusterUpdate.clusters(g, stored: g, labels: wrong, linkMetres: Self.link) == nil)
    }
}
