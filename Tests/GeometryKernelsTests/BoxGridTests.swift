import CoverageModel
import Testing

@testable import GeometryKernels

/// `BoxGrid` queries, and a part of a set laid out as the whole set's grid.
@Suite struct BoxGridTests {
    /// `count` boxes from a fixed random walk: small and large, some inverted (never reported).
    static func boxes(_ count: Int, seed: UInt64) -> [BoundingBox] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { _ in
            let (x, y) = (100 + 10 * next(), 10 + 8 * next())
            let (w, h) = (next() < 0.1 ? 2 * next() : 0.3 * next(), 0.3 * next())
            return next() < 0.05
                ? BoundingBox(minX: x + w, minY: y, maxX: x, maxY: y + h)
                : BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
        }
    }

    /// Every item meeting each query, by brute force, is what the grid reports, each once.
    @Test(arguments: [1, 10, 1000])
    func queriesReportEveryMeetingBoxOnce(_ count: Int) {
        let all = Self.boxes(count, seed: UInt64(count))
        let grid = BoxGrid(all)
        for query in Self.boxes(50, seed: 99) where query.minX <= query.maxX {
            var reported: [Int] = []
            grid.forEach(meeting: query) { reported.append($0) }
            let expected = all.indices.filter { i in
                let b = all[i]
                return b.minX <= b.maxX && b.minX <= query.maxX && b.maxX >= query.minX && b.minY <= query.maxY
                    && b.maxY >= query.minY
            }
            #expect(reported.sorted() == expected)
        }
    }

    /// A part holding every item a query can meet reports them in the whole grid's order (the
    /// order `AreaShares` hands polygons and fibre segments to the area integrator in).
    @Test(arguments: [2, 7])
    func aPartLaidOutAsTheWholeReportsInTheWholesOrder(_ every: Int) {
        let all = Self.boxes(2000, seed: 5)
        var layout = BoxGridLayout()
        for b in all { layout.add(b) }
        let whole = BoxGrid(all)
        var ordered = 0
        for query in Self.boxes(40, seed: 17) where query.minX <= query.maxX {
            // The part: every item meeting the query, and every `every`-th other item, in order.
            let kept = all.indices.filter { i in
                let b = all[i]
                let meets =
                    b.minX <= query.maxX && b.maxX >= query.minX && b.minY <= query.maxY && b.maxY >= query.minY
                return meets || i % every == 0
            }
            let part = BoxGrid(kept.map { all[$0] }, layout: layout)
            var fromWhole: [Int] = []
            whole.forEach(meeting: query) { fromWhole.append($0) }
            var fromPart: [Int] = []
            part.forEach(meeting: query) { fromPart.append(kept[$0]) }
            #expect(fromPart == fromWhole)
            if fromWhole.count >= 2 { ordered += 1 }
        }
        #expect(ordered >= 10)  // the queries do test an order
    }
}
