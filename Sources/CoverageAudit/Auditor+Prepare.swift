import CoverageAnalysis
import CoverageModel

extension Auditor {
    /// Computes, together, every parameter set `claims` will ask for that is not computed yet
    /// (`CoverageAlternatives`: one snapshot, one read of the layers, one location pass), so
    /// that auditing them afterwards evaluates nothing; the results are those of separate runs.
    public mutating func prepare(_ claims: [Claim]) throws {
        var sets: [CoverageParameters] = []
        for claim in claims {
            for p in parameterSets(claim) {
                let key = Self.normalised(p)
                if !isComputed(key), !sets.contains(key) { sets.append(key) }
            }
        }
        guard !sets.isEmpty else { return }
        for key in sets {
            progress?(
                "audit: evaluating hamlet rule \(key.hamletRule), planned \(key.includePlanned ? "included" : "excluded"), "
                    + "broadband minimum \(key.broadbandMinimum.rawValue)\(key.computeAreas ? ", with areas" : "")")
        }
        var alternatives = CoverageAlternatives(store: store)
        alternatives.locationCache = locationCache
        let results = try alternatives.evaluate(sets)
        for (key, result) in zip(sets, results) { addPrepared(result, for: key) }
    }

    /// The parameter sets auditing `claim` may ask for (`audit(_:)` asks for them in this order;
    /// the alternatives only when the claim can be evaluated, so some may go unused).
    func parameterSets(_ claim: Claim) -> [CoverageParameters] {
        guard claim.metric != .download, let measure = try? ClaimMeasure(claim: claim) else { return [] }
        var primary = base
        if let minimum = measure.broadbandMinimum { primary.broadbandMinimum = minimum }
        var out = [primary]
        var planned = primary
        planned.includePlanned.toggle()
        planned.computeAreas = false
        switch claim.metric {
        case .communes:
            if measure.includesFibre { out.append(planned) }
        case .households, .population, .hamlets, .area:
            for rule in Self.hamletRules where rule != primary.hamletRule {
                var p = primary
                p.hamletRule = rule
                p.computeAreas = false
                out.append(p)
            }
            if measure.includesFibre { out.append(planned) }
        case .institutions, .download:
            break
        }
        return out
    }
}
