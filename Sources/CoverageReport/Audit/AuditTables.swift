import CoverageAudit

/// Tables describing an audit, shared by the text, Markdown and HTML renderers.
public enum AuditTables {
    /// A signed margin in percentage points, e.g. "+0.4 pp".
    public static func points(_ margin: Double?, _ n: ReportNumbers = ReportNumbers(.en)) -> String {
        n.points(margin)
    }

    /// "≥ 99.0%"; a download claim adds its figure: "≥ 95.0% (median ≥ 25 Mbps)".
    public static func claimed(_ c: Claim, _ n: ReportNumbers = ReportNumbers(.en)) -> String {
        let share = "\(c.comparator.rawValue) \(n.percent(c.threshold))"
        guard c.metric == .download, let mbps = c.mbps else { return share }
        let statistic = c.downloadStatistic == .median ? (n.language == .vi ? "trung vị" : "median") : "p10"
        return share + " (\(statistic) ≥ \(n.fixed(mbps, mbps == mbps.rounded() ? 0 : 1)) Mbps)"
    }

    /// A value with its interval when it has one: "72.4% (68.1–75.0%)".
    public static func value(_ a: AlternativeValue, _ n: ReportNumbers = ReportNumbers(.en)) -> String {
        guard let interval = a.interval else { return n.percent(a.value) }
        return "\(n.percent(a.value)) (\(n.fixed(interval.lower * 100, 1))–\(n.percent(interval.upper)))"
    }

    /// One row per claim: id, metric, measured, claimed, verdict, margin, robustness.
    public static func overview(
        _ audit: AuditReport, _ L: (ReportLabel) -> String, _ n: ReportNumbers = ReportNumbers(.en)
    ) -> ReportTable {
        var t = ReportTable(
            [L(.claim), L(.claimText), L(.measured), L(.threshold), L(.verdict), L(.margin), L(.robustness)],
            numeric: [2, 3, 5])
        for o in audit.outcomes {
            t.rows.append([
                o.claim.id, o.claim.text, n.percent(o.measured), claimed(o.claim, n),
                ReportBuilder.verdictLabel(o.verdict, L), n.points(o.margin),
                AuditWording.text(
                    o.verdict == .cannotEvaluate || o.verdict == .tooThin
                        ? o.reasons.joined(separator: "; ") : o.robustness, n.language),
            ])
        }
        return t
    }

    /// The claim's value under each definition.
    public static func alternatives(
        _ o: ClaimOutcome, _ L: (ReportLabel) -> String, _ n: ReportNumbers = ReportNumbers(.en)
    ) -> ReportTable {
        var t = ReportTable([L(.definition), L(.value), L(.verdict)], numeric: [1])
        for a in o.alternatives {
            var verdict =
                a.holds.map { $0 ? L(.holds) : L(.doesNotHold) }
                ?? (a.note.map { AuditWording.text($0, n.language) } ?? L(.noData))
            // Evidence alternatives also say which units are unknown when the verdict is decided anyway.
            if a.holds != nil, a.interval != nil || a.unknowns != nil, let note = a.note {
                verdict += " — " + AuditWording.text(note, n.language)
            }
            t.rows.append([
                (a.primary ? "▶ " : "") + AuditWording.text(a.label, n.language), value(a, n), verdict,
            ])
        }
        return t
    }

    /// Units or institutions that fall short (worst first), with a "… more" row.
    public static func shortfalls(
        _ o: ClaimOutcome, _ L: (ReportLabel) -> String, _ n: ReportNumbers = ReportNumbers(.en)
    ) -> ReportTable {
        var t = ReportTable([L(.code), L(.name), L(.value)], numeric: [])
        for s in o.shortfalls {
            t.rows.append([
                s.code, s.name, s.value.map { n.percent($0) } ?? AuditWording.text(s.detail ?? "", n.language),
            ])
        }
        if o.shortfallCount > o.shortfalls.count {
            t.rows.append(["…", "\(o.shortfallCount - o.shortfalls.count) \(L(.andMore))", ""])
        }
        return t
    }
}
