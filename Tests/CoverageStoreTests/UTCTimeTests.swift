import CoverageModel
import Foundation
import Testing

@testable import CoverageStore

/// The importer's time parser against Foundation's ISO 8601 parser.
@Suite struct UTCTimeTests {
    static let texts: [(String, String)] = [
        ("2025-11-03T14:05:00Z", "2025-11-03T14:05:00Z"),
        ("2025-11-03 14:05:00", "2025-11-03T14:05:00Z"),
        ("2025/11/03 21:05:00+07", "2025-11-03T14:05:00Z"),
        ("2025-11-03T09:05:00-05:00", "2025-11-03T14:05:00Z"),
        ("2024-02-29T23:59:59.250Z", "2024-02-29T23:59:59.250Z"),
        ("2000-01-01", "2000-01-01T00:00:00Z"),
        ("1762178700", "2025-11-03T14:05:00Z"),
        ("1762178700000", "2025-11-03T14:05:00Z"),
    ]

    @Test(arguments: texts)
    func readsTheSpellingsAsFoundationDoes(_ c: (text: String, utc: String)) throws {
        let seconds = try #require(UTCTime.seconds(c.text))
        #expect(seconds == foundationSeconds(c.utc))
        #expect(UTCTime.iso(seconds) == c.utc)
    }

    @Test(arguments: ["yesterday", "2025-02-30", "2025-13-01", "2025-11-03T25:00:00Z", "2025-11-03T14:05:00Q", ""])
    func refusesWhatIsNoTime(_ text: String) {
        #expect(UTCTime.seconds(text) == nil)
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        for days in stride(from: -146_097, through: 146_097, by: 37) {
            let (y, m, d) = CivilDate.date(days: days)
            #expect(CivilDate.days(year: y, month: m, day: d) == days)
        }
    }
}
