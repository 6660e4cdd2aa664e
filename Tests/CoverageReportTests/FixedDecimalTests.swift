import Foundation
import Testing

@testable import CoverageReport

/// Report numbers rounded without a formatter, against the C library's rounding through
/// `String(format:)` (the path they replaced, still used for the numbers the fast path declines).
@Suite struct FixedDecimalTests {
    /// Exact ties (0.25, 0.125, 2.5, …), values a hair off a tie, zeros, tiny and large values.
    static let values: [Double] = [
        0, -0.0, 0.25, 0.75, 0.125, 0.375, 2.5, 3.5, 0.05, 0.15, 0.35, 2.675, 1.005, 99.95, 99.949_999_999_999_99,
        100, 0.049_999_999_999_999_996, 0.250_000_000_000_000_06, 0.249_999_999_999_999_97, 1e-320, 5e-324,
        12_345.678_9,
        123_456_789.125, 1_099_511_627.775, 1e12, 1e21, -0.04, -0.05, -2.5, -1234.5678, .nan, .infinity, -.infinity,
    ]

    @Test(arguments: values, [0, 1, 2, 3, 6])
    func matchesTheCLibrary(_ x: Double, _ decimals: Int) {
        #expect(ReportNumbers(.en).fixed(x, decimals) == reference(x, decimals, .en))
        #expect(ReportNumbers(.vi).fixed(x, decimals) == reference(x, decimals, .vi))
    }

    @Test func sharesAndAreasMatchTheCLibrary() {
        // A fixed linear congruential sequence: the same values every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<50_000 {
            let share = next()
            let area = next() * 1e6
            for d in [1, 2, 6] {
                #expect(ReportNumbers(.en).fixed(share * 100, d) == reference(share * 100, d, .en))
                #expect(ReportNumbers(.en).fixed(area, d) == reference(area, d, .en))
            }
        }
    }

    /// The previous implementation: `%.Nf` of the magnitude, grouped, sign kept for non-zero digits.
    private func reference(_ x: Double, _ decimals: Int, _ language: ReportLanguage) -> String {
        let text = String(format: "%.\(decimals)f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        let numbers = ReportNumbers(language)
        var out = numbers.grouped(Int(parts[0]) ?? 0)
        if parts.count > 1 { out += (language == .vi ? "," : ".") + parts[1] }
        return x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" + out : out
    }
}
