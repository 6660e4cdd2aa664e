import CoverageModel
import Foundation
import GeometryKernels

/// One test after classification: a fixed-size value, so 10 M tests need one flat array and no
/// allocation per test.
struct ClassifiedTest: BitwiseCopyable, Equatable {
    /// Commune index (in code order); `communeCount` for none.
    var commune: Int32 = 0
    /// Operator index; -1 when not recorded.
    var operatorIndex: Int32 = -1
    /// `Technology.allCases` index; -1 when not recorded.
    var technology: Int8 = -1
    /// `EvidenceExclusion.allCases` index; -1 when valid.
    var exclusion: Int8 = -1
    /// Inside the operator's declared coverage of the technology (false for an excluded test).
    var inside = false
    var served = false
    var tierBits: UInt8 = 0
    /// Zoom-16 tile column and row; -1 when off the tiling.
    var tileX: Int32 = -1
    var tileY: Int32 = -1
}

/// The indexes every test is classified against, built once.
struct EvidenceIndexes: Sendable {
    /// Commune codes, ascending; the commune index is the position here.
    let communeCodes: [String]
    let communes: PolygonIndex
    /// Operators, sorted; the operator index is the position here.
    let operators: [String]
    let operatorIndex: [String: Int]
    /// Declared coverage per operator × technology (`operator * 4 + technology`); nil when none.
    let declared: [PolygonIndex?]

    init(communes units: [AdminUnit], coverage: [CoverageArea], testOperators: Set<String>) {
        let sorted = units.sorted { $0.code < $1.code }
        communeCodes = sorted.map(\.code)
        operators = Set(coverage.map(\.operatorName)).union(testOperators).sorted()
        operatorIndex = Dictionary(uniqueKeysWithValues: operators.enumerated().map { ($1, $0) })
        var groups = [[Geometry]](repeating: [], count: operators.count * 4)
        for area in coverage {
            guard let o = operatorIndex[area.operatorName] else { continue }
            groups[o * 4 + TestJudge.technologyIndex(area.technology)].append(area.geometry)
        }
        let built = Self.build([sorted.map(\.geometry)] + groups)
        communes = built[0] ?? PolygonIndex([])
        declared = Array(built.dropFirst())
    }

    /// A polygon index per non-empty group (nil for an empty one), built on all cores, largest group
    /// first so the cores finish together (as `ClassifierIndexes` does for the coverage pass).
    static func build(_ groups: [[Geometry]]) -> [PolygonIndex?] {
        let order = groups.indices.filter { !groups[$0].isEmpty }
            .map { ($0, groups[$0].reduce(0) { $0 + $1.vertexCount }) }
            .sorted { $0.1 > $1.1 }.map(\.0)
        let built = ParallelChunks.map(0..<order.count, chunkCount: order.count) { _, range in
            range.map { PolygonIndex(groups[order[$0]]) }
        }.flatMap { $0 }
        var out = [PolygonIndex?](repeating: nil, count: groups.count)
        for (k, index) in zip(order, built) { out[k] = index }
        return out
    }
}

/// Classifies every test in one parallel pass: validity, commune, inside or outside the operator's
/// declared coverage of its technology, served or not, zoom-16 tile.
enum EvidenceClassifier {
    /// The classification of every test of `tests`, in input order.
    ///
    /// Each parallel chunk visits its tests along a Z-order curve of their positions
    /// (`inSpatialOrder`, the default), so consecutive polygon-index lookups touch nearby, cached
    /// cells (in input order, random positions make them cache misses); results are written back at
    /// each test's input position, so the order changes nothing but the speed.
    static func classify(
        _ tests: EvidenceTestSet, indexes: EvidenceIndexes, judge: TestJudge, inSpatialOrder: Bool = true
    ) -> [ClassifiedTest] {
        var out = [ClassifiedTest](repeating: ClassifiedTest(), count: tests.count)
        let classifier = TestClassifier(
            indexes: indexes, judge: judge,
            operatorMap: tests.operators.map { Int32(indexes.operatorIndex[$0] ?? -1) })
        let records = tests.records
        out.withUnsafeMutableBufferPointer { buffer in
            let target = DisjointWrites<ClassifiedTest>(base: buffer.baseAddress)
            records.withUnsafeBufferPointer { source in
                let records = SharedReads(base: source.baseAddress)
                ParallelChunks.forEach(0..<tests.count) { _, range in
                    guard inSpatialOrder else {
                        for i in range { target.write(classifier.classify(records[i]), at: i) }
                        return
                    }
                    for key in visitingOrder(records, range) {
                        let i = range.lowerBound + SpatialOrder.index(key)
                        target.write(classifier.classify(records[i]), at: i)
                    }
                }
            }
        }
        return out
    }

    /// The tests of `range` along a Z-order curve of their positions (keys of `SpatialOrder`, point
    /// index relative to the range start); positions off the map go first.
    private static func visitingOrder(_ records: SharedReads<EvidenceTestRecord>, _ range: Range<Int>) -> [UInt64] {
        var points: [Coordinate] = []
        points.reserveCapacity(range.count)
        for i in range {
            let r = records[i]
            // Off the map counts as non-finite, so stray values do not stretch the curve's box.
            points.append(abs(r.lon) <= 180 && abs(r.lat) <= 90 ? Coordinate(r.lon, r.lat) : Coordinate(.nan, .nan))
        }
        var keys: [UInt64] = []
        var scratch: [UInt64] = []
        points.withUnsafeBufferPointer { SpatialOrder.sort($0, into: &keys, scratch: &scratch) }
        return keys
    }
}

/// The per-test classification with everything it needs, shared by the chunks of a pass.
struct TestClassifier: Sendable {
    let indexes: EvidenceIndexes
    let judge: TestJudge
    /// The test set's operator indexes mapped to the analysis's (sorted) ones.
    let operatorMap: [Int32]

    /// The classification of one test. `inside` is only looked up for a valid test (nothing reads it
    /// for an excluded one: the tally and the cells count valid tests only), so it stays false else.
    @inline(__always)
    func classify(_ r: EvidenceTestRecord) -> ClassifiedTest {
        let p = Coordinate(r.lon, r.lat)
        var c = ClassifiedTest()
        let j = judge.judge(r)
        c.commune = indexes.communes.firstContaining(p).map(Int32.init) ?? Int32(indexes.communeCodes.count)
        if r.operatorIndex >= 0 { c.operatorIndex = operatorMap[Int(r.operatorIndex)] }
        c.technology = r.technology
        if let reason = j.exclusion {
            c.exclusion = reason.index
        } else if c.operatorIndex >= 0, c.technology >= 0,
            let declared = indexes.declared[Int(c.operatorIndex) * 4 + Int(c.technology)]
        {
            c.inside = declared.contains(p)
        }
        c.served = j.served
        c.tierBits = j.tierBits
        if let tile = EvidenceGrid.tile(lon: r.lon, lat: r.lat) {
            c.tileX = Int32(tile.x)
            c.tileY = Int32(tile.y)
        }
        return c
    }
}

extension EvidenceExclusion {
    /// The position in `allCases`, as stored in a classified test (a switch: `allCases` builds an
    /// array at every use, which the classification would do for each excluded test).
    var index: Int8 {
        switch self {
        case .impossibleValue: 0
        case .noOperator: 1
        case .noTechnology: 2
        case .noTime: 3
        case .future: 4
        case .stale: 5
        case .outsideHours: 6
        case .notJudgeable: 7
        case .probe: 8
        }
    }
}
