import CoverageModel
import CoverageStore

/// Area shares of every unit, in unit order, and what the area pass stores besides.
struct UnitAreaFigures {
    /// Per unit: share of its area inside each measure's coverage (empty when areas are off).
    var shares: [[Measure: Double]]
    /// Per unit, per operator (nil unless asked for).
    var perOperator: [[String: [Measure: Double]]]?
    /// The uncovered part of units the gap measure leaves partly uncovered.
    var gapAreas: [StoredGapArea] = []
    /// Per unit, its areas per top box (nil when areas are off: no unit has any).
    var boxes: AreaBoxState?

    init(count: Int) { shares = Array(repeating: [:], count: count) }
}

/// Turns the classification tallies, unit facts, areas, hamlets and census into unit figures.
struct FiguresAssembly {
    let parameters: CoverageParameters
    let inputs: AnalysisInputs
    let classifier: Classifier
    let builder: FiguresBuilder
    let facts: [UnitFact]
    let areas: UnitAreaFigures
    let hamlets: HamletRollup
    let census: [String: CensusFigures]

    /// One row per commune of the inputs, in their order.
    ///
    /// A commune's row reads only its own entries, so the communes are split among the cores and
    /// the rows joined in order (the same rows as one after the other).
    func communes(_ tally: Tally) -> [UnitFigures] {
        let nodes = nodesPerUnit()
        let hamletCounts = hamlets.counts(units: inputs.units.count)
        let assembly = self
        return ParallelChunks.map(inputs.units.indices) { _, range in
            range.map { assembly.commune(tally, $0, nodes: nodes, hamlets: hamletCounts[$0]) }
        }.flatMap { $0 }
    }

    /// The row of commune `i` (`nodes`: fibre nodes per unit; `hamlets`: its hamlet counts).
    private func commune(_ tally: Tally, _ i: Int, nodes: [Int], hamlets: HamletCount) -> UnitFigures {
        let unit = inputs.units[i]
        var f = builder.unit(
            tally, i, code: unit.code, name: unit.name, level: "commune", parentCode: unit.parentCode,
            areaKm2: facts[i].areaKm2, areaShares: parameters.computeAreas ? areas.shares[i] : nil,
            operatorAreas: areas.perOperator?[i], hamlets: hamlets)
        f.fibre = FibrePresence(
            hasFibre: facts[i].fibreKm > 0 || nodes[i] > 0, routeLengthKm: facts[i].fibreKm, nodes: nodes[i],
            centreDistanceM: facts[i].centreDistanceM)
        f.census = census[unit.code]
        return f
    }

    /// The province row: every unit's tallies together, areas weighted by unit area.
    func province(_ tally: Tally, communes: [UnitFigures]) -> UnitFigures {
        let totalArea = facts.reduce(0) { $0 + $1.areaKm2 }
        var provinceAreas: [Measure: Double] = [:]
        if parameters.computeAreas, totalArea > 0 {
            // One pass over the units; each measure's sum in unit order, as a sum per measure would be.
            let keys = parameters.areaMeasures
            var sums = [Double](repeating: 0, count: keys.count)
            for (fact, shares) in zip(facts, areas.shares) {
                for (k, key) in keys.enumerated() { sums[k] += fact.areaKm2 * (shares[key] ?? 0) }
            }
            for (k, key) in keys.enumerated() { provinceAreas[key] = sums[k] / totalArea }
        }
        var province = builder.unit(
            FiguresBuilder.collapse(tally), 0, code: inputs.province?.code ?? "all",
            name: inputs.province?.name ?? "all units", level: "province", areaKm2: totalArea,
            areaShares: parameters.computeAreas ? provinceAreas : nil,
            operatorAreas: areas.perOperator.map { OperatorAreaShares.province($0, areasKm2: facts.map(\.areaKm2)) },
            hamlets: hamlets.count(unit: nil))
        province.fibre = FibrePresence(
            hasFibre: communes.contains { $0.fibre?.hasFibre ?? false },
            routeLengthKm: facts.reduce(0) { $0 + $1.fibreKm }, nodes: nodesPerUnit().reduce(0, +),
            centreDistanceM: nil)
        if !census.isEmpty {
            let hh = census.values.compactMap(\.households)
            let pp = census.values.compactMap(\.persons)
            province.census = CensusFigures(
                vintage: inputs.vintage, households: hh.isEmpty ? nil : hh.reduce(0, +),
                persons: pp.isEmpty ? nil : pp.reduce(0, +), method: census.values.first?.method ?? "direct")
        }
        return province
    }

    /// One row per hamlet (grouping by hamlet), its parent the commune it lies in.
    func hamlets(_ tally: Tally) -> [UnitFigures] {
        inputs.hamlets.enumerated().map { h, hamlet in
            let unit = hamlets.unitOfHamlet[h]
            var f = builder.unit(
                tally, h, code: hamlet.code, name: hamlet.name, level: "hamlet",
                parentCode: unit >= 0 ? inputs.units[unit].code : hamlet.communeCode)
            f.hamlets = 1
            return f
        }
    }

    /// Fibre nodes inside each unit.
    private func nodesPerUnit() -> [Int] {
        var nodes = [Int](repeating: 0, count: inputs.units.count)
        for n in inputs.fibreNodes { if let u = classifier.units.firstContaining(n.position) { nodes[u] += 1 } }
        return nodes
    }
}
