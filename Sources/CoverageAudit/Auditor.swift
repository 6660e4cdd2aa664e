import CoverageAnalysis
import CoverageModel
import CoverageStore

/// Audits claims against a store: the verdict under the base definitions and the value under the
/// other reasonable ones, computing each distinct parameter set once.
public struct Auditor {
    public let store: Store
    /// The base definitions (the verdict uses them; the claim's technologies may set the broadband minimum).
    public let base: CoverageParameters
    /// Called with progress messages (for stderr).
    public var progress: ((String) -> Void)?
    /// Institutions listed as falling short, at most this many per claim.
    public var shortfallLimit = 10
    private var cache: [CoverageParameters: CoverageResult] = [:]
    /// Results computed ahead for the claims (`prepare`), moved into `cache` when a claim asks.
    private var prepared: [CoverageParameters: CoverageResult] = [:]
    /// Classification tallies shared by parameter sets that differ only after classification.
    public var locationCache = LocationPassCache()
    private var institutionRecords: [Institution]?
    /// Filters or measures of the evaluated runs that matched no data (for stderr), in order, once each.
    public private(set) var warnings: [String] = []
    /// Measured evidence (nil: the store has no measurements, or they were skipped). With it, unit
    /// and institution claims get an evidence-weighted alternative and download claims can be judged.
    public var evidence: EvidenceResult?
    /// Why there is no evidence, for download claims that cannot be evaluated without it.
    public var evidenceMissing =
        "no measurements in the store (the measurements layer is empty; covaudit import measurements FILE)"
    private var communeNames: [String: String]?

    /// - Parameter baseResult: a result already computed for `base` (e.g. the stored run of a report).
    public init(store: Store, base: CoverageParameters, baseResult: CoverageResult? = nil) throws {
        self.store = store
        var b = base
        if b.vintage == nil { b.vintage = try baseResult?.parameters.vintage ?? store.newestVintage() }
        b.technologies = Measure.allCases
        b.grouping = .commune
        b.storeLocationResults = false
        if let baseResult {
            var key = Self.normalised(baseResult.parameters)
            key.technologies = Measure.allCases
            if baseResult.parameters.technologies.count == Measure.allCases.count,
                baseResult.parameters.grouping == .commune
            {
                cache[key] = baseResult
            }
        }
        self.base = b
    }

    /// True when the result for `key` (normalised) is computed or prepared.
    func isComputed(_ key: CoverageParameters) -> Bool { cache[key] != nil || prepared[key] != nil }

    /// Keeps a result computed ahead for `key` (normalised) until a claim asks for it.
    mutating func addPrepared(_ result: CoverageResult, for key: CoverageParameters) { prepared[key] = result }

    /// The number of distinct parameter sets computed or reused so far.
    public var evaluations: Int { cache.count }

    /// Audits every claim of the set.
    public mutating func audit(_ claims: ClaimSet) throws -> AuditReport {
        try prepare(claims.claims)
        var outcomes: [ClaimOutcome] = []
        for claim in claims.claims {
            progress?("audit: claim \(claim.id)")
            outcomes.append(try audit(claim))
        }
        return AuditReport(parameters: base, outcomes: outcomes, evaluations: cache.count)
    }

    /// Audits one claim.
    public mutating func audit(_ claim: Claim) throws -> ClaimOutcome {
        if claim.metric == .download { return try auditDownload(claim) }
        let measure = try ClaimMeasure(claim: claim)
        var primaryParameters = base
        if let minimum = measure.broadbandMinimum { primaryParameters.broadbandMinimum = minimum }
        let primary = try result(primaryParameters)
        for w in primary.warnings where !warnings.contains(w) { warnings.append(w) }
        var evaluation = ClaimEvaluation(claim: claim, measure: measure, primary: primary, limit: shortfallLimit)
        switch claim.metric {
        case .institutions:
            if institutionRecords == nil { institutionRecords = try store.institutions() }
            evaluation.evaluateInstitutions(records: institutionRecords ?? [])
            if let evidence, evaluation.outcome.verdict != .cannotEvaluate {
                evaluation.addInstitutionProbes(evidence, records: institutionRecords ?? [])
            }
        case .communes:
            evaluation.evaluateCommunes()
            if measure.includesFibre, evaluation.outcome.verdict != .cannotEvaluate {
                let planned = try result(flippedPlanned(primaryParameters, areas: false))
                evaluation.addCommunesPlanned(planned, included: !primaryParameters.includePlanned)
            }
        case .households, .population, .hamlets, .area:
            evaluation.evaluateUnits()
            guard evaluation.outcome.verdict != .cannotEvaluate else { break }
            var variants: [(HamletRule, CoverageResult)] = []
            for rule in Self.hamletRules {
                if rule == primaryParameters.hamletRule {
                    variants.append((rule, primary))
                } else {
                    var p = primaryParameters
                    p.hamletRule = rule
                    p.computeAreas = false
                    variants.append((rule, try result(p)))
                }
            }
            evaluation.addHamletRules(variants, primaryRule: primaryParameters.hamletRule)
            if measure.includesFibre {
                let planned = try result(flippedPlanned(primaryParameters, areas: false))
                evaluation.addPlanned(planned, included: !primaryParameters.includePlanned)
            }
            if let evidence { evaluation.addUnitEvidence(evidence) }
        case .download:
            preconditionFailure("download claims are audited by auditDownload")
        }
        evaluation.finish()
        return evaluation.outcome
    }

    /// Audits a measured-speed claim on the evidence (no coverage run is needed).
    private mutating func auditDownload(_ claim: Claim) throws -> ClaimOutcome {
        if evidence != nil, communeNames == nil {
            communeNames = Dictionary(
                try store.adminUnits(vintage: base.vintage, level: .commune).map { ($0.code, $0.name) },
                uniquingKeysWith: { a, _ in a })
        }
        var evaluation = SpeedClaimEvaluation(claim: claim, names: communeNames ?? [:], limit: shortfallLimit)
        return evaluation.evaluate(evidence, missing: evidenceMissing)
    }

    /// The hamlet rules every unit claim is also evaluated under.
    public static let hamletRules: [HamletRule] = [.any, .share(0.5), .share(0.8), .centroid]

    private func flippedPlanned(_ p: CoverageParameters, areas: Bool) -> CoverageParameters {
        var q = p
        q.includePlanned.toggle()
        q.computeAreas = areas && p.computeAreas
        return q
    }

    /// The result for a parameter set, computed once.
    private mutating func result(_ parameters: CoverageParameters) throws -> CoverageResult {
        let key = Self.normalised(parameters)
        if let hit = cache[key] { return hit }
        if let ready = prepared.removeValue(forKey: key) {
            cache[key] = ready
            return ready
        }
        progress?(
            "audit: evaluating hamlet rule \(key.hamletRule), planned \(key.includePlanned ? "included" : "excluded"), "
                + "broadband minimum \(key.broadbandMinimum.rawValue)\(key.computeAreas ? ", with areas" : "")")
        var analyzer = CoverageAnalyzer(store: store, parameters: key)
        analyzer.locationCache = locationCache
        let computed = try analyzer.evaluate()
        cache[key] = computed
        return computed
    }

    /// The cache key of a parameter set (results do not depend on what is stored or the grouping).
    static func normalised(_ p: CoverageParameters) -> CoverageParameters {
        var q = p
        q.storeLocationResults = false
        q.grouping = .commune
        return q
    }
}
