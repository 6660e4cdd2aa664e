import CoverageModel

/// Turns tallies into reported figures, with shares and "no data" notes.
struct FiguresBuilder {
    let measures: [Measure]
    let operators: [String]
    /// Measures with no data at all, and why.
    let unavailable: [Measure: String]
    /// Fibre reach along the route network can be computed (there are routes and a node to start from).
    var networkAvailable = true

    /// The share `part / whole`, or nil when the whole is 0.
    static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    /// Measures without data in the store: generations without coverage areas; fibre without routes
    /// or nodes; broadband when it has no input at all.
    static func unavailableMeasures(inputs: AnalysisInputs, parameters: CoverageParameters) -> [Measure: String] {
        var out: [Measure: String] = [:]
        let scope = parameters.operatorName.map { " for operator \($0)" } ?? ""
        for g in Technology.allCases where (inputs.totals.coverage[g] ?? 0) == 0 {
            out[Measure(g)] = "no \(g.rawValue) coverage areas in the store\(scope)"
        }
        if out[.g4] != nil && out[.g5] != nil { out[.g4plus] = "no 4G or 5G coverage areas in the store\(scope)" }
        let noFibre = inputs.totals.fibreRoutes == 0 && inputs.fibreNodes.isEmpty
        if noFibre { out[.fibre] = "no fibre routes or nodes in the store\(scope)" }
        let broadbandGenerations = Measure.broadband.components(broadbandMinimum: parameters.broadbandMinimum)
            .generations
        if noFibre && broadbandGenerations.allSatisfy({ (inputs.totals.coverage[$0] ?? 0) == 0 }) {
            out[.broadband] = "no fibre and no \(parameters.broadbandMinimum.rawValue)+ coverage in the store\(scope)"
        }
        return out
    }

    /// The coverage figures of entity `e` of `tally`; `operatorAreas` by operator, then measure.
    func coverage(
        _ tally: Tally, _ e: Int, areaShares: [Measure: Double]? = nil,
        operatorAreas: [String: [Measure: Double]]? = nil
    ) -> [Measure: MeasureFigures] {
        let households = tally.total(e, 1)
        let persons = tally.total(e, 2)
        var out: [Measure: MeasureFigures] = [:]
        for (m, key) in measures.enumerated() {
            let hh = tally.covered(e, m, 1)
            let pp = tally.covered(e, m, 2)
            var f = MeasureFigures(
                available: unavailable[key] == nil, note: unavailable[key], locations: tally.covered(e, m, 0),
                households: hh, householdShare: Self.share(hh, households), persons: pp,
                personShare: Self.share(pp, persons), areaShare: areaShares?[key])
            if !f.available {
                // No data is not 0% covered: the shares stay unknown.
                f.householdShare = nil
                f.personShare = nil
                f.areaShare = nil
            }
            if key.isMobile {
                f.householdsMultiOperator = tally.covered(e, m, 3)
                if tally.operators > 0 {
                    var ops: [String: OperatorFigures] = [:]
                    for (o, name) in operators.enumerated() {
                        let oh = tally.byOperator(e, m, o, 1)
                        let op = tally.byOperator(e, m, o, 2)
                        ops[name] = OperatorFigures(
                            locations: tally.byOperator(e, m, o, 0), households: oh,
                            householdShare: Self.share(oh, households), persons: op,
                            personShare: Self.share(op, persons),
                            areaShare: f.available ? operatorAreas?[name]?[key] : nil)
                    }
                    f.operators = ops
                }
            }
            if key == .fibre && f.available && networkAvailable {
                let n = tally.covered(e, m, 4)
                f.networkHouseholds = n
                f.networkHouseholdShare = Self.share(n, households)
            }
            out[key] = f
        }
        return out
    }

    /// A unit row without coverage (totals only).
    func unit(
        _ tally: Tally, _ e: Int, code: String, name: String, level: String, parentCode: String? = nil,
        areaKm2: Double? = nil, areaShares: [Measure: Double]? = nil,
        operatorAreas: [String: [Measure: Double]]? = nil
    ) -> UnitFigures {
        UnitFigures(
            code: code, name: name, level: level, parentCode: parentCode, locations: tally.total(e, 0),
            households: tally.total(e, 1), persons: tally.total(e, 2), personsUnknownLocations: tally.total(e, 3),
            areaKm2: areaKm2, hamlets: nil,
            coverage: coverage(tally, e, areaShares: areaShares, operatorAreas: operatorAreas),
            fibre: nil,
            census: nil)
    }

    /// Sums every entity of a tally into a one-entity tally (the province row).
    static func collapse(_ tally: Tally) -> Tally {
        var out = Tally(entities: 1, measures: tally.measures, operators: tally.operators)
        for e in 0..<tally.entities {
            for f in 0..<Tally.totalFields { out.totals[f] += tally.totals[e * Tally.totalFields + f] }
            for m in 0..<tally.measures {
                for f in 0..<Tally.coveredFields {
                    out.covered[m * Tally.coveredFields + f] +=
                        tally.covered[(e * tally.measures + m) * Tally.coveredFields + f]
                }
                for o in 0..<tally.operators {
                    for f in 0..<Tally.operatorFields {
                        out.byOperator[(m * tally.operators + o) * Tally.operatorFields + f] +=
                            tally.byOperator[
                                ((e * tally.measures + m) * tally.operators + o) * Tally.operatorFields + f]
                    }
                }
            }
        }
        return out
    }
}
