import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// A what-if run computes the area shares of a few units only (`only:` their boxes, split among the
/// cores): each unit's shares must be those of computing every unit, bit for bit.
@Suite struct AreaSharesSubsetTests {
    /// A 6 × 5 grid of square communes of 0.02° near 105° E, 21° N.
    static let units: [Geometry] = (0..<30).map { i in
        let x = 105.0 + Double(i % 6) * 0.02
        let y = 21.0 + Double(i / 6) * 0.02
        return .polygon(
            Polygon(closedRings: [
                [.init(x, y), .init(x + 0.02, y), .init(x + 0.02, y + 0.02), .init(x, y + 0.02), .init(x, y)]
            ]))
    }

    /// Twelve-gons of 0.2–2 km radius (as the benchmark's change), 4G and 5G, from a fixed seed, over
    /// the fictional province.
    static func coverage(count: Int, seed: UInt64) -> [Technology: [CoverageArea]] {
        AreaBoxSumsTests.coverage(
            count: count, seed: seed, over: BoundingBox(minX: 104.99, minY: 20.99, maxX: 105.13, maxY: 21.11))
    }

    /// Fibre routes through the two lower rows only: the upper rows' units have no fibre within reach.
    static let routes: [Route] = [
        [Coordinate(104.99, 21.005), Coordinate(105.05, 21.012), Coordinate(105.13, 21.004)],
        [Coordinate(105.03, 20.99), Coordinate(105.031, 21.02), Coordinate(105.07, 21.025)],
    ].enumerated().map { i, line in
        Route(
            id: "r\(i)", operatorName: "any", medium: .fibre, level: .access, status: .active,
            geometry: .lineString(line))
    }

    static func shares(_ coverage: [Technology: [CoverageArea]], units subset: [Int]?) -> [(
        areaM2: Double, shares: [Measure: Double]
    )] {
        let parameters = CoverageParameters()
        let chosen = subset ?? Array(units.indices)
        let geometries = chosen.map { units[$0] }
        let boxes = subset.map { _ in geometries.compactMap(\.boundingBox) }
        let centres = geometries.compactMap(\.boundingBox).map { b in
            Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
        }
        return AreaShares(
            coverage: coverage, fibreRoutes: routes, fibreNodes: [], parameters: parameters, only: boxes
        ).compute(units: geometries, centres: centres, measures: Array(Set(parameters.areaMeasures))).map {
            ($0.areaM2, $0.shares)
        }
    }

    @Test(arguments: [
        [0, 1, 2],  // units with fibre
        [24, 25, 29],  // units without fibre within reach
        [4, 13, 14, 27],  // both, apart
        Array(0..<30).filter { $0 % 2 == 1 },  // half of them: several chunks
    ])
    func aFewUnitsGetTheSharesOfEveryUnit(_ subset: [Int]) {
        for (seed, count) in [(UInt64(1), 40), (2, 120)] {
            let coverage = Self.coverage(count: count, seed: seed)
            let all = Self.shares(coverage, units: nil)
            let some = Self.shares(coverage, units: subset)
            #expect(some.count == subset.count)
            for (u, got) in zip(subset, some) {
                #expect(got.areaM2 == all[u].areaM2, "unit \(u)")
                #expect(got.shares == all[u].shares, "unit \(u)")
            }
            // The fixture exercises fibre reach: some unit has a share within it, some none.
            let fibre = all.map { $0.shares[.fibre] ?? 0 }
            #expect(fibre.contains { $0 > 0 } && fibre.contains { $0 == 0 })
        }
    }
}
