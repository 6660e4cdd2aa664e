import CoverageModel
import Foundation
import GeometryKernels
import Testing

@testable import CoverageAnalysis

/// The area shares spread leaf by leaf over the cores (`AreaShares.Schedule.byLeaf`, a what-if
/// run's schedule) are those of computing each unit whole (`byUnit`) bit for bit: units of very
/// uneven cost, with and without stored node sums.
@Suite struct AreaSharesScheduleTests {
    /// The fixture's 30 square communes; every third one with a corner cut off (so it does not fill
    /// its box) and 200 vertices an edge (deep trees, many leaves), the others plain squares (their
    /// trees split only where coverage edges crowd).
    static let units: [Geometry] = AreaSharesSubsetTests.units.enumerated().map { i, unit in
        guard i % 3 == 0, let b = unit.boundingBox else { return unit }
        let w = b.maxX - b.minX
        let ring = [
            Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
            Coordinate(b.minX + 0.1 * w, b.maxY), Coordinate(b.minX, b.maxY - 0.1 * w), Coordinate(b.minX, b.minY),
        ]
        return AreaBoxSumsTests.densified(.polygon(Polygon(closedRings: [ring])), perEdge: 200)
    }

    /// Twelve-gons over the province plus a dense "town" of small ones over units 7 and 8.
    static func coverage(seed: UInt64) -> [Technology: [CoverageArea]] {
        var out = AreaSharesSubsetTests.coverage(count: 60, seed: seed)
        let town = AreaBoxSumsTests.coverage(
            count: 120, seed: seed + 1, over: BoundingBox(minX: 105.02, minY: 21.02, maxX: 105.06, maxY: 21.04))
        for (tech, areas) in town { out[tech, default: []] += areas }
        return out
    }

    /// Where the what-if case's new area lies, or nil for a full computation.
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case full
        case change
        var testDescription: String { rawValue }
    }

    @Test(arguments: Case.allCases)
    func leafByLeafGivesUnitByUnitBits(_ kind: Case) throws {
        let parameters = CoverageParameters()
        let units = Self.units
        let centres = AreaBoxSumsTests.centres(units)
        let measures = Array(Set(parameters.areaMeasures))
        let routes = AreaSharesSubsetTests.routes
        let before = Self.coverage(seed: 11)
        var after = before
        let area = AreaBoxSumsTests.square(105.05, 21.03, half: 0.012)
        after[.g3, default: []].append(area)
        let changeBox = try #require(area.geometry.boundingBox)
        let shares = AreaShares(coverage: after, fibreRoutes: routes, fibreNodes: [], parameters: parameters)
        let wanted = shares.compute(units: units, centres: centres, measures: measures, schedule: .byUnit)
        let subset: [Int]
        let stored: [UnitBoxSums?]?
        switch kind {
        case .full:
            subset = Array(units.indices)
            stored = nil
        case .change:
            subset = units.indices.filter { units[$0].boundingBox!.meets(changeBox) }
            let old = AreaShares(coverage: before, fibreRoutes: routes, fibreNodes: [], parameters: parameters)
                .compute(units: units, centres: centres, measures: measures)
            stored = subset.map { old[$0].boxes }
            // The change moves the touched units' sums, and leaves some of their nodes as stored.
            #expect(subset.count >= 4)
            #expect(subset.contains { old[$0].boxes != wanted[$0].boxes })
        }
        for schedule in [AreaShares.Schedule.byUnit, .byLeaf] {
            let got = shares.compute(
                units: subset.map { units[$0] }, centres: subset.map { centres[$0] }, measures: measures,
                stored: stored, change: stored == nil ? nil : BoxSet([changeBox]), schedule: schedule)
            #expect(got.count == subset.count)
            for (u, unit) in zip(subset, got) {
                #expect(unit.boxes == wanted[u].boxes, "unit \(u), \(schedule)")
                #expect(unit.areaM2.bitPattern == wanted[u].areaM2.bitPattern, "unit \(u), \(schedule)")
                #expect(unit.shares == wanted[u].shares, "unit \(u), \(schedule)")
            }
        }
        // The units are of uneven cost: the densified ones have several top nodes, others fewer.
        let nodes = subset.map { wanted[$0].boxes.nodes.count }
        #expect(Set(nodes).count > 1 && nodes.contains { $0 >= 4 })
        #expect(wanted.contains { ($0.shares[.fibre] ?? 0) > 0 })
    }

    /// A unit's plan, its sweeps run in reverse and added back in the walk's order, gives the top
    /// nodes of integrating it in one walk, bit for bit.
    @Test func aPlanGivesTheWalksTopNodes() throws {
        let unit = Self.units[6]
        let box = try #require(unit.boundingBox)
        let frame = LocalFrame(origin: AreaBoxSumsTests.centres([unit])[0])
        var pieces = unit.polygons.map { LayerPiece(layer: -1, rings: SignedRing.rings(of: $0)) }
        for (bit, tech) in Technology.allCases.enumerated() {
            for area in Self.coverage(seed: 5)[tech] ?? [] {
                for p in area.geometry.polygons {
                    pieces.append(LayerPiece(layer: Int8(bit), rings: SignedRing.rings(of: p)))
                }
            }
        }
        let capsules = AreaSharesSubsetTests.routes.flatMap(\.geometry.lines).flatMap {
            zip($0, $0.dropFirst()).map { a, b in
                Capsule(
                    x0: frame.localX(a.x), y0: frame.localY(a.y), x1: frame.localX(b.x), y1: frame.localY(b.y),
                    radius: CoverageParameters().fibreDistanceMetres)
            }
        }
        var integrator = QuadAreaIntegrator(layers: 5, capsuleLayer: AreaShares.fibreBit)
        integrator.integrate(
            pieces: pieces, capsules: capsules, frame: frame, box: box, capsuleStep: AreaShares.fibreStepMetres,
            topDepth: AreaShares.topDepth, skip: [])
        try #require(integrator.topNodes.count >= 4)
        // The second top node skipped (as a stored node the change does not meet).
        let skip: Set<UInt32> = [integrator.topNodes[1].key]
        integrator.integrate(
            pieces: pieces, capsules: capsules, frame: frame, box: box, capsuleStep: AreaShares.fibreStepMetres,
            topDepth: AreaShares.topDepth, skip: skip)
        let walked = integrator.topNodes
        let plan = integrator.plan(
            pieces: pieces, capsules: capsules, frame: frame, box: box, capsuleStep: AreaShares.fibreStepMetres,
            topDepth: AreaShares.topDepth, skip: skip)
        var sweeper = LeafSweeper(layers: 5, capsuleLayer: AreaShares.fibreBit)
        var areas: [Int: [Double]] = [:]
        for i in plan.sweeps.indices.reversed() { areas[i] = plan.sweeps[i].areas(with: &sweeper) }
        let planned = plan.topNodeAreas(masks: 32) { areas[$0]! }
        #expect(plan.sweeps.count > 1)
        #expect(walked.contains { $0.areaByMask == nil })
        #expect(planned.map(\.key) == walked.map(\.key))
        for (p, w) in zip(planned, walked) {
            #expect(p.areaByMask?.map(\.bitPattern) == w.areaByMask?.map(\.bitPattern), "node \(w.key)")
        }
    }
}
