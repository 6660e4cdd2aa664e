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

    /// Hamlets of unit `u` (nil: all hamlets) and how many are covered per measure position.
    func count(unit u: Int?) -> (hamlets: Int, covered: [Int]) {
        let members = unitOfHamlet.indices.filter { u == nil || unitOfHamlet[$0] == u }
        return (members.count, covered.map { flags in members.reduce(0) { $0 + (flags[$1] ? 1 : 0) } })
    }
}
