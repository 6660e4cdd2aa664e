import CoverageModel
import Testing

/// The shared range queue: lowest ids first, ranges given back are done again, a cancel drops what
/// is not started, and results come back in range order with the unfinished ones nil.
@Suite struct RangeQueueTests {
    static let ranges: [ClosedRange<Int64>] = [1...10, 11...20, 21...30, 31...40]

    @Test func rangesAreHandedOutInIDOrderAndGivenBackOnes() {
        let queue = RangeQueue<String>(ranges: Self.ranges)
        #expect(queue.next() == 0)
        #expect(queue.next() == 1)
        queue.giveBack(1)
        #expect(queue.next() == 1)
        #expect(queue.next() == 2)
        #expect(queue.next() == 3)
        #expect(queue.next() == nil)
    }

    @Test func resultsComeBackInRangeOrderWithTheirWeight() {
        let queue = RangeQueue<String>(ranges: Self.ranges)
        queue.finish(2, "c", weight: 7)
        queue.finish(0, "a", weight: 5)
        #expect(queue.finishedWeight == 12)
        queue.cancel()
        #expect(queue.next() == nil)
        #expect(queue.takeResults() == ["a", nil, "c", nil])
        #expect(queue.takeResults().isEmpty)
    }

    @Test func lanesOnEveryCoreDoEveryRangeOnce() {
        let many: [ClosedRange<Int64>] = (0..<1000).map { (i: Int) -> ClosedRange<Int64> in
            let low = Int64(i) * 10
            return low...(low + 9)
        }
        let queue = RangeQueue<Int64>(ranges: many)
        ParallelChunks.forEach(0..<4, chunkCount: 4) { _, _ in
            while let r = queue.next() { queue.finish(r, queue.ranges[r].lowerBound, weight: 1) }
        }
        #expect(queue.finishedWeight == 1000)
        let expected: [Int64?] = many.map { $0.lowerBound }
        #expect(queue.takeResults() == expected)
    }
}
