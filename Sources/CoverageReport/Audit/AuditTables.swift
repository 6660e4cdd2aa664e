import CoverageAudit

/// Tables describing an audit, shared by the text, Markdown and HTML renderers.
public enum AuditTables {
    /// A signed margin in percentage points, e.g. "+0.4 pp".
    public static func points(_ margin: Double?) -> String {
        guard let margin else { return "n/a" }
        return Formatting.signedFixed(margin * 100, 1) + " pp"
    }

    /// "≥ 99.0%".
    public static func claimed(_ c: Claim) -> String { "\(c.comparator.rawValue) \(Formatting.percent(c.threshold))" }

    /// One row per claim: id, metric, measured, claimed, verdict, margin, robustness.
    public static func overview(_ audit: AuditReport, _ L: (ReportLabel) -> String) -> ReportTable {
        var t = ReportTable(
            [L(.claim), L(.claimText), L(.measured), L(.threshold), L(.verdict), L(.margin), L(.robustness)],
            numeric: [2, 3, 5])
        for o in audit.outcomes {
            t.rows.append([
                o.claim.id, o.claim.text, Formatting.percent(o.measured), claimed(o.claim),
                ReportBuilder.verdictLabel(o.verdict, L), points(o.margin),
                o.verdict == .cannotEvaluate ? o.reasons.joined(separator: "; ") : o.robustness,
            ])
        }
        return t
    }

    /// The claim's value under each definition.
    public static func alternatives(_ o: ClaimOutcome, _ L: (ReportLabel) -> String) -> ReportTable {
        var t = ReportTable([L(.definition), L(.value), L(.verdict)], numeric: [1])
        for a in o.alternatives {
            let verdict = a.holds.map { $0 ? L(.holds) : L(.doesNotHold) } ?? (a.note ?? L(.noData))
            t.rows.append([(a.primary ? "▶ " : "") + a.label, Formatting.percent(a.value), verdict])
        }
        return t
    }

    /// Units or institutions that fall short (worst first), with a "… more" row.
    public static func shortfalls(_ o: ClaimOutcome, _ L: (ReportLabel) -> String) -> ReportTable {
        var t = ReportTable([L(.code), L(.name), L(.value)], numeric: [])
        for s in o.shortfalls {
            t.rows.append([s.code, s.name, s.value.map { Formatting.percent($0) } ?? (s.detail ?? "")])
        }
        if o.shortfallCount > o.shortfalls.count {
            t.rows.append(["…", "\(o.shortfallCount - o.shortfalls.count) \(L(.andMore))", ""])
        }
        return t
    }
}
