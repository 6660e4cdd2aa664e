import CoverageModel
import Testing

@testable import GeometryKernels

/// The capsule sweep against the plain union of every capsule's interval on each line.
@Suite struct CapsuleUnionTests {
    /// Random capsules (segments, some of them points) in a 2 km square, radii 20 to 300 m.
    static func capsules(count: Int, seed: UInt64) -> [Capsule] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let x0 = Double.random(in: -1000...1000, using: &random)
            let y0 = Double.random(in: -1000...1000, using: &random)
            let point = Bool.random(using: &random)
            let x1 = point ? x0 : x0 + Double.random(in: -400...400, using: &random)
            let y1 = point ? y0 : y0 + Double.random(in: -400...400, using: &random)
            return Capsule(x0: x0, y0: y0, x1: x1, y1: y1, radius: Double.random(in: 20...300, using: &random))
        }
    }

    /// The union on the line at `y`: every capsule's interval, sorted by low end, merged.
    static func reference(_ capsules: [Capsule], atY y: Double) -> (low: [Double], high: [Double]) {
        let intervals = capsules.compactMap { $0.interval(atY: y) }.sorted { $0.low < $1.low }
        var low: [Double] = []
        var high: [Double] = []
        for iv in intervals {
            if let last = high.last, iv.low <= last {
                high[high.count - 1] = Swift.max(last, iv.high)
            } else {
                low.append(iv.low)
                high.append(iv.high)
            }
        }
        return (low, high)
    }

    @Test(arguments: [(count: 1, seed: 1), (count: 12, seed: 2), (count: 60, seed: 3), (count: 400, seed: 4)])
    func everyLineIsTheUnionOfTheCapsulesIntervals(count: Int, seed: UInt64) {
        let capsules = Self.capsules(count: count, seed: seed)
        var union = CapsuleUnion()
        var low: [Double] = []
        var high: [Double] = []
        // Two sweeps on one value: the second starts from the first one's scratch buffers.
        for _ in 0..<2 {
            union.reset(capsules)
            for k in -140..<140 {
                let step = 10.0
                union.advance(lower: Double(k) * step, upper: Double(k + 1) * step)
                for y in [Double(k) * step, (Double(k) + 0.37) * step] {
                    union.evaluate(atY: y)
                    union.copyUnion(low: &low, high: &high)
                    let expected = Self.reference(capsules, atY: y)
                    #expect(low == expected.low && high == expected.high, "line \(y)")
                }
            }
        }
    }

    @Test func noCapsuleGivesAnEmptyUnion() {
        var union = CapsuleUnion()
        var low = [1.0]
        var high = [2.0]
        union.reset([Capsule]())
        union.advance(lower: 0, upper: 10)
        union.evaluate(atY: 5)
        union.copyUnion(low: &low, high: &high)
        #expect(low.isEmpty && high.isEmpty)
    }
}

/// Four capsules' intervals at once against `Capsule.interval(atY:)`, lane by lane, bit for bit.
@Suite struct CapsuleLanesTests {
    /// Capsules where the scalar code takes each branch: points, vertical, horizontal and nearly
    /// axis-parallel segments, reversed ones, and random ones.
    static let capsules: [Capsule] =
        [
            Capsule(x0: 0, y0: 0, x1: 0, y1: 0, radius: 100),
            Capsule(x0: 10, y0: -300, x1: 10, y1: 300, radius: 50),
            Capsule(x0: -300, y0: 20, x1: 300, y1: 20, radius: 80),
            Capsule(x0: 5, y0: -200, x1: 5 + 1e-13, y1: 200, radius: 60),
            Capsule(x0: -200, y0: 7, x1: 200, y1: 7 + 1e-13, radius: 60),
            Capsule(x0: 300, y0: 250, x1: -250, y1: -100, radius: 120),
            Capsule(x0: -40, y0: 90, x1: 40, y1: -90, radius: 0),
        ] + CapsuleUnionTests.capsules(count: 41, seed: 9)

    @Test func everyLaneIsTheScalarInterval() {
        let all = Self.capsules
        for first in 0..<(all.count - 3) {
            let (a, b, c, d) = (all[first], all[first + 1], all[first + 2], all[first + 3])
            for k in -1300...1300 {
                let y = Double(k) * 0.97
                let lanes = Capsule.intervals(a, b, c, d, atY: y)
                for (lane, capsule) in [a, b, c, d].enumerated() {
                    let scalar = capsule.interval(atY: y) ?? (.infinity, -.infinity)
                    #expect(
                        lanes.low[lane].bitPattern == scalar.low.bitPattern
                            && lanes.high[lane].bitPattern == scalar.high.bitPattern,
                        "capsule \(first + lane) at \(y)")
                }
            }
        }
    }
}
