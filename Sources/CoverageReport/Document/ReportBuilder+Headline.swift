import CoverageAnalysis
import CoverageAudit

extension ReportBuilder {
    /// The first block: how many claims hold, each claim's measured value against the claim, the five
    /// communes with the lowest coverage.
    static func headline(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        var blocks: [ReportBlock] = []
        if let audit = inputs.audit, !audit.outcomes.isEmpty {
            let holding = audit.counts[.holds] ?? 0
            let total = audit.outcomes.count
            blocks.append(
                .callout(
                    inputs.language == .vi
                        ? "\(N.grouped(holding))/\(N.grouped(total)) \(L(.claimsHold))"
                        : "\(N.grouped(holding)) of \(N.grouped(total)) claims hold"))
            var t = ReportTable([L(.claim), L(.claimText), L(.measuredAgainstClaim), L(.verdict)], numeric: [2])
            for o in audit.outcomes {
                t.rows.append([
                    o.claim.id, o.claim.text, "\(N.percent(o.measured)) / \(AuditTables.claimed(o.claim, N))",
                    verdictLabel(o.verdict, L),
                ])
            }
            blocks.append(.table(t))
        } else {
            blocks.append(.callout(L(.noClaimsHeadline)))
        }
        let key = ReportTerms.term(inputs.mapTechnology.rawValue, inputs.language)
        var worst = ReportTable(
            [L(.commune), L(.households), "\(key): \(L(.households).lowercased())"], numeric: [1, 2])
        for (u, share) in ranked(inputs).prefix(5) {
            worst.rows.append([u.name, N.grouped(u.households), N.percent(share)])
        }
        if !worst.rows.isEmpty {
            blocks.append(.subheading(L(.worstFive)))
            blocks.append(.table(worst))
        }
        return ReportSection(id: "headline", title: L(.headline), blocks: blocks)
    }
}
