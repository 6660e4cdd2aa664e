import CoverageAudit

/// Renders an audit as plain-text tables (for `covaudit audit -f table`).
public enum AuditText {
    public static func render(_ audit: AuditReport, language: ReportLanguage = .en) -> String {
        let L = { (label: ReportLabel) in label.text(language) }
        let N = ReportNumbers(language)
        var out = textTable(AuditTables.overview(audit, L, N))
        for o in audit.outcomes {
            out +=
                "\n\(o.claim.id): \(ReportBuilder.verdictLabel(o.verdict, L)) — \(AuditWording.text(o.definition, language))\n"
            for reason in o.reasons { out += "  \(L(.notes)): \(AuditWording.text(reason, language))\n" }
            if !o.alternatives.isEmpty { out += indent(textTable(AuditTables.alternatives(o, L, N))) }
            if o.shortfallCount > 0 {
                out += "  \(L(.fallingShort)) (\(N.grouped(o.shortfallCount))): "
                out += o.shortfalls.map { s in
                    "\(s.code) \(s.name) " + (s.value.map { N.percent($0) } ?? (s.detail ?? ""))
                }.joined(separator: "; ")
                out += o.shortfallCount > o.shortfalls.count ? "; …\n" : "\n"
            }
        }
        let c = audit.counts
        let (h, d, u) = (N.grouped(c[.holds] ?? 0), N.grouped(c[.doesNotHold] ?? 0), N.grouped(c[.cannotEvaluate] ?? 0))
        let thin = c[.tooThin].map {
            language == .vi ? ", \(N.grouped($0)) không đủ bằng chứng" : ", \($0) evidence too thin"
        }
        out +=
            language == .vi
            ? "\n\(N.grouped(audit.outcomes.count)) số liệu công bố: \(h) đạt, \(d) không đạt, \(u) không thể đánh giá"
                + "\(thin ?? "") (đã tính \(N.grouped(audit.evaluations)) bộ tham số)\n"
            : "\n\(audit.outcomes.count) claims: \(h) hold, \(d) do not hold, \(u) cannot be evaluated"
                + "\(thin ?? "") (\(audit.evaluations) parameter sets evaluated)\n"
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
        let N = ReportNumbers(language)
        var blocks: [ReportBlock] = [.table(AuditTables.overview(audit, L, N))]
        for o in audit.outcomes {
            blocks.append(.subheading("\(o.claim.id) — \(ReportBuilder.verdictLabel(o.verdict, L))"))
            blocks.append(.paragraph("“\(o.claim.text)”"))
            blocks.append(.paragraph("\(L(.definition)): \(AuditWording.text(o.definition, language))"))
            if !o.reasons.isEmpty { blocks.append(.list(o.reasons.map { AuditWording.text($0, language) })) }
            if !o.alternatives.isEmpty { blocks.append(.table(AuditTables.alternatives(o, L, N))) }
            if o.shortfallCount > 0 {
                blocks.append(.paragraph("\(L(.fallingShort)): \(N.grouped(o.shortfallCount))"))
                blocks.append(.table(AuditTables.shortfalls(o, L, N)))
            }
        }
        let doc = ReportDocument(
            title: L(.claims), language: language, lead: [],
            sections: [ReportSection(id: "claims", title: L(.claims), blocks: blocks)])
        return ReportMarkdown.render(doc, headingLevelOffset: 0, includeTitle: false)
    }
}
