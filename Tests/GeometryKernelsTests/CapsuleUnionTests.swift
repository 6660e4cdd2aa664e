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
