import CoverageModel

extension Tally {
    /// Takes away one location added by `add` with the same arguments (tallies kept as a
    /// difference from another definition's; the counts are integers, so the sums stay exact).
    mutating func remove(
        entity e: Int, households: Int, persons: Int?, _ c: PointClass, _ evaluator: MeasureEvaluator
    ) {
        let hh = Int64(households)
        let pp = Int64(persons ?? 0)
        let t = e * Self.totalFields
        totals[t] -= 1
        totals[t + 1] -= hh
        totals[t + 2] -= pp
        if persons == nil { totals[t + 3] -= 1 }
        for (m, key) in evaluator.measures.enumerated() {
            let (isCovered, ops) = evaluator.evaluate(c, key)
            guard isCovered else { continue }
            let base = (e * measures + m) * Self.coveredFields
            covered[base] -= 1
            covered[base + 1] -= hh
            covered[base + 2] -= pp
            if ops.nonzeroBitCount >= 2 { covered[base + 3] -= hh }
            if key == .fibre, c.networkMetres != nil { covered[base + 4] -= hh }
            guard operators > 0 else { continue }
            var bits = ops
            while bits != 0 {
                let o = bits.trailingZeroBitCount
                bits &= bits - 1
                let ob = ((e * measures + m) * operators + o) * Self.operatorFields
                byOperator[ob] -= 1
                byOperator[ob + 1] -= hh
                byOperator[ob + 2] -= pp
            }
        }
    }
}
