import CoverageAnalysis
import CoverageModel

/// Builds one claim's outcome from coverage results: primary value, verdict, shortfalls, alternatives.
struct ClaimEvaluation {
    let claim: Claim
    let measure: ClaimMeasure
    let primary: CoverageResult
    let limit: Int
    var outcome: ClaimOutcome

    init(claim: Claim, measure: ClaimMeasure, primary: CoverageResult, limit: Int) {
        self.claim = claim
        self.measure = measure
        self.primary = primary
        self.limit = limit
        outcome = ClaimOutcome(
            claim: claim, definition: "", measured: nil, verdict: .cannotEvaluate, margin: nil, reasons: [],
            shortfalls: [], shortfallCount: 0, alternatives: [], robustness: "n/a")
    }

    var scopeCodes: [String]? {
        guard let units = claim.filter?.units, !units.isEmpty else { return nil }
        return units
    }

    func holds(_ value: Double?) -> Bool? { value.map { claim.comparator.holds($0, claim.threshold) } }

    mutating func alternative(
        _ key: String, _ label: String, _ value: Double?, primary: Bool = false, note: String? = nil
    ) {
        outcome.alternatives.append(
            AlternativeValue(key: key, label: label, value: value, holds: holds(value), primary: primary, note: note))
    }

    mutating func fail(_ reason: String) {
        outcome.verdict = .cannotEvaluate
        outcome.reasons.append(reason)
    }

    private mutating func setPrimary(_ value: Double?) {
        outcome.measured = value
        guard let value else { return }
        outcome.verdict = claim.comparator.holds(value, claim.threshold) ? .holds : .doesNotHold
        outcome.margin = value - claim.threshold
    }

    // MARK: households, population, hamlets, area

    /// The metric's figure for unit claims.
    private var figure: UnitAggregate.Figure {
        switch claim.metric {
        case .population: .persons
        case .hamlets: .hamlets
        case .area: .area
        default: .households
        }
    }

    private var figureLabel: String {
        switch claim.metric {
        case .population: "persons"
        case .hamlets: "hamlets (rule \(primary.parameters.hamletRule))"
        case .area: "area"
        default: "households"
        }
    }

    /// Checks that the layers the claim needs exist; records why not.
    private mutating func checkUnitsAvailable(_ scope: [UnitFigures]) -> Bool {
        if let codes = scopeCodes {
            let known = Set(primary.units.map(\.code))
            let unknown = codes.filter { !known.contains($0) }
            if !unknown.isEmpty {
                fail("unknown commune codes in filter.units: \(unknown.joined(separator: ", "))")
                return false
            }
        }
        let m = primary.province.coverage[measure.key]
        if m == nil || m?.available == false {
            fail("\(measure.key.rawValue) cannot be measured: \(m?.note ?? "no data for this measure")")
            return false
        }
        let households = scope.reduce(0) { $0 + $1.households }
        switch claim.metric {
        case .households where households == 0:
            fail("no households in scope (the households layer is missing or empty)")
        case .population where scope.reduce(0, { $0 + $1.persons }) == 0:
            fail("no persons recorded in the households layer")
        case .hamlets where scope.reduce(0, { $0 + ($1.hamlets ?? 0) }) == 0:
            fail("no hamlets in scope (the hamlets layer is missing or empty)")
        case .area where UnitAggregate.share(scope, key: measure.key, figure: .area) == nil:
            fail(
                primary.parameters.computeAreas
                    ? "no area shares (no communes with an area)" : "area shares were not computed (--no-areas)")
        default: break
        }
        return outcome.reasons.isEmpty
    }

    /// Primary value, shortfalls, and the alternatives available from the primary run.
    mutating func evaluateUnits() {
        let scope = UnitAggregate.scope(primary, units: scopeCodes)
        outcome.definition =
            "\(figureLabel) covered by \(measure.label)" + (scopeCodes.map { " in \($0.count) communes" } ?? "")
        guard checkUnitsAvailable(scope) else { return }
        setPrimary(UnitAggregate.share(scope, key: measure.key, figure: figure))
        if claim.metric == .population {
            let unknown = scope.reduce(0) { $0 + $1.personsUnknownLocations }
            if unknown > 0 { outcome.reasons.append("\(unknown) locations have no persons count (counted as 0)") }
        }
        let units = scopeCodes == nil ? primary.units : scope
        shortfalls(
            units.compactMap { u in
                UnitAggregate.share([u], key: measure.key, figure: figure).map { (u, $0) }
            })
        let key = measure.key
        alternative(
            "households", "households (\(measure.label))",
            UnitAggregate.share(scope, key: key, figure: .households), primary: figure == .households)
        alternative(
            "population", "persons (\(measure.label))",
            UnitAggregate.share(scope, key: key, figure: .persons), primary: figure == .persons)
        alternative(
            "area", "area (\(measure.label))", UnitAggregate.share(scope, key: key, figure: .area),
            primary: figure == .area, note: primary.parameters.computeAreas ? nil : "areas not computed")
        let network = UnitAggregate.share(scope, key: .fibre, figure: .networkHouseholds)
        let networkNote = network == nil ? "not available: no fibre nodes to start from" : nil
        if key == .fibre {
            alternative(
                "fibre:network", "households within reach along the route network from a node (strict)", network,
                note: networkNote)
        } else if measure.includesFibre {
            // The strict network method exists for the fibre measure only: report fibre alone both ways.
            alternative(
                "fibre:straight", "households within fibre reach only, straight line",
                UnitAggregate.share(scope, key: .fibre, figure: .households))
            alternative(
                "fibre:network", "households within fibre reach only, along the route network (strict)", network,
                note: networkNote)
        }
    }

    /// Hamlet shares under every rule (the primary run's rule is marked primary for hamlet claims).
    mutating func addHamletRules(_ variants: [(HamletRule, CoverageResult)], primaryRule: HamletRule) {
        for (rule, result) in variants {
            let scope = UnitAggregate.scope(result, units: scopeCodes)
            alternative(
                "hamlets:\(rule)", "hamlets, rule \(rule) (\(measure.label))",
                UnitAggregate.share(scope, key: measure.key, figure: .hamlets),
                primary: claim.metric == .hamlets && rule == primaryRule)
        }
    }

    /// The claim's figure with planned fibre routes included (or excluded, when the base includes them).
    mutating func addPlanned(_ result: CoverageResult, included: Bool) {
        let scope = UnitAggregate.scope(result, units: scopeCodes)
        let f = figure == .area ? .households : figure
        let name =
            f == .households
            ? "households" : f == .persons ? "persons" : "hamlets (rule \(result.parameters.hamletRule))"
        alternative(
            "planned:\(included ? "included" : "excluded")",
            "\(name), planned fibre routes \(included ? "included" : "excluded")",
            UnitAggregate.share(scope, key: measure.key, figure: f))
    }

    // MARK: communes

    /// Whether a commune meets the claim's technology condition.
    private func communeMeets(_ u: UnitFigures) -> Bool {
        if measure.includesFibre, u.fibre?.hasFibre == true { return true }
        for g in measure.generations {
            if (u.coverage[Measure(g)]?.households ?? 0) > 0 { return true }
        }
        return false
    }

    mutating func evaluateCommunes() {
        var condition: [String] = []
        if measure.includesFibre { condition.append("an active fibre route crosses it or a fibre node lies in it") }
        if !measure.generations.isEmpty {
            condition.append(
                "\(measure.generations.map(\.rawValue).joined(separator: "/")) covers at least one household")
        }
        outcome.definition = "communes where " + condition.joined(separator: ", or ")
        if let codes = scopeCodes {
            let known = Set(primary.units.map(\.code))
            let unknown = codes.filter { !known.contains($0) }
            if !unknown.isEmpty {
                return fail("unknown commune codes in filter.units: \(unknown.joined(separator: ", "))")
            }
        }
        let units =
            scopeCodes.map { Set($0) }.map { wanted in primary.units.filter { wanted.contains($0.code) } }
            ?? primary.units
        guard !units.isEmpty else { return fail("no communes in the store") }
        for g in measure.generations {
            if let m = primary.province.coverage[Measure(g)], !m.available {
                return fail("\(g.rawValue) cannot be measured: \(m.note ?? "no coverage layer")")
            }
        }
        if measure.includesFibre, primary.province.coverage[.fibre]?.available == false {
            return fail(
                "fibre cannot be measured: \(primary.province.coverage[.fibre]?.note ?? "no fibre routes or nodes")")
        }
        let meets = units.filter(communeMeets).count
        setPrimary(Double(meets) / Double(units.count))
        alternative("communes", outcome.definition, outcome.measured, primary: true)
        let short = units.filter { !communeMeets($0) }
        outcome.shortfallCount = claim.comparator.wantsMore ? short.count : 0
        if claim.comparator.wantsMore {
            outcome.shortfalls = short.sorted { $0.code < $1.code }.prefix(limit).map {
                Shortfall(
                    code: $0.code, name: $0.name, value: $0.coverage[measure.key]?.householdShare,
                    detail: measure.includesFibre ? "no fibre route or node" : "no household covered")
            }
        }
        if measure.includesFibre {
            let d = primary.parameters.fibreDistanceMetres
            let centre = units.filter { ($0.fibre?.centreDistanceM ?? .infinity) <= d }.count
            alternative(
                "communes:centre", "communes whose centre is within \(Int(d)) m of fibre",
                Double(centre) / Double(units.count))
            let reach = units.filter { ($0.coverage[.fibre]?.households ?? 0) > 0 }.count
            alternative(
                "communes:households", "communes with at least one household within fibre reach",
                Double(reach) / Double(units.count))
        }
    }

    mutating func addCommunesPlanned(_ result: CoverageResult, included: Bool) {
        let codes = Set(scopeCodes ?? result.units.map(\.code))
        let units = result.units.filter { codes.contains($0.code) }
        guard !units.isEmpty else { return }
        alternative(
            "planned:\(included ? "included" : "excluded")",
            "communes meeting the condition, planned fibre \(included ? "included" : "excluded")",
            Double(units.filter(communeMeets).count) / Double(units.count))
    }

    // MARK: institutions

    mutating func evaluateInstitutions(records: [Institution]) {
        let kinds = claim.filter?.kinds.flatMap { $0.isEmpty ? nil : $0 } ?? InstitutionKind.allCases
        let kindNames = Set(kinds.map(\.rawValue))
        let figures = primary.institutions.filter { kindNames.contains($0.kind) }
        let count = figures.reduce(0) { $0 + $1.count }
        let kindText = kinds.map(\.rawValue).joined(separator: ", ")
        let fibreOnly = measure.includesFibre && !measure.includesFixed
        let evidence = primary.parameters.minimumEvidence
        outcome.definition =
            fibreOnly
            ? "institutions (\(kindText)) with a recorded fibre connection"
            : "institutions (\(kindText)) with recorded fixed broadband (fibre or fixed), evidence \(evidence.rawValue) or better"
        guard count > 0 else {
            return fail("no institutions of kind \(kindText) in the store (institutions layer missing?)")
        }
        if scopeCodes != nil {
            outcome.reasons.append("filter.units is not applied to institutions: figures are province-wide")
        }
        if !measure.generations.isEmpty {
            outcome.reasons.append(
                "mobile technologies are ignored for institutions: only recorded fixed connections count")
        }
        func share(_ n: Int) -> Double { Double(n) / Double(count) }
        let fibre = figures.reduce(0) { $0 + ($1.byConnection["fibre"] ?? 0) }
        let connected = figures.reduce(0) { $0 + $1.connected }
        setPrimary(share(fibreOnly ? fibre : connected))
        alternative(
            "institutions:connected",
            "fixed broadband recorded, evidence \(evidence.rawValue)+"
                + (primary.parameters.minimumSpeedMbps.map { ", speed ≥ \($0) Mbps" } ?? ""),
            share(connected), primary: !fibreOnly)
        for grade in EvidenceGrade.allCases where grade != evidence {
            alternative(
                "institutions:evidence:\(grade.rawValue)", "fixed broadband recorded, evidence \(grade.rawValue)+",
                share(figures.reduce(0) { $0 + ($1.connectedByEvidence[grade.rawValue] ?? 0) }))
        }
        alternative("institutions:fibre", "fibre connection recorded", share(fibre), primary: fibreOnly)
        alternative(
            "institutions:reach",
            "within \(Int(primary.parameters.fibreDistanceMetres)) m of active fibre (straight line)",
            share(figures.reduce(0) { $0 + $1.withinFibreReach }))
        guard claim.comparator.wantsMore else { return }
        let failing = records.filter { i in
            guard kindNames.contains(i.kind.rawValue) else { return false }
            return fibreOnly ? i.connection != .fibre : !(i.connection.isFixedBroadband && i.evidence >= evidence)
        }.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        outcome.shortfallCount = failing.count
        outcome.shortfalls = failing.prefix(limit).map {
            Shortfall(
                code: $0.id, name: $0.name, value: nil,
                detail: "\($0.kind.rawValue): \($0.connection.rawValue) (\($0.evidence.rawValue))")
        }
    }

    // MARK: shared

    /// Units whose own value fails the comparison, worst first.
    private mutating func shortfalls(_ values: [(UnitFigures, Double)]) {
        let failing = values.filter { !claim.comparator.holds($0.1, claim.threshold) }
        let sorted = failing.sorted { a, b in
            a.1 != b.1 ? (claim.comparator.wantsMore ? a.1 < b.1 : a.1 > b.1) : a.0.code < b.0.code
        }
        outcome.shortfallCount = sorted.count
        outcome.shortfalls = sorted.prefix(limit).map {
            Shortfall(code: $0.0.code, name: $0.0.name, value: $0.1, detail: nil)
        }
    }

    /// Sets the robustness summary.
    mutating func finish() {
        outcome.robustness = Self.robustness(outcome)
    }

    /// "holds under every definition", "… no definition", "… n of m definitions", or "n/a" when the
    /// claim cannot be evaluated or no alternative decides.
    static func robustness(_ outcome: ClaimOutcome) -> String {
        let judged = outcome.alternatives.compactMap(\.holds)
        guard outcome.verdict != .cannotEvaluate, !judged.isEmpty else { return outcome.robustness }
        let n = judged.filter { $0 }.count
        return n == judged.count
            ? "holds under every definition"
            : n == 0
                ? "holds under no definition"
                : "holds under \(n) of \(judged.count) definitions"
    }
}
