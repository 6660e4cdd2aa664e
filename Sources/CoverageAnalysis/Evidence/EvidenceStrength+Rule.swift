import Foundation

extension EvidenceStrength {
    /// The evidence-strength rule (docs/DEFINITIONS.md, "Evidence strength"): enough with at least
    /// `minimumTestsPerCell` tests and an `interval` no wider than `maximumIntervalWidth`; otherwise
    /// stale when the `stale` tests would have reached the minimum; otherwise too few tests.
    public static func judge(
        tests: Int, interval: ProportionInterval?, stale: Int, parameters: EvidenceParameters
    ) -> EvidenceStrength {
        if tests >= parameters.minimumTestsPerCell, let interval, interval.width <= parameters.maximumIntervalWidth {
            return .enough
        }
        if stale > 0, tests + stale >= parameters.minimumTestsPerCell { return .stale }
        return .tooFewTests
    }

    /// The rule for `passing` served tests of `tests`, with their Wilson interval at the confidence level.
    public static func judge(
        passing: Int, of tests: Int, stale: Int, parameters: EvidenceParameters
    ) -> EvidenceStrength {
        let interval = EvidenceStatistics.wilson(
            successes: passing, trials: tests, confidence: parameters.confidenceLevel)
        return judge(tests: tests, interval: interval, stale: stale, parameters: parameters)
    }

    /// The rule for the `level` quantile (0.5: the median) of `tests` download tests: the interval is
    /// the Wilson interval of the quantile's rank share, round(level·n) of n — the range of population
    /// quantile levels the sample quantile may stand for. Enough for a median needs 93 tests at the
    /// defaults (an interval at most 0.2 wide), for a 10th percentile fewer.
    public static func judgeQuantile(
        level: Double, tests: Int, stale: Int, parameters: EvidenceParameters
    ) -> EvidenceStrength {
        judge(passing: Int((level * Double(tests)).rounded()), of: tests, stale: stale, parameters: parameters)
    }
}
