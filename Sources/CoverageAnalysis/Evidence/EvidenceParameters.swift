import CoverageModel
import Foundation

/// A download/upload speed pair a test must reach in both directions to "meet the tier".
public struct SpeedTier: Hashable, Sendable, Codable, CustomStringConvertible {
    public var downloadMbps: Double
    public var uploadMbps: Double

    public init(downloadMbps: Double, uploadMbps: Double) {
        self.downloadMbps = downloadMbps
        self.uploadMbps = uploadMbps
    }

    /// True when both directions reach the tier (a missing direction never meets it).
    public func isMet(download: Double?, upload: Double?) -> Bool {
        guard let download, let upload else { return false }
        return download >= downloadMbps && upload >= uploadMbps
    }

    /// "10/1" style label (Mbps).
    public var description: String {
        "\(Self.format(downloadMbps))/\(Self.format(uploadMbps))"
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}

/// The minimum signal (RSRP, or RSCP for 3G, in dBm) that counts as service, outdoors and indoors.
public struct SignalThreshold: Hashable, Sendable, Codable {
    public var outdoorDbm: Double
    public var indoorDbm: Double

    public init(outdoorDbm: Double, indoorDbm: Double) {
        self.outdoorDbm = outdoorDbm
        self.indoorDbm = indoorDbm
    }

    /// The threshold for `environment`; an unrecorded environment is judged as outdoors.
    public func dbm(for environment: TestEnvironment?) -> Double {
        environment == .indoor ? indoorDbm : outdoorDbm
    }
}

/// The signal thresholds per technology (nil: tests of that technology are not judged by signal).
///
/// A struct rather than a dictionary so the stored parameters read as `{"g4": {...}}` in JSON.
public struct SignalThresholds: Hashable, Sendable, Codable {
    public var g2: SignalThreshold?
    public var g3: SignalThreshold?
    public var g4: SignalThreshold?
    public var g5: SignalThreshold?

    public init(
        g2: SignalThreshold? = nil, g3: SignalThreshold? = nil, g4: SignalThreshold? = nil,
        g5: SignalThreshold? = nil
    ) {
        self.g2 = g2
        self.g3 = g3
        self.g4 = g4
        self.g5 = g5
    }

    /// The threshold of `technology`.
    public subscript(technology: Technology) -> SignalThreshold? {
        get {
            switch technology {
            case .g2: g2
            case .g3: g3
            case .g4: g4
            case .g5: g5
            }
        }
        set {
            switch technology {
            case .g2: g2 = newValue
            case .g3: g3 = newValue
            case .g4: g4 = newValue
            case .g5: g5 = newValue
            }
        }
    }
}

/// The thresholds that turn measurements into evidence about declared coverage.
///
/// Every default, and where it comes from, is in docs/DEFINITIONS.md ("Measured evidence").
/// Which quantity decides "served" for one test: a test with both download and upload recorded is
/// judged by `servedTier` (both directions must reach it); a test without both speeds but with a
/// signal reading (a signal-only drive test) is judged by `signal` for its technology and
/// environment; a test with neither cannot be judged and is excluded (`notJudgeable`).
public struct EvidenceParameters: Hashable, Sendable, Codable {
    /// Signal thresholds per technology (2G has none by default: GSM records RSSI, which the
    /// measurement model does not carry). Defaults: Ofcom's coverage thresholds, indoor = outdoor
    /// + 10 dB building penetration loss.
    public var signal: SignalThresholds
    /// The speed tiers reported (tests meeting each, per commune and operator; at most 8).
    public var speedTiers: [SpeedTier]
    /// The tier that decides "served" for a speed test (default 10/1 Mbps, the lowest tier).
    public var servedTier: SpeedTier
    /// Tests older than this many days before the as-of date are stale (default 365: the FCC BDC
    /// keeps challenge tests valid for one year).
    public var validityDays: Int
    /// First valid local hour, inclusive (default 6: FCC BDC tests must be taken 6:00–22:00 local).
    public var firstHour: Int
    /// Local hour at which validity ends, exclusive (default 22).
    public var endHour: Int
    /// Local time offset from UTC, seconds (default +7 h: Vietnam, no daylight saving).
    public var utcOffsetSeconds: Int
    /// Valid tests a zoom-16 cell needs before it can be a challenge or served-but-undeclared
    /// candidate (default 5).
    public var minimumTestsPerCell: Int
    /// The confidence level of intervals and tests (default 0.95).
    public var confidenceLevel: Double
    /// The share of tests a declared area promises to serve (default 0.9: the FCC BDC propagation
    /// maps are drawn at a 90% cell-edge probability). A cell is challenged when its passing share is
    /// significantly below this.
    public var declaredServedShare: Double
    /// A cell outside declared coverage is served-but-undeclared when its passing share is
    /// significantly above this (default 0.5: most tests there are served).
    public var undeclaredServedShare: Double
    /// Evidence for a commune and operator is "enough" only when the Wilson interval of its
    /// inside-coverage share is at most this wide (default 0.2, i.e. about ±10 points).
    public var maximumIntervalWidth: Double

    public init(
        signal: SignalThresholds = EvidenceParameters.defaultSignal,
        speedTiers: [SpeedTier] = EvidenceParameters.defaultTiers,
        servedTier: SpeedTier = SpeedTier(downloadMbps: 10, uploadMbps: 1), validityDays: Int = 365,
        firstHour: Int = 6, endHour: Int = 22, utcOffsetSeconds: Int = 7 * 3600, minimumTestsPerCell: Int = 5,
        confidenceLevel: Double = 0.95, declaredServedShare: Double = 0.9, undeclaredServedShare: Double = 0.5,
        maximumIntervalWidth: Double = 0.2
    ) {
        self.signal = signal
        self.speedTiers = speedTiers
        self.servedTier = servedTier
        self.validityDays = validityDays
        self.firstHour = firstHour
        self.endHour = endHour
        self.utcOffsetSeconds = utcOffsetSeconds
        self.minimumTestsPerCell = minimumTestsPerCell
        self.confidenceLevel = confidenceLevel
        self.declaredServedShare = declaredServedShare
        self.undeclaredServedShare = undeclaredServedShare
        self.maximumIntervalWidth = maximumIntervalWidth
    }

    /// Ofcom's outdoor thresholds (3G RSCP −100 dBm, 4G RSRP −105 dBm; 5G as 4G), indoor 10 dB higher.
    public static let defaultSignal = SignalThresholds(
        g3: SignalThreshold(outdoorDbm: -100, indoorDbm: -90), g4: SignalThreshold(outdoorDbm: -105, indoorDbm: -95),
        g5: SignalThreshold(outdoorDbm: -105, indoorDbm: -95))

    /// 10/1, 25/3 and 100/20 Mbps (the FCC's reporting tiers; 25/3 and 100/20 are its fixed
    /// broadband benchmarks).
    public static let defaultTiers: [SpeedTier] = [
        SpeedTier(downloadMbps: 10, uploadMbps: 1), SpeedTier(downloadMbps: 25, uploadMbps: 3),
        SpeedTier(downloadMbps: 100, uploadMbps: 20),
    ]

    /// Throws `AnalysisError.invalidParameter` for values that make no sense.
    public func validate() throws {
        func fail(_ s: String) -> AnalysisError { .invalidParameter("evidence: \(s)") }
        guard validityDays > 0 else { throw fail("the validity window must be at least one day") }
        guard (0...24).contains(firstHour), (0...24).contains(endHour), firstHour < endHour else {
            throw fail("valid hours must satisfy 0 ≤ first < end ≤ 24")
        }
        guard abs(utcOffsetSeconds) <= 14 * 3600 else { throw fail("the UTC offset must be within ±14 h") }
        guard minimumTestsPerCell >= 1 else { throw fail("the minimum tests per cell must be at least 1") }
        guard confidenceLevel > 0.5, confidenceLevel < 1 else { throw fail("the confidence level must be in (0.5, 1)") }
        guard declaredServedShare > 0, declaredServedShare < 1, undeclaredServedShare > 0, undeclaredServedShare < 1
        else { throw fail("the declared and undeclared served shares must be in (0, 1)") }
        guard maximumIntervalWidth > 0, maximumIntervalWidth <= 1 else {
            throw fail("the maximum interval width must be in (0, 1]")
        }
        guard speedTiers.count <= 8 else { throw fail("at most 8 speed tiers are tracked") }
        for tier in speedTiers + [servedTier] where !(tier.downloadMbps >= 0 && tier.uploadMbps >= 0) {
            throw fail("speed tiers must be non-negative")
        }
    }
}
