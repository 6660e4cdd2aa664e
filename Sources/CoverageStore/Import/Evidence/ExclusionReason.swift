import CoverageFormats

/// Why a row of measured evidence was not stored. Each reason is counted per import and kept
/// with the dataset (`dataset_exclusions`).
///
/// The plausible ranges, and where they come from:
/// - speeds 0…10,000 Mbps (10 Gbps: above any consumer fixed or mobile service);
/// - latency ≥ 0 ms;
/// - RSRP −156…0 dBm (3GPP TS 38.133 SS-RSRP reporting floor −156 dBm; a received power above
///   0 dBm = 1 mW is not a real measurement);
/// - RSRQ −43…20 dB (3GPP TS 38.133 SS-RSRQ reporting range, which contains LTE's −34…2.5 dB of TS 36.133);
/// - SINR −23…40 dB (3GPP TS 38.133 SS-SINR reporting range);
/// - time from 2000-01-01 to the import's wall clock + 1 day;
/// - coordinates finite, lon −180…180, lat −90…90;
/// - quadkeys of 16 digits 0–3 (Ookla's zoom 16); tests ≥ 1.
public enum ExclusionReason: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case negativeSpeed = "negative-speed"
    case speedAbove10Gbps = "speed-above-10-gbps"
    case negativeLatency = "negative-latency"
    case rsrpOutOfRange = "rsrp-out-of-range"
    case rsrqOutOfRange = "rsrq-out-of-range"
    case sinrOutOfRange = "sinr-out-of-range"
    case timeInFuture = "time-in-future"
    case timeBefore2000 = "time-before-2000"
    case badCoordinates = "bad-coordinates"
    case badQuadkey = "bad-quadkey"
    case testsBelowOne = "tests-below-1"
    /// A tile's polygon differs from its quadkey's by more than 1e-6°.
    case tilePolygonMismatch = "tile-polygon-mismatch"
    /// No download, upload, latency, RSRP, RSRQ or SINR recorded.
    case noMeasuredValue = "no-measured-value"
    /// A value that cannot be read: text in a number column, an unparsable time, an unknown technology.
    case unreadableValue = "unreadable-value"
    /// No coordinates, and the institution id it names matches no stored institution (nowhere to put it).
    case institutionNotFound = "institution-not-found"
    /// The source itself marks the test implausible (RTR-Netztest open data's `implausible`).
    case flaggedImplausible = "flagged-implausible"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The highest plausible speed, Mbps (10 Gbps).
    public static let maximumSpeedMbps = 10_000.0
    /// Plausible RSRP, dBm.
    public static let rsrpRange = -156.0...0.0
    /// Plausible RSRQ, dB.
    public static let rsrqRange = -43.0...20.0
    /// Plausible SINR, dB.
    public static let sinrRange = -23.0...40.0
    /// 2000-01-01T00:00:00Z in seconds since 1970.
    public static let earliestTime = 946_684_800.0
    /// How far past the import's wall clock a time may be (one day, for clocks and time zones).
    public static let futureTolerance = 86_400.0
}

/// One excluded row, for the import's summary: where it is, why, and what it held.
public struct ExcludedRow: Sendable, Codable, Hashable {
    public var location: String
    public var reason: ExclusionReason
    public var detail: String
}

/// The count of rows excluded for one reason, with the first few as examples.
public struct ExclusionCount: Sendable, Codable, Hashable {
    public var reason: ExclusionReason
    public var count: Int
    public var examples: [ExcludedRow]
}

/// Counts excluded rows per reason during one import and keeps a few examples of each.
struct ExclusionTally {
    /// Examples kept per reason.
    static let examplesPerReason = 3
    private(set) var counts: [ExclusionReason: Int] = [:]
    private var examples: [ExclusionReason: [ExcludedRow]] = [:]

    /// Counts one excluded row.
    mutating func exclude(_ reason: ExclusionReason, at location: InputLocation, _ detail: String) {
        counts[reason, default: 0] += 1
        if examples[reason, default: []].count < Self.examplesPerReason {
            examples[reason, default: []].append(
                ExcludedRow(location: location.description, reason: reason, detail: detail))
        }
    }

    /// The number of rows excluded.
    var total: Int { counts.values.reduce(0, +) }

    /// The counts per reason, by reason name.
    var summary: [ExclusionCount] {
        counts.keys.sorted().map { ExclusionCount(reason: $0, count: counts[$0] ?? 0, examples: examples[$0] ?? []) }
    }

    /// "3 negative-speed, 1 bad-quadkey", by reason name.
    var text: String { summary.map { "\($0.count) \($0.reason.rawValue)" }.joined(separator: ", ") }
}

/// A row left out of an evidence import: the reason and what it held.
struct Excluded: Error {
    let reason: ExclusionReason
    let detail: String
}
