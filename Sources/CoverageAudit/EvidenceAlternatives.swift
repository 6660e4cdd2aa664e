import CoverageAnalysis
import CoverageModel
import Foundation

/// The evidence-weighted alternatives of unit and institution claims (docs/CLAIMS.md, "Evidence").
extension ClaimEvaluation {
    /// Served share of institution probes a Wilson lower bound must reach to confirm service.
    static let probeConfirmShare = 0.5

    /// Households (persons for population claims) in declared coverage where measurements confirm
    /// service: per commune, the covered count times the served share of the valid tests inside declared
    /// coverage of the claim's mobile technologies (all operators, or the run's `--operator`), over
    /// every household in scope.
    mutating func addUnitEvidence(_ evidence: EvidenceResult) {
        let persons = claim.metric == .population
        let name = persons ? "persons" : "households"
        let key = "evidence:\(persons ? "population" : "households")"
        let label = "\(name) in declared coverage (\(measure.label)) where measurements confirm service"
        let generations = measure.key.components(broadbandMinimum: measure.broadbandMinimum ?? .g3).generations
        guard !generations.isEmpty else {
            outcome.alternatives.append(
                AlternativeValue(
                    key: key, label: label, value: nil, holds: nil, primary: false,
                    note: "mobile tests do not judge fibre: no evidence-weighted value for a fibre-only claim"))
            return
        }
        let units =
            scopeCodes.map { Set($0) }.map { wanted in primary.units.filter { wanted.contains($0.code) } }
            ?? primary.units
        var weighted = WeightedEvidence()
        var thin = ThinEvidence()
        for u in units {
            let covered = Double(
                persons ? u.coverage[measure.key]?.persons ?? 0 : u.coverage[measure.key]?.households ?? 0)
            let total = Double(persons ? u.persons : u.households)
            let row = evidence.row(commune: u.code, operator: primary.parameters.operatorName)
            let counts = generations.reduce(InsideCounts(inside: 0, passing: 0)) { sum, t in
                let c = row?.insideByTechnology[t]
                return InsideCounts(inside: sum.inside + (c?.inside ?? 0), passing: sum.passing + (c?.passing ?? 0))
            }
            let strength = EvidenceStrength.judge(
                passing: counts.passing, of: counts.inside, stale: row?.excluded(.stale) ?? 0,
                parameters: evidence.parameters)
            if strength == .enough, let share = counts.share,
                let interval = EvidenceStatistics.wilson(
                    successes: counts.passing, trials: counts.inside, confidence: evidence.parameters.confidenceLevel)
            {
                weighted.addKnown(weight: covered, total: total, share: share, interval: interval)
            } else {
                weighted.addUnknown(weight: covered, total: total)
                if covered > 0 { thin.add(strength, weight: Int(covered)) }
            }
        }
        let decided = weighted.decide(claim.comparator, claim.threshold)
        var notes: [String] = []
        if let text = thin.text(unit: "communes", weighing: "covered \(name)") {
            notes.append(
                decided == nil ? "evidence too thin: \(text)" : "unknown (the verdict is the same either way): \(text)")
        }
        if measure.includesFibre {
            notes.append(
                "mobile tests do not judge fibre: households within fibre reach count only as far as the mobile tests confirm service"
            )
        }
        outcome.alternatives.append(
            AlternativeValue(
                key: key, label: label, value: weighted.value, holds: decided, primary: false,
                note: notes.isEmpty ? nil : notes.joined(separator: "; "), interval: weighted.interval,
                unknowns: weighted.unknownCount))
    }

    /// Institutions whose connectivity probes confirm service: enough probe tests (the strength rule)
    /// and a Wilson lower bound of the served share at least `probeConfirmShare`. Institutions without
    /// probes, or with too few or stale ones, are unknowns.
    mutating func addInstitutionProbes(_ evidence: EvidenceResult, records: [Institution]) {
        let kinds = Set((claim.filter?.kinds ?? InstitutionKind.allCases).map(\.rawValue))
        let probes = Dictionary(evidence.institutions.map { ($0.institutionID, $0) }, uniquingKeysWith: { a, _ in a })
        var weighted = WeightedEvidence()
        var thin = ThinEvidence()
        for record in records where kinds.contains(record.kind.rawValue) {
            guard let probe = probes[record.id] else {
                weighted.addUnknown(weight: 1, total: 1)
                thin.add(nil, weight: 1)
                continue
            }
            guard probe.strength == .enough,
                let interval = EvidenceStatistics.wilson(
                    successes: probe.passing, trials: probe.tests, confidence: evidence.parameters.confidenceLevel)
            else {
                weighted.addUnknown(weight: 1, total: 1)
                thin.add(probe.strength, weight: 1)
                continue
            }
            let confirmed: Double = interval.lower >= Self.probeConfirmShare ? 1 : 0
            weighted.addKnown(
                weight: 1, total: 1, share: confirmed, interval: ProportionInterval(lower: confirmed, upper: confirmed))
        }
        let decided = weighted.decide(claim.comparator, claim.threshold)
        let text = thin.text(unit: "institutions", weighing: nil)
        outcome.alternatives.append(
            AlternativeValue(
                key: "institutions:probes",
                label:
                    "institutions whose connectivity probes confirm service (95% lower bound of served probe tests ≥ 50%)",
                value: weighted.value, holds: decided, primary: false,
                note: text.map {
                    decided == nil ? "evidence too thin: \($0)" : "unknown (the verdict is the same either way): \($0)"
                },
                interval: weighted.interval, unknowns: weighted.unknownCount))
    }
}

/// Unknown units counted by why their evidence is not enough, for the notes.
struct ThinEvidence {
    /// nil: no tests or probes at all.
    private var byReason: [EvidenceStrength?: (units: Int, weight: Int)] = [:]

    /// Counts one unknown unit carrying `weight` (e.g. its covered households).
    mutating func add(_ strength: EvidenceStrength?, weight: Int) {
        let key: EvidenceStrength? = strength == .enough ? .tooFewTests : strength
        byReason[key, default: (0, 0)].units += 1
        byReason[key, default: (0, 0)].weight += weight
    }

    /// "3 communes (1,204 covered households) with too few tests, 1 (310) with stale tests"; nil when none.
    func text(unit: String, weighing: String?) -> String? {
        var parts: [String] = []
        for (reason, wording) in [
            (EvidenceStrength?.none, "without probes"), (.tooFewTests, "with too few tests"),
            (.stale, "with stale tests"),
        ] {
            guard let c = byReason[reason], c.units > 0 else { continue }
            let weight = weighing.map { " (\(DigitGrouping.grouped(c.weight)) \($0))" } ?? ""
            let noun = c.units == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit
            parts.append(parts.isEmpty ? "\(c.units) \(noun)\(weight) \(wording)" : "\(c.units)\(weight) \(wording)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
