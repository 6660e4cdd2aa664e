import CoverageModel

/// Counts hamlets covered under the hamlet rule, per commune and overall.
struct HamletRollup {
    /// Per measure position: covered flag per hamlet.
    let covered: [[Bool]]
    /// Unit position of each hamlet (-1 when it lies in no unit).
    let unitOfHamlet: [Int]

    init(
        hamlets: [Hamlet], tally: Tally, rule: HamletRule, classifier: Classifier, evaluator: MeasureEvaluator,
        unitCodes: [String: Int]
    ) {
        let centroidClasses: [PointClass] =
            rule == .centroid ? hamlets.map { classifier.classify($0.point) } : []
        unitOfHamlet = hamlets.map { h in
            h.communeCode.flatMap { unitCodes[$0] } ?? classifier.units.firstContaining(h.point) ?? -1
        }
        covered = evaluator.measures.enumerated().map { m, key in
            hamlets.indices.map { h in
                switch rule {
                case .any: return tally.covered(h, m, 0) > 0
                case .share(let x):
                    let total = tally.total(h, 1)
                    return total > 0 && Double(tally.covered(h, m, 1)) >= x * Double(total)
                case .centroid: return evaluator.evaluate(centroidClasses[h], key).covered
                }
            }
        }
    }

    /// A rollup of given flags (`covered` per measure position, per hamlet) and hamlet units.
    init(covered: [[Bool]], unitOfHamlet: [Int]) {
        self.covered = covered
        self.unitOfHamlet = unitOfHamlet
    }

    /// Hamlets of unit `u` (nil: all hamlets) and how many are covered per measure position.
    func count(unit u: Int?) -> HamletCount {
        let members = unitOfHamlet.indices.filter { u == nil || unitOfHamlet[$0] == u }
        return HamletCount(
            hamlets: members.count, covered: covered.map { flags in members.reduce(0) { $0 + (flags[$1] ? 1 : 0) } })
    }

    /// `count(unit:)` of every unit `0..<units`, in one pass over the hamlets.
    func counts(units: Int) -> [HamletCount] {
        var out = Array(
            repeating: HamletCount(hamlets: 0, covered: Array(repeating: 0, count: covered.count)), count: units)
        for (h, u) in unitOfHamlet.enumerated() where out.indices.contains(u) {
            out[u].hamlets += 1
            for m in covered.indices where covered[m][h] { out[u].covered[m] += 1 }
        }
        return out
    }
}

/// The hamlets of a unit and how many of them are covered, per measure position.
struct HamletCount: Equatable {
    /// Hamlets in the unit.
    var hamlets: Int
    /// Per measure position: hamlets covered under the run's hamlet rule.
    var covered: [Int]
}
