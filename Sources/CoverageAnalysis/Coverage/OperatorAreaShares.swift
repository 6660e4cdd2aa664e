import CoverageModel

/// Area shares per operator: the share of each unit inside the union of one operator's coverage
/// areas of a generation (4G+: its 4G ∪ 5G), integrated by `AreaShares` like the all-operator shares.
enum OperatorAreaShares {
    /// The mobile measures of `measures` that get a share per operator.
    static func measures(_ measures: [Measure]) -> [Measure] {
        measures.filter(\.isMobile)
    }

    /// Per unit (in unit order) and operator, the share (0…1) per mobile measure (0 without its coverage).
    static func compute(
        inputs: AnalysisInputs, parameters: CoverageParameters, units: [Geometry], centres: [Coordinate],
        measures: [Measure]
    ) -> [[String: [Measure: Double]]] {
        var out = [[String: [Measure: Double]]](repeating: [:], count: units.count)
        let mobile = Self.measures(measures)
        guard !mobile.isEmpty else { return out }
        for name in inputs.operators {
            let coverage = inputs.coverage.mapValues { $0.filter { $0.operatorName == name } }.filter {
                !$0.value.isEmpty
            }
            let shares = AreaShares(coverage: coverage, fibreRoutes: [], fibreNodes: [], parameters: parameters)
                .compute(units: units, centres: centres, measures: mobile)
            for (u, unit) in shares.enumerated() where unit.areaM2 > 0 { out[u][name] = unit.shares }
        }
        return out
    }

    /// The province's share per operator and measure: the unit shares weighted by the units' areas (km²).
    static func province(_ shares: [[String: [Measure: Double]]], areasKm2: [Double])
        -> [String: [Measure: Double]]
    {
        var covered: [String: [Measure: Double]] = [:]
        var total: [String: Double] = [:]
        for (unit, area) in zip(shares, areasKm2) {
            for (name, byMeasure) in unit {
                total[name, default: 0] += area
                for (key, share) in byMeasure { covered[name, default: [:]][key, default: 0] += share * area }
            }
        }
        var out: [String: [Measure: Double]] = [:]
        for (name, byMeasure) in covered {
            guard let area = total[name], area > 0 else { continue }
            out[name] = byMeasure.mapValues { $0 / area }
        }
        return out
    }
}
