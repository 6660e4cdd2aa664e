import CoverageAnalysis

/// The bounds rule of docs/CLAIMS.md: evidence decides a claim only when the answer is the same with
/// every unknown unit (a commune or institution whose evidence is not enough) at share 0 and at share 1.
public enum BoundsRule {
    /// Whether the claim holds for every value in `low…high`; nil when some values hold and others do not.
    ///
    /// Every comparator but `==` is monotone in the value, so the two ends decide; `==` is decided
    /// only when the range is one value, or when the threshold lies outside it (does not hold).
    public static func decide(low: Double, high: Double, comparator: Comparator, threshold: Double) -> Bool? {
        if comparator == .equal {
            guard
                comparator.holds(low, threshold) || comparator.holds(high, threshold)
                    || (low < threshold && threshold < high)
            else { return false }
            return comparator.holds(low, threshold) && comparator.holds(high, threshold) ? true : nil
        }
        let atLow = comparator.holds(low, threshold)
        return atLow == comparator.holds(high, threshold) ? atLow : nil
    }
}

/// Per-unit evidence folded into one share: Σ weight·share / Σ total, where units with enough
/// evidence contribute their measured share and the others (unknowns) are kept apart for the bounds.
public struct WeightedEvidence: Sendable, Hashable {
    /// Σ total over every unit: the denominator.
    public private(set) var total = 0.0
    /// Σ weight over the units with enough evidence.
    public private(set) var knownWeight = 0.0
    /// Σ weight·share over the units with enough evidence.
    public private(set) var knownValue = 0.0
    /// Σ weight·(lower bound of the share) over those.
    public private(set) var knownLower = 0.0
    /// Σ weight·(upper bound of the share) over those.
    public private(set) var knownUpper = 0.0
    /// Σ weight over the unknown units (weight 0 units are never unknowns: they cannot move the share).
    public private(set) var unknownWeight = 0.0
    /// How many units with a positive weight are unknown.
    public private(set) var unknownCount = 0

    /// Nothing added yet.
    public init() {}

    /// Adds a unit with enough evidence: `weight` (e.g. covered households) of `total` (all households),
    /// served `share` with its interval.
    public mutating func addKnown(weight: Double, total: Double, share: Double, interval: ProportionInterval) {
        self.total += total
        knownWeight += weight
        knownValue += weight * share
        knownLower += weight * interval.lower
        knownUpper += weight * interval.upper
    }

    /// Adds a unit whose evidence is not enough (or a unit with nothing to weigh, `weight` 0).
    public mutating func addUnknown(weight: Double, total: Double) {
        self.total += total
        guard weight > 0 else { return }
        unknownWeight += weight
        unknownCount += 1
    }

    /// The share with every unknown at 0; nil without a denominator.
    public var low: Double? { total > 0 ? knownValue / total : nil }
    /// The share with every unknown at 1; nil without a denominator.
    public var high: Double? { total > 0 ? (knownValue + unknownWeight) / total : nil }

    /// The point value: unknowns take the pooled share of the known units (Σ weight·share / Σ weight),
    /// so it always lies between `low` and `high`; nil without known units or a denominator.
    public var value: Double? {
        guard total > 0, knownWeight > 0 else { return unknownWeight == 0 ? low : nil }
        return (knownValue + unknownWeight * knownValue / knownWeight) / total
    }

    /// The conservative bound: known units at their lower (upper) interval bound, unknowns at 0 (1).
    /// Not a joint confidence interval: each unit's bound holds at the confidence level on its own.
    public var interval: ProportionInterval? {
        guard total > 0 else { return nil }
        return ProportionInterval(lower: knownLower / total, upper: (knownUpper + unknownWeight) / total)
    }

    /// The bounds rule on `low`…`high`; nil without a denominator or when the unknowns decide.
    public func decide(_ comparator: Comparator, _ threshold: Double) -> Bool? {
        guard let low, let high else { return nil }
        return BoundsRule.decide(low: low, high: high, comparator: comparator, threshold: threshold)
    }
}
