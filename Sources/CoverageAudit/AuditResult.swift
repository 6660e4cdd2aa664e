import CoverageAnalysis

/// The outcome of checking one claim.
public enum Verdict: String, Sendable, Codable, Hashable {
    case holds
    case doesNotHold = "does not hold"
    case cannotEvaluate = "cannot be evaluated"
    /// The measurements are too few or too old to confirm or refute the claim (the bounds rule of
    /// docs/CLAIMS.md cannot decide); never a pass.
    case tooThin = "evidence too thin"
}

/// A unit (commune) or institution that falls short of a claim.
public struct Shortfall: Sendable, Codable, Hashable {
    /// Commune code or institution id.
    public var code: String
    public var name: String
    /// The unit's value (nil for an institution: it is simply not connected).
    public var value: Double?
    /// Institutions: the recorded connection; communes: nil.
    public var detail: String?
}

/// The claim's value under one definition.
public struct AlternativeValue: Sendable, Codable, Hashable {
    /// A stable key, e.g. "households", "hamlets:share>=0.8", "fibre:network", "planned:included".
    public var key: String
    /// A readable definition.
    public var label: String
    public var value: Double?
    /// Whether the claim holds under this definition (nil when it cannot be evaluated).
    public var holds: Bool?
    /// True for the definition the verdict uses.
    public var primary: Bool
    /// Why the value is missing, or a caveat.
    public var note: String?
    /// Evidence alternatives: the conservative bound around `value` (per-unit Wilson bounds, unknown
    /// units at 0 and at 1; not a joint confidence interval). Nil for the declared definitions.
    public var interval: ProportionInterval?
    /// Evidence alternatives: the communes or institutions whose evidence is not enough (unknowns).
    public var unknowns: Int?

    /// A value under one definition (`interval` and `unknowns` only for evidence alternatives).
    public init(
        key: String, label: String, value: Double?, holds: Bool?, primary: Bool, note: String? = nil,
        interval: ProportionInterval? = nil, unknowns: Int? = nil
    ) {
        self.key = key
        self.label = label
        self.value = value
        self.holds = holds
        self.primary = primary
        self.note = note
        self.interval = interval
        self.unknowns = unknowns
    }
}

/// The audit of one claim.
public struct ClaimOutcome: Sendable, Codable, Hashable {
    public var claim: Claim
    /// What was measured, e.g. "households covered by broadband (fibre or 3G+)".
    public var definition: String
    public var measured: Double?
    public var verdict: Verdict
    /// measured − threshold, in share points (fraction), signed.
    public var margin: Double?
    /// Why the claim cannot be evaluated (which layer is missing), or caveats.
    public var reasons: [String]
    /// Units (or institutions) that fall short, worst first (at most `shortfallLimit`).
    public var shortfalls: [Shortfall]
    /// How many fall short in total.
    public var shortfallCount: Int
    /// The value under the other reasonable definitions (the primary one included).
    public var alternatives: [AlternativeValue]
    /// "every definition", "only some definitions", "no definition" or "n/a".
    public var robustness: String

    enum CodingKeys: String, CodingKey {
        case claim, definition, measured, verdict, margin, reasons, shortfalls, alternatives, robustness
        case shortfallCount = "shortfall_count"
    }
}

/// The audit of a claims file.
public struct AuditReport: Sendable, Codable {
    /// The base parameters (alternatives vary them).
    public var parameters: CoverageParameters
    public var outcomes: [ClaimOutcome]
    /// Distinct parameter sets evaluated.
    public var evaluations: Int

    /// True when every claim holds.
    public var allHold: Bool { outcomes.allSatisfy { $0.verdict == .holds } }

    /// Counts by verdict.
    public var counts: [Verdict: Int] {
        var c: [Verdict: Int] = [:]
        for o in outcomes { c[o.verdict, default: 0] += 1 }
        return c
    }
}
