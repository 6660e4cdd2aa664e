import CoverageModel
import GeometryKernels

/// The coverage a location had before the change, read from the classifier's own coverage indexes.
///
/// A changed generation's areas are those before the change followed by the added ones (the
/// added rows are the newest), so in each of the classifier's per-operator indexes of that
/// generation the areas from before are the first items: a location was covered by the operator
/// before when one of those items covers it (`PolygonIndex.contains(_:itemsBelow:)`). No index is
/// built for the old areas.
struct OldCoverage: Sendable {
    /// Per probe: generation slot, operator bit, the classifier's index of that generation and
    /// operator, and how many of its first items were there before the change.
    private let probes: [(slot: Int, bit: UInt32, index: PolygonIndex, oldItems: Int)]
    /// Generations whose areas changed (the others are as the current classifier says).
    let changedSlots: Set<Int>

    /// `coverage`: the areas `classifier` was built from, per generation; `added`: the generations
    /// that changed, with their added areas (which end each of those lists when they are in it).
    ///
    /// `coverage` may hold only some of the areas (those near the change), chosen by a rule that
    /// keeps or drops equal areas alike: its added areas are then the last ones, each matching the
    /// latest equal one of `added` not matched yet.
    /// `operators`: the coverage operators, in the order that gave the classifier's labels.
    init(
        classifier: Classifier, coverage: [Technology: [CoverageArea]], added: [Technology: [CoverageArea]],
        operators: [String]
    ) {
        let indexByLabel = Dictionary(
            classifier.coverageIndexes.map { ($0.label, $0.index) }, uniquingKeysWith: { a, _ in a })
        let operatorIndex = Dictionary(uniqueKeysWithValues: operators.enumerated().map { ($1, $0) })
        var probes: [(slot: Int, bit: UInt32, index: PolygonIndex, oldItems: Int)] = []
        var changed = Set<Int>()
        for (slot, tech) in Technology.allCases.enumerated() {
            guard let new = added[tech], !new.isEmpty else { continue }
            changed.insert(slot)
            let areas = coverage[tech] ?? []
            let oldCount = areas.count - Self.trailingCount(of: new, in: areas)
            var oldByOperator: [Int: Int] = [:]
            for a in areas[..<oldCount] { oldByOperator[operatorIndex[a.operatorName] ?? 0, default: 0] += 1 }
            for op in oldByOperator.keys.sorted() {
                guard let index = indexByLabel[32 * slot + op], let n = oldByOperator[op] else { continue }
                probes.append((slot, UInt32(1) << UInt32(op), index, n))
            }
        }
        self.probes = probes
        changedSlots = changed
    }

    /// How many of the last elements of `areas` are elements of `added` (matched from the end, each
    /// with the latest equal one not yet matched).
    static func trailingCount(of added: [CoverageArea], in areas: [CoverageArea]) -> Int {
        var i = areas.count - 1
        var j = added.count - 1
        var count = 0
        while i >= 0, j >= 0 {
            if areas[i] == added[j] {
                count += 1
                i -= 1
            }
            j -= 1
        }
        return count
    }

    /// `now` with the operator bits of the changed generations as they were before the change.
    ///
    /// An operator covers a point before only if it covers it now (areas were only added), so only
    /// the bits set now are probed.
    func before(_ now: PointClass, at p: Coordinate) -> PointClass {
        var out = now
        for slot in changedSlots {
            switch slot {
            case 0: out.operators.0 = 0
            case 1: out.operators.1 = 0
            case 2: out.operators.2 = 0
            default: out.operators.3 = 0
            }
        }
        for probe in probes where now.mask(slot: probe.slot) & probe.bit != 0 {
            if probe.index.contains(p, itemsBelow: probe.oldItems) { out.addOperator(probe.bit, slot: probe.slot) }
        }
        return out
    }
}

extension PointClass {
    /// The operator bits of generation `slot` (the position in `Technology.allCases`).
    @inline(__always)
    func mask(slot: Int) -> UInt32 {
        switch slot {
        case 0: operators.0
        case 1: operators.1
        case 2: operators.2
        default: operators.3
        }
    }
}
