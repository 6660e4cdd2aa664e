import CoverageModel
import Foundation

/// What `generate --measurements` asks for: how many tests, what truth to plant, which files to write.
public struct MeasurementParameters: Codable, Sendable, Equatable {
    /// Tests to write in `measurements.csv` (planted ones included).
    public var count: Int
    /// Share of the eligible declared zoom-16 cells (wholly inside one 4G/5G polygon) planted as over-declared.
    public var overDeclaredShare: Double
    /// Share of the eligible undeclared cells (holding a hamlet, away from the operator's 4G) planted as served.
    public var undeclaredShare: Double
    /// Tests planted in each planted cell (regular tests that fall there come on top).
    public var testsPerPlantedCell: Int
    /// Also write `speed-tiles.csv` (Ookla-style mobile tiles from the crowd-app tests).
    public var speedTiles: Bool
    /// The data's as-of date (YYYY-MM-DD): the validity window is the 365 days ending with it.
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case count
        case overDeclaredShare = "over_declared_share"
        case undeclaredShare = "undeclared_share"
        case testsPerPlantedCell = "tests_per_planted_cell"
        case speedTiles = "speed_tiles"
        case asOf = "as_of"
    }

    /// The demo data's as-of date (the demo's `SOURCE_DATE_EPOCH`).
    public static let defaultAsOf = "2025-12-31"

    public init(
        count: Int, overDeclaredShare: Double = 0.1, undeclaredShare: Double = 0.05, testsPerPlantedCell: Int = 30,
        speedTiles: Bool = false, asOf: String = defaultAsOf
    ) {
        self.count = count
        self.overDeclaredShare = overDeclaredShare
        self.undeclaredShare = undeclaredShare
        self.testsPerPlantedCell = testsPerPlantedCell
        self.speedTiles = speedTiles
        self.asOf = asOf
    }

    /// Seconds since 1970 of the end of the as-of day (UTC), or nil when `asOf` is not a YYYY-MM-DD date.
    public var windowEnd: Double? {
        let parts = asOf.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            (1...31).contains(d)
        else { return nil }
        let days = CivilDate.days(year: y, month: m, day: d)
        guard CivilDate.date(days: days) == (y, m, d) else { return nil }
        return Double(days + 1) * 86_400
    }

    /// Checks the values; throws naming the first wrong one.
    public func validate() throws {
        guard count >= 0 else { throw GeneratorError(description: "--measurements must be 0 or more") }
        for (name, share) in [("--over-declared-share", overDeclaredShare), ("--undeclared-share", undeclaredShare)]
        where !(0...1).contains(share) {
            throw GeneratorError(description: "\(name) must lie between 0 and 1")
        }
        guard testsPerPlantedCell >= 1 else { throw GeneratorError(description: "tests per planted cell must be ≥ 1") }
        guard windowEnd != nil else { throw GeneratorError(description: "--as-of must be a date YYYY-MM-DD") }
    }
}
