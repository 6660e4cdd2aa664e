import CoverageModel

/// Turns tallies into reported figures, with shares and "no data" notes.
struct FiguresBuilder {
    let measures: [Measure]
    let operators: [String]
    /// Measures with no data at all, and why.
    let unavailable: [Measure: String]
    /// Fibre reach along the route network can be computed (there are routes and a node to start from).
    var networkAvailable = true
    /// Per measure position: why the measure has no data (nil: it has).
    private let notes: [String?]
    /// Every operator with placeholder figures: each mobile measure's operator figures start as a copy
    /// and are filled in place, so no operator name is hashed per unit.
    private let operatorTemplate: [String: OperatorFigures]
    /// Per operator position: its slot in `operatorTemplate` (valid in every copy).
    private let operatorSlots: [Dictionary<String, OperatorFigures>.Index]

    /// A builder of `measures` (in tally position order) for `operators` (in tally position order).
    init(measures: [Measure], operators: [String], unavailable: [Measure: String]) {
        self.measures = measures
        self.operators = operators
        self.unavailable = unavailable
        notes = measures.map { unavailable[$0] }
        let blank = OperatorFigures(locations: 0, households: 0, householdShare: nil, persons: 0, personShare: nil)
        var template: [String: OperatorFigures] = [:]
        template.reserveCapacity(operators.count)
        for name in operators { template[name] = blank }
        operatorTemplate = template
        operatorSlots = operators.compactMap { template.index(forKey: $0) }  // every name was just inserted
    }

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

    /// The coverage figures of entity `e` of `tally`; `operatorAreas` by operator, then measure;
    /// `hamlets` the unit's hamlet counts (commune and province rows), set on every measure with data.
    func coverage(
        _ tally: Tally, _ e: Int, areaShares: [Measure: Double]? = nil,
        operatorAreas: [String: [Measure: Double]]? = nil, hamlets: HamletCount? = nil
    ) -> [Measure: MeasureFigures] {
        let households = tally.total(e, 1)
        let persons = tally.total(e, 2)
        var out: [Measure: MeasureFigures] = [:]
        out.reserveCapacity(measures.count)
        for (m, key) in measures.enumerated() {
            let note = notes[m]
            // No data is not 0% covered: the shares stay unknown.
            let available = note == nil
            let hh = tally.covered(e, m, 1)
            let pp = tally.covered(e, m, 2)
            var f = MeasureFigures(
                available: available, note: note, locations: tally.covered(e, m, 0), households: hh,
                householdShare: available ? Self.share(hh, households) : nil, persons: pp,
                personShare: available ? Self.share(pp, persons) : nil,
                areaShare: available ? areaShares?[key] : nil)
            if key.isMobile {
                f.householdsMultiOperator = tally.covered(e, m, 3)
                if tally.operators > 0 {
                    f.operators = operatorFigures(
                        tally, e, m, households: households, persons: persons,
                        areas: available ? operatorAreas : nil, key: key)
                }
            }
            if key == .fibre && available && networkAvailable {
                let n = tally.covered(e, m, 4)
                f.networkHouseholds = n
                f.networkHouseholdShare = Self.share(n, households)
            }
            if available, let hamlets {
                f.hamletsCovered = hamlets.covered[m]
                f.hamletShare = Self.share(hamlets.covered[m], hamlets.hamlets)
            }
            out[key] = f
        }
        return out
    }

    /// The figures of every operator for measure position `m` of entity `e` (`areas`: operator area
    /// shares, nil when the measure has no data).
    private func operatorFigures(
        _ tally: Tally, _ e: Int, _ m: Int, households: Int, persons: Int, areas: [String: [Measure: Double]]?,
        key: Measure
    ) -> [String: OperatorFigures] {
        var ops = operatorTemplate
        for (o, name) in operators.enumerated() {
            let oh = tally.byOperator(e, m, o, 1)
            let op = tally.byOperator(e, m, o, 2)
            ops.values[operatorSlots[o]] = OperatorFigures(
                locations: tally.byOperator(e, m, o, 0), households: oh, householdShare: Self.share(oh, households),
                persons: op, personShare: Self.share(op, persons), areaShare: areas?[name]?[key])
        }
        return ops
    }

    /// A unit row with its coverage figures (`hamlets`: its hamlet counts, commune and province rows).
    func unit(
        _ tally: Tally, _ e: Int, code: String, name: String, level: String, parentCode: String? = nil,
        areaKm2: Double? = nil, areaShares: [Measure: Double]? = nil,
        operatorAreas: [String: [Measure: Double]]? = nil, hamlets: HamletCount? = nil
    ) -> UnitFigures {
        UnitFigures(
            code: code, name: name, level: level, parentCode: parentCode, locations: tally.total(e, 0),
            households: tally.total(e, 1), persons: tally.total(e, 2), personsUnknownLocations: tally.total(e, 3),
            areaKm2: areaKm2, hamlets: hamlets?.hamlets,
            coverage: coverage(tally, e, areaShares: areaShares, operatorAreas: operatorAreas, hamlets: hamlets),
            fibre: nil,
            census: nil)
    }

    /// Sums every entity of a tally into a one-entity tally (the province row).
    static func collapse(_ tally: Tally) -> Tally {
        var out = Tally(entities: 1, measures: tally.measures, operators: tally.operators)
        // Each array is entity-major: entity `e`'s fields are the `e`-th row of its one-entity width.
        sumRows(tally.totals, into: &out.totals)
        sumRows(tally.covered, into: &out.covered)
        sumRows(tally.byOperator, into: &out.byOperator)
        return out
    }

    /// Adds every row of `values` (rows of `sums.count` fields, one after the other) into `sums`.
    private static func sumRows(_ values: [Int64], into sums: inout [Int64]) {
        let width = sums.count
        guard width > 0 else { return }
        values.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { out in
                var row = 0
                while row + width <= v.count {
                    for f in 0..<width { out[f] += v[row + f] }
                    row += width
                }
            }
        }
    }
}
