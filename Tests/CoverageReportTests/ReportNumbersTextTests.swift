import CoverageModel
import Foundation
import Testing

@testable import CoverageReport

/// Grouped integers and percentages built in one buffer (``FixedDecimal/text(_:decimals:negative:thousands:decimal:suffix:)``)
/// against the paths they replaced: `DigitGrouping` with the separator swapped after, and the C
/// library's `%.1f` through `String(format:)`.
@Suite struct ReportNumbersTextTests {
    static let integers: [Int] = [
        0, 1, 9, 10, 99, 100, 999, 1_000, 1_001, 9_999, 10_000, 123_456, 999_999, 1_000_000, 4_999_999,
        1_234_567_890, -1, -999, -1_000, -1_234_567, Int.max, Int.min, Int.min + 1,
    ]

    @Test(arguments: integers, ReportLanguage.allCases)
    func groupedMatchesDigitGrouping(_ n: Int, _ language: ReportLanguage) {
        let en = DigitGrouping.grouped(n)
        let expected = language == .vi ? en.replacingOccurrences(of: ",", with: ".") : en
        #expect(ReportNumbers(language).grouped(n) == expected)
    }

    static let shares: [Double?] = [
        nil, 0, -0.0, 1, 0.5, 0.000_5, 0.000_49, 0.999_5, 0.999_49, 0.123_45, 0.904_2, 0.166_5, 1e-9, 12.345, -0.000_4,
        -0.000_5, -0.25, .nan, .infinity, -.infinity, 1e12, 1e20,
    ]

    @Test(arguments: shares, ReportLanguage.allCases)
    func percentMatchesTheCLibrary(_ share: Double?, _ language: ReportLanguage) {
        #expect(ReportNumbers(language).percent(share) == reference(share, language))
    }

    @Test func manySharesMatchTheCLibrary() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let share = Double(state >> 11) / Double(1 << 53)
            #expect(ReportNumbers(.en).percent(share) == reference(share, .en))
            #expect(ReportNumbers(.vi).percent(share) == reference(share, .vi))
        }
    }

    /// `%.1f` of the magnitude of share·100, grouped, the sign kept for non-zero digits, then `%`.
    private func reference(_ share: Double?, _ language: ReportLanguage) -> String {
        guard let share else { return language == .vi ? "không có" : "n/a" }
        let x = share * 100
        let text = String(format: "%.1f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        let en = DigitGrouping.grouped(Int(parts[0]) ?? 0)
        var out = language == .vi ? en.replacingOccurrences(of: ",", with: ".") : en
        if parts.count > 1 { out += (language == .vi ? "," : ".") + parts[1] }
        return (x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" + out : out) + "%"
    }
}
