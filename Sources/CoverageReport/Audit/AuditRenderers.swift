import CoverageAudit

/// Renders an audit as plain-text tables (for `covaudit audit -f table`).
public enum AuditText {
    public static func render(_ audit: AuditReport, language: ReportLanguage = .en) -> String {
        let L = { (label: ReportLabel) in label.text(language) }
        var out = textTable(AuditTables.overview(audit, L))
        for o in audit.outcomes {
            out += "\n\(o.claim.id): \(ReportBuilder.verdictLabel(o.verdict, L)) — \(o.definition)\n"
            for reason in o.reasons { out += "  note: \(reason)\n" }
            if !o.alternatives.isEmpty { out += indent(textTable(AuditTables.alternatives(o, L))) }
            if o.shortfallCount > 0 {
                out += "  \(L(.fallingShort)) (\(o.shortfallCount)): "
                out += o.shortfalls.map { s in
                    "\(s.code) \(s.name) " + (s.value.map { Formatting.percent($0) } ?? (s.detail ?? ""))
                }.joined(separator: "; ")
                out += o.shortfallCount > o.shortfalls.count ? "; …\n" : "\n"
            }
        }
        let c = audit.counts
        out +=
            "\n\(audit.outcomes.count) claims: \(c[.holds] ?? 0) hold, \(c[.doesNotHold] ?? 0) do not hold, "
            + "\(c[.cannotEvaluate] ?? 0) cannot be evaluated (\(audit.evaluations) parameter sets evaluated)\n"
        return out
    }

    static func textTable(_ t: ReportTable) -> String {
        var tt = TextTable(t.headers, numeric: t.numeric)
        for r in t.rows { tt.add(r.map { $0.replacingOccurrences(of: "\n", with: " ") }) }
        return tt.render()
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
    }
}

/// Renders an audit as a Markdown document (for `covaudit audit -f markdown`).
public enum AuditMarkdown {
    public static func render(_ audit: AuditReport, language: ReportLanguage = .en) -> String {
        let L = { (label: ReportLabel) in label.text(language) }
        var blocks: [ReportBlock] = [.table(AuditTables.overview(audit, L))]
        for o in audit.outcomes {
            blocks.append(.subheading("\(o.claim.id) — \(ReportBuilder.verdictLabel(o.verdict, L))"))
            blocks.append(.paragraph("“\(o.claim.text)”"))
            blocks.append(.paragraph("\(L(.definition)): \(o.definition)"))
            if !o.reasons.isEmpty { blocks.append(.list(o.reasons)) }
            if !o.alternatives.isEmpty { blocks.append(.table(AuditTables.alternatives(o, L))) }
            if o.shortfallCount > 0 {
                blocks.append(.paragraph("\(L(.fallingShort)): \(o.shortfallCount)"))
                blocks.append(.table(AuditTables.shortfalls(o, L)))
            }
        }
        let doc = ReportDocument(
            title: L(.claims), language: language, lead: [],
            sections: [ReportSection(id: "claims", title: L(.claims), blocks: blocks)])
        return ReportMarkdown.render(doc, headingLevelOffset: 0, includeTitle: false)
    }
}
