import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// The evidence statistics against hand-computed values and closed forms.
@Suite struct EvidenceStatisticsTests {
    /// Φ⁻¹ at a few points, against tabulated values (17 significant digits).
    @Test func normalQuantileMatchesTables() {
        #expect(abs(EvidenceStatistics.z(confidence: 0.95) - 1.959963984540054) < 1e-12)
        #expect(abs(EvidenceStatistics.normalQuantile(0.9) - 1.2815515655446004) < 1e-12)
        #expect(abs(EvidenceStatistics.normalQuantile(0.01) + 2.3263478740408408) < 1e-12)
        #expect(abs(EvidenceStatistics.normalQuantile(0.5)) < 1e-15)
        #expect(abs(EvidenceStatistics.z(confidence: 0.99) - 2.5758293035489004) < 1e-12)
    }

    /// 8 of 10 at 95%: [0.490, 0.943] (worked by hand: centre 0.71674, half-width 0.22658).
    @Test func wilsonEightOfTen() throws {
        let w = try #require(EvidenceStatistics.wilson(successes: 8, trials: 10, confidence: 0.95))
        #expect(abs(w.lower - 0.49016) < 5e-5)
        #expect(abs(w.upper - 0.94332) < 5e-5)
    }

    /// 0 of n: the lower bound is 0 and the upper bound z²/(n + z²); n of n mirrors it.
    @Test func wilsonAtTheEdges() throws {
        let z = 1.959963984540054
        for n in [1, 5, 10, 100] {
            let none = try #require(EvidenceStatistics.wilson(successes: 0, trials: n, confidence: 0.95))
            #expect(abs(none.lower) < 1e-12)
            #expect(abs(none.upper - z * z / (Double(n) + z * z)) < 1e-12)
            let all = try #require(EvidenceStatistics.wilson(successes: n, trials: n, confidence: 0.95))
            #expect(abs(all.upper - 1) < 1e-12)
            #expect(abs(all.lower - Double(n) / (Double(n) + z * z)) < 1e-12)
        }
        #expect(EvidenceStatistics.wilson(successes: 0, trials: 0, confidence: 0.95) == nil)
        #expect(EvidenceStatistics.wilson(successes: 3, trials: 2, confidence: 0.95) == nil)
    }

    /// Exact binomial tails against the closed form Σ C(n,i) pⁱ (1−p)ⁿ⁻ⁱ written out.
    @Test func binomialTailsMatchClosedForm() {
        // P(X ≤ 0 | 5, 0.9) = 0.1⁵; P(X ≤ 2 | 5, 0.9) = 0.1⁵ + 5·0.9·0.1⁴ + 10·0.9²·0.1³.
        #expect(abs(EvidenceStatistics.pValueBelow(successes: 0, trials: 5, declared: 0.9) - 1e-5) < 1e-15)
        #expect(abs(EvidenceStatistics.pValueBelow(successes: 2, trials: 5, declared: 0.9) - 0.00856) < 1e-12)
        // P(X ≤ 3 | 5, 0.9) = 1 − 0.9⁵ − 5·0.9⁴·0.1 = 0.08146.
        #expect(abs(EvidenceStatistics.pValueBelow(successes: 3, trials: 5, declared: 0.9) - 0.08146) < 1e-12)
        // P(X ≥ 5 | 5, 0.5) = 1/32; P(X ≥ 4 | 5, 0.5) = 6/32.
        #expect(abs(EvidenceStatistics.pValueAbove(successes: 5, trials: 5, level: 0.5) - 1.0 / 32) < 1e-15)
        #expect(abs(EvidenceStatistics.pValueAbove(successes: 4, trials: 5, level: 0.5) - 6.0 / 32) < 1e-15)
        // P(X ≤ 3 | 10, 0.3) = 0.6496107184 (binomial table).
        #expect(abs(EvidenceStatistics.binomialLowerTail(3, trials: 10, probability: 0.3) - 0.6496107184) < 1e-10)
        #expect(EvidenceStatistics.binomialLowerTail(10, trials: 10, probability: 0.3) == 1)
        #expect(EvidenceStatistics.binomialUpperTail(0, trials: 10, probability: 0.3) == 1)
    }

    /// For large n the two tails add to 1 and the lower tail does not underflow to 0 or NaN.
    @Test func binomialTailsForLargeN() {
        let n = 2000
        for k in [1700, 1780, 1800, 1850] {
            let lower = EvidenceStatistics.binomialLowerTail(k, trials: n, probability: 0.9)
            let upper = EvidenceStatistics.binomialUpperTail(k + 1, trials: n, probability: 0.9)
            #expect(abs(lower + upper - 1) < 1e-9)
            #expect(lower.isFinite && lower >= 0)
        }
        // Far in the tail: 0.1²⁰⁰⁰ underflows, log-space keeps the sum finite (and tiny).
        #expect(EvidenceStatistics.binomialLowerTail(100, trials: n, probability: 0.9) < 1e-300)
    }

    /// Median and 10th percentile against sorting: odd n (exact ranks) and even n (midpoints).
    @Test func quantilesAgainstSorting() throws {
        var rng = SplitMix64(seed: 17)
        let odd = (0..<11).map { _ in rng.range(0, 100) }
        let sortedOdd = odd.sorted()
        #expect(EvidenceStatistics.quantile(odd, 0.5) == sortedOdd[5])
        #expect(EvidenceStatistics.quantile(odd, 0.1) == sortedOdd[1])
        let even = (0..<10).map { _ in rng.range(0, 100) }
        let sortedEven = even.sorted()
        let median = try #require(EvidenceStatistics.quantile(even, 0.5))
        #expect(abs(median - (sortedEven[4] + sortedEven[5]) / 2) < 1e-12)
        // Position 0.1·9 = 0.9: nine tenths of the way from the 1st to the 2nd value.
        let p10 = try #require(EvidenceStatistics.quantile(even, 0.1))
        #expect(abs(p10 - (sortedEven[0] + 0.9 * (sortedEven[1] - sortedEven[0]))) < 1e-12)
        #expect(EvidenceStatistics.quantile([], 0.5) == nil)
    }

    /// The allocation-free tile of a point equals `Quadkey(containing:zoom:16)`.
    @Test func gridTileMatchesQuadkey() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let p = Coordinate(rng.range(102, 110), rng.range(8, 24))
            let tile = try #require(EvidenceGrid.tile(lon: p.x, lat: p.y))
            let quadkey = try #require(Quadkey(containing: p, zoom: 16))
            #expect(Quadkey(x: tile.x, y: tile.y, zoom: 16) == quadkey)
            #expect(quadkey.bounds.minX <= p.x && p.x <= quadkey.bounds.maxX)
        }
        #expect(EvidenceGrid.tile(lon: 105, lat: 89) == nil)
        #expect(EvidenceGrid.tile(lon: .nan, lat: 21) == nil)
    }

    /// The cell key radix sort orders by key and keeps input order among equal keys, for empty,
    /// tiny and large arrays and keys spread over few or all fields (operator, side, tile column, row).
    @Test(arguments: [0, 1, 3, 17, 100_003])
    func cellKeySortIsStableByKey(count n: Int) {
        var rng = SplitMix64(seed: 99 &+ UInt64(n))
        let spreads: [(high: Int, x: Int, y: Int)] = [(1, 1, 1), (1, 1, 70), (5, 40, 3), (300, 2000, 65536)]
        for spread in spreads {
            var packing = CellKeyPacking()
            var values: [EvidenceCells.Entry] = (0..<n).map { i in
                let high: UInt64 = 7 + rng.next() % UInt64(spread.high)
                let x: UInt64 = (900 + rng.next() % UInt64(spread.x)) % 65536
                let y: UInt64 = rng.next() % UInt64(spread.y)
                let key = high << 32 | x << 16 | y
                packing.add(key)
                return EvidenceCells.Entry(key: key, tail: UInt64(i))
            }
            let expected = values.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
                .map(\.element)
            CellKeySort.sort(&values, packing: packing)
            #expect(values.map(\.key) == expected.map(\.key) && values.map(\.tail) == expected.map(\.tail))
        }
    }

    /// Shapes of download lists: continuous, heavily tied (rounded speeds), sorted, reversed, one
    /// value, signed zeros mixed with ties.
    enum Downloads: String, CaseIterable, CustomTestStringConvertible {
        case continuous, rounded, fewDistinct, ascending, descending, constant, signedZeros

        var testDescription: String { rawValue }

        /// A list of `n` values of this shape.
        func values(_ n: Int, _ rng: inout SplitMix64) -> [Double] {
            switch self {
            case .continuous: return (0..<n).map { _ in rng.range(0, 500) }
            case .rounded: return (0..<n).map { _ in rng.range(0, 60).rounded() }
            case .fewDistinct: return (0..<n).map { _ in [0.5, 10, 25, 100][Int(rng.unit() * 4) % 4] }
            case .ascending: return (0..<n).map { Double($0) * 0.25 }
            case .descending: return (0..<n).map { Double(n - $0) * 0.25 }
            case .constant: return [Double](repeating: 12.5, count: n)
            case .signedZeros: return (0..<n).map { _ in [0.0, -0.0, 0.0, 1, 2][Int(rng.unit() * 5) % 5] }
            }
        }
    }

    /// Quantiles by selection are bit for bit those of the sorted values, at every size up to 300 and
    /// a few large ones, for the kept quantiles and others.
    @Test(arguments: Downloads.allCases)
    func selectionQuantilesEqualSortedQuantiles(_ shape: Downloads) {
        var rng = SplitMix64(seed: UInt64(Downloads.allCases.firstIndex(of: shape) ?? 0) + 5)
        for n in Array(0...300) + [1000, 4097, 30_000] {
            let values = shape.values(n, &rng)
            let sorted = values.sorted()
            for q in [0.5, 0.1, 0, 1, 0.37, 0.999] {
                let want = sorted.withUnsafeBufferPointer { EvidenceStatistics.quantile(sorted: $0, q) }
                var scratch = values
                let got = scratch.withUnsafeMutableBufferPointer { QuantileSelection.quantile($0, q) }
                #expect(got?.bitPattern == want?.bitPattern, "\(shape) n=\(n) q=\(q)")
                #expect(scratch.sorted() == sorted)
            }
        }
    }
}
