import CoverageModel

/// Decides, for a classified point, whether each measure covers it and by which operators.
///
/// What a measure covers comes from `Measure.components(broadbandMinimum:)`, compiled once into a
/// rule per measure so the per-point test is a few bit operations.
struct MeasureEvaluator: Sendable, Equatable {
    let measures: [Measure]
    /// One rule per measure, in `Measure.allCases` order (see `Measure.ordinal`).
    private let rules: [Rule]

    /// What covers a point for one measure: operator bits of the generations in `slots` (bit i:
    /// `Technology.allCases[i]`), or fibre reach when `fibre`.
    private struct Rule: Sendable, Equatable {
        var slots: UInt8
        var fibre: Bool
    }

    init(parameters: CoverageParameters) {
        measures = parameters.technologies
        rules = Measure.allCases.map { key in
            let parts = key.components(broadbandMinimum: parameters.broadbandMinimum)
            let slots = parts.generations.reduce(UInt8(0)) { mask, g in
                mask | 1 << (Technology.allCases.firstIndex(of: g) ?? 0)
            }
            return Rule(slots: slots, fibre: parts.fibre)
        }
    }

    /// Whether measure `k` covers the point, and the operator bits that do (0 for fibre).
    @inline(__always)
    func evaluate(_ c: PointClass, _ k: Measure) -> (covered: Bool, operators: UInt32) {
        let rule = rules[k.ordinal]
        var m: UInt32 = 0
        if rule.slots & 1 != 0 { m |= c.operators.0 }
        if rule.slots & 2 != 0 { m |= c.operators.1 }
        if rule.slots & 4 != 0 { m |= c.operators.2 }
        if rule.slots & 8 != 0 { m |= c.operators.3 }
        return (m != 0 || (rule.fibre && c.fibreMetres != nil), m)
    }
}

/// Counters per entity (unit or hamlet) and measure, with an operator breakdown; mergeable.
struct Tally: Sendable {
    let entities: Int
    let measures: Int
    let operators: Int
    /// Per entity: locations, households, persons, locations with unknown persons.
    var totals: [Int64]
    /// Per entity and measure: covered locations, households, persons, multi-operator households,
    /// network-reach households (fibre).
    var covered: [Int64]
    /// Per entity, measure and operator: covered locations, households, persons.
    var byOperator: [Int64]

    static let totalFields = 4
    static let coveredFields = 5
    static let operatorFields = 3

    init(entities: Int, measures: Int, operators: Int) {
        self.entities = entities
        self.measures = measures
        self.operators = operators
        totals = Array(repeating: 0, count: entities * Self.totalFields)
        covered = Array(repeating: 0, count: entities * measures * Self.coveredFields)
        byOperator = Array(repeating: 0, count: entities * measures * operators * Self.operatorFields)
    }

    /// Adds one location of `households` households and `persons` persons (nil: unknown).
    mutating func add(entity e: Int, households: Int, persons: Int?, _ c: PointClass, _ evaluator: MeasureEvaluator) {
        let hh = Int64(households)
        let pp = Int64(persons ?? 0)
        let t = e * Self.totalFields
        totals[t] += 1
        totals[t + 1] += hh
        totals[t + 2] += pp
        if persons == nil { totals[t + 3] += 1 }
        for (m, key) in evaluator.measures.enumerated() {
            let (isCovered, ops) = evaluator.evaluate(c, key)
            guard isCovered else { continue }
            let base = (e * measures + m) * Self.coveredFields
            covered[base] += 1
            covered[base + 1] += hh
            covered[base + 2] += pp
            if ops.nonzeroBitCount >= 2 { covered[base + 3] += hh }
            if key == .fibre, c.networkMetres != nil { covered[base + 4] += hh }
            guard operators > 0 else { continue }
            var bits = ops
            while bits != 0 {
                let o = bits.trailingZeroBitCount
                bits &= bits - 1
                let ob = ((e * measures + m) * operators + o) * Self.operatorFields
                byOperator[ob] += 1
                byOperator[ob + 1] += hh
                byOperator[ob + 2] += pp
            }
        }
    }

    /// Adds another tally of the same shape.
    mutating func merge(_ other: Tally) {
        for i in totals.indices { totals[i] += other.totals[i] }
        for i in covered.indices { covered[i] += other.covered[i] }
        for i in byOperator.indices { byOperator[i] += other.byOperator[i] }
    }

    /// Takes away another tally of the same shape (what a location counted before a change).
    mutating func subtract(_ other: Tally) {
        for i in totals.indices { totals[i] -= other.totals[i] }
        for i in covered.indices { covered[i] -= other.covered[i] }
        for i in byOperator.indices { byOperator[i] -= other.byOperator[i] }
    }

    func total(_ e: Int, _ field: Int) -> Int { Int(totals[e * Self.totalFields + field]) }
    func covered(_ e: Int, _ m: Int, _ field: Int) -> Int {
        Int(covered[(e * measures + m) * Self.coveredFields + field])
    }
    func byOperator(_ e: Int, _ m: Int, _ o: Int, _ field: Int) -> Int {
        Int(byOperator[((e * measures + m) * operators + o) * Self.operatorFields + field])
    }
}
