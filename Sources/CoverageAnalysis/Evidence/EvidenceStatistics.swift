import Foundation

/// A two-sided confidence interval for a proportion.
public struct ProportionInterval: Hashable, Sendable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public var width: Double { upper - lower }
}

/// The closed-form statistics behind the evidence figures: Wilson intervals, exact binomial tail
/// probabilities and the one-sided binomial tests built on them, the normal quantile, percentiles.
public enum EvidenceStatistics {
    /// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation, refined by
    /// one Halley step on `erfc`: error below 1e-15 relative in the range used here).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // One Halley step: e = Φ(x) − p.
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The two-sided z value for `confidence` (1.959964 for 0.95).
    public static func z(confidence: Double) -> Double { normalQuantile(1 - (1 - confidence) / 2) }

    /// The Wilson score interval for `successes` out of `trials` at `confidence`; nil for 0 trials
    /// ("no data", never a 0% share).
    ///
    /// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
    public static func wilson(successes: Int, trials: Int, confidence: Double) -> ProportionInterval? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z = z(confidence: confidence)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ProportionInterval(lower: Swift.max(0, centre - half), upper: Swift.min(1, centre + half))
    }

    /// log P(X = k) for X ~ Binomial(n, p), 0 < p < 1.
    static func logBinomialPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return logChoose + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// P(X ≤ k) for X ~ Binomial(n, p): the exact lower tail, summed term by term in log space (no
    /// underflow of pⁿ for large n).
    public static func binomialLowerTail(_ k: Int, trials n: Int, probability p: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        if p <= 0 { return 1 }
        if p >= 1 { return 0 }
        var total = 0.0
        for i in 0...k { total += exp(logBinomialPMF(i, n, p)) }
        return Swift.min(1, total)
    }

    /// P(X ≥ k) for X ~ Binomial(n, p).
    public static func binomialUpperTail(_ k: Int, trials n: Int, probability p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var total = 0.0
        for i in k...n { total += exp(logBinomialPMF(i, n, p)) }
        return Swift.min(1, total)
    }

    /// The one-sided exact binomial test of H₀: share ≥ `declared` against H₁: share < `declared`:
    /// the p-value P(X ≤ successes | n, declared). The share is significantly below `declared` when
    /// this is below 1 − confidence.
    public static func pValueBelow(successes: Int, trials: Int, declared: Double) -> Double {
        binomialLowerTail(successes, trials: trials, probability: declared)
    }

    /// The one-sided exact binomial test of H₀: share ≤ `level` against H₁: share > `level`:
    /// the p-value P(X ≥ successes | n, level).
    public static func pValueAbove(successes: Int, trials: Int, level: Double) -> Double {
        binomialUpperTail(successes, trials: trials, probability: level)
    }

    /// The `q` quantile (0…1) of `sorted` values by linear interpolation between closest ranks
    /// (position q·(n−1), as NumPy's default); nil when empty.
    public static func quantile(sorted: UnsafeBufferPointer<Double>, _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down))
        let hi = Swift.min(sorted.count - 1, lo + 1)
        let fraction = position - Double(lo)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * fraction
    }

    /// The `q` quantile of `values` (sorted here), as `quantile(sorted:_:)`.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.sorted()
        return sorted.withUnsafeBufferPointer { quantile(sorted: $0, q) }
    }
}
