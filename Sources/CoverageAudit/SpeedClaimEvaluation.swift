import CoverageAnalysis
import Foundation

/// Builds the outcome of a `download` claim from measured evidence: the share of communes whose
/// median (or 10th-percentile) valid download reaches `mbps`, decided by the bounds rule.
struct SpeedClaimEvaluation {
    let claim: Claim
    /// Commune names by code (the vintage the evidence was computed for).
    let names: [String: String]
    let limit: Int
    var outcome: ClaimOutcome

    init(claim: Claim, names: [String: String], limit: Int) {
        self.claim = claim
        self.names = names
        self.limit = limit
        let statistic = claim.downloadStatistic
        let scope = claim.operatorName.map { " of \($0)" } ?? ""
        outcome = ClaimOutcome(
            claim: claim,
            definition: "communes whose \(statistic.label) valid download\(scope) is at least "
                + "\(Self.mbps(claim.mbps ?? 0)) Mbps",
            measured: nil, verdict: .cannotEvaluate, margin: nil, reasons: [], shortfalls: [], shortfallCount: 0,
            alternatives: [], robustness: "n/a")
    }

    /// "25" or "2.5".
    static func mbps(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    private mutating func fail(_ reason: String) -> ClaimOutcome {
        outcome.verdict = .cannotEvaluate
        outcome.reasons.append(reason)
        return outcome
    }

    /// The outcome; `evidence` nil: no measurements (`missing` says why).
    mutating func evaluate(_ evidence: EvidenceResult?, missing: String) -> ClaimOutcome {
        guard let evidence else { return fail(missing) }
        if let name = claim.operatorName, !evidence.operators.contains(name) {
            return fail(
                "no tests or declared coverage of operator '\(name)' (known operators: "
                    + "\(evidence.operators.joined(separator: ", ")))")
        }
        let known = Set(evidence.rows.compactMap(\.communeCode))
        let codes = claim.filter?.units ?? known.sorted()
        let unknownCodes = codes.filter { !known.contains($0) }
        guard unknownCodes.isEmpty else {
            return fail("unknown commune codes in filter.units: \(unknownCodes.joined(separator: ", "))")
        }
        guard !codes.isEmpty else { return fail("no communes in the store") }
        let primary = judge(claim.downloadStatistic, codes, evidence)
        outcome.measured = primary.weighted.value
        if let holds = primary.weighted.decide(claim.comparator, claim.threshold) {
            outcome.verdict = holds ? .holds : .doesNotHold
            outcome.margin = outcome.measured.map { $0 - claim.threshold }
        } else {
            outcome.verdict = .tooThin
        }
        if let text = primary.thin.text(unit: "communes", weighing: nil) {
            let thin = "in \(primary.weighted.unknownCount) of \(codes.count) communes (\(text))"
            if outcome.verdict == .tooThin, let low = primary.weighted.low, let high = primary.weighted.high {
                outcome.reasons.append(
                    "evidence too thin \(thin): the share lies between \(Self.percent(low)) and \(Self.percent(high))")
            } else {
                outcome.reasons.append("evidence not enough \(thin); the verdict is the same either way")
            }
        }
        for statistic in [claim.downloadStatistic] + ClaimStatistic.allCases.filter({ $0 != claim.downloadStatistic }) {
            let judged = statistic == claim.downloadStatistic ? primary : judge(statistic, codes, evidence)
            outcome.alternatives.append(
                AlternativeValue(
                    key: "download:\(statistic.rawValue)",
                    label: "communes whose \(statistic.label) download is at least \(Self.mbps(claim.mbps ?? 0)) Mbps",
                    value: judged.weighted.value, holds: judged.weighted.decide(claim.comparator, claim.threshold),
                    primary: statistic == claim.downloadStatistic,
                    note: judged.thin.text(unit: "communes", weighing: nil), interval: judged.weighted.interval,
                    unknowns: judged.weighted.unknownCount))
        }
        if claim.comparator.wantsMore {
            let failing = primary.values.filter { $0.value < (claim.mbps ?? 0) }.sorted {
                $0.value != $1.value ? $0.value < $1.value : $0.code < $1.code
            }
            outcome.shortfallCount = failing.count
            outcome.shortfalls = failing.prefix(limit).map {
                Shortfall(
                    code: $0.code, name: names[$0.code] ?? $0.code, value: nil,
                    detail:
                        "\(claim.downloadStatistic.label) \(String(format: "%.1f", $0.value)) Mbps (\($0.tests) tests)")
            }
        }
        outcome.robustness = ClaimEvaluation.robustness(outcome)
        return outcome
    }

    /// One statistic over the communes: the bounds, the unknowns and the known communes' values.
    private func judge(_ statistic: ClaimStatistic, _ codes: [String], _ evidence: EvidenceResult) -> (
        weighted: WeightedEvidence, thin: ThinEvidence, values: [(code: String, value: Double, tests: Int)]
    ) {
        var weighted = WeightedEvidence()
        var thin = ThinEvidence()
        var values: [(code: String, value: Double, tests: Int)] = []
        let figure = claim.mbps ?? 0
        for code in codes {
            let row = evidence.row(commune: code, operator: claim.operatorName)
            let tests = row?.downloadTests ?? 0
            let strength = EvidenceStrength.judgeQuantile(
                level: statistic.level, tests: tests, stale: row?.excluded(.stale) ?? 0, parameters: evidence.parameters
            )
            let value = statistic == .median ? row?.medianDownloadMbps : row?.p10DownloadMbps
            guard strength == .enough, let value else {
                weighted.addUnknown(weight: 1, total: 1)
                thin.add(strength, weight: 1)
                continue
            }
            let meets: Double = value >= figure ? 1 : 0
            weighted.addKnown(
                weight: 1, total: 1, share: meets, interval: ProportionInterval(lower: meets, upper: meets))
            values.append((code, value, tests))
        }
        return (weighted, thin, values)
    }

    /// "41.7%".
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
}
