import CoverageModel
import Foundation
import GeometryKernels

/// One test after classification: a fixed-size value, so 10 M tests need one flat array and no
/// allocation per test.
struct ClassifiedTest: BitwiseCopyable {
    /// Commune index (in code order); `communeCount` for none.
    var commune: Int32 = 0
    /// Operator index; -1 when not recorded.
    var operatorIndex: Int32 = -1
    /// `Technology.allCases` index; -1 when not recorded.
    var technology: Int8 = -1
    /// `EvidenceExclusion.allCases` index; -1 when valid.
    var exclusion: Int8 = -1
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
        communes = PolygonIndex(sorted.map(\.geometry))
        operators = Set(coverage.map(\.operatorName)).union(testOperators).sorted()
        operatorIndex = Dictionary(uniqueKeysWithValues: operators.enumerated().map { ($1, $0) })
        var groups = [[Geometry]](repeating: [], count: operators.count * 4)
        for area in coverage {
            guard let o = operatorIndex[area.operatorName] else { continue }
            groups[o * 4 + TestJudge.technologyIndex(area.technology)].append(area.geometry)
        }
        declared = groups.map { $0.isEmpty ? nil : PolygonIndex($0) }
    }
}

/// Classifies every test in one parallel pass: validity, commune, inside or outside the operator's
/// declared coverage of its technology, served or not, zoom-16 tile.
enum EvidenceClassifier {
    /// Every distinct operator name recorded by `tests` (one parallel pass).
    static func operators(of tests: [CoverageModel.Measurement]) -> Set<String> {
        let parts = ParallelChunks.map(0..<tests.count) { _, range in
            var names = Set<String>()
            for i in range { if let o = tests[i].operatorName, !o.isEmpty { names.insert(o) } }
            return names
        }
        return parts.reduce(into: Set<String>()) { $0.formUnion($1) }
    }

    /// The classification of every test of `tests`, in input order.
    static func classify(_ tests: [CoverageModel.Measurement], indexes: EvidenceIndexes, judge: TestJudge)
        -> [ClassifiedTest]
    {
        var out = [ClassifiedTest](repeating: ClassifiedTest(), count: tests.count)
        let noCommune = Int32(indexes.communeCodes.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let target = DisjointWrites<ClassifiedTest>(base: buffer.baseAddress)
            ParallelChunks.forEach(0..<tests.count) { _, range in
                for i in range {
                    let m = tests[i]
                    var c = ClassifiedTest()
                    let j = judge.judge(m)
                    c.commune = indexes.communes.firstContaining(m.position).map(Int32.init) ?? noCommune
                    if let name = m.operatorName, let o = indexes.operatorIndex[name] { c.operatorIndex = Int32(o) }
                    if let t = m.technology { c.technology = Int8(TestJudge.technologyIndex(t)) }
                    if let reason = j.exclusion {
                        c.exclusion = Int8(EvidenceExclusion.allCases.firstIndex(of: reason) ?? 0)
                    }
                    c.served = j.served
                    c.tierBits = j.tierBits
                    if c.operatorIndex >= 0, c.technology >= 0,
                        let declared = indexes.declared[Int(c.operatorIndex) * 4 + Int(c.technology)]
                    {
                        c.inside = declared.contains(m.position)
                    }
                    if let tile = EvidenceGrid.tile(lon: m.position.x, lat: m.position.y) {
                        c.tileX = Int32(tile.x)
                        c.tileY = Int32(tile.y)
                    }
                    target.write(c, at: i)
                }
            }
        }
        return out
    }
}
