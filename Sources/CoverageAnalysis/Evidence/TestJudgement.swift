import CoverageModel
import Foundation

/// Why a test is left out of the evidence (the first reason that applies, in this order).
public enum EvidenceExclusion: String, Hashable, Sendable, Codable, CaseIterable {
    /// A non-finite or impossible value: a negative speed or latency, RSRP above 0 dBm, a position
    /// off the map.
    case impossibleValue = "impossible-value"
    /// No operator recorded: it cannot speak for any operator's declared coverage.
    case noOperator = "no-operator"
    /// No technology recorded: it cannot be matched to a generation's declared coverage.
    case noTechnology = "no-technology"
    /// No time recorded: validity cannot be checked.
    case noTime = "no-time"
    /// Taken after the as-of date.
    case future
    /// Taken before the validity window.
    case stale
    /// Taken outside the valid local hours.
    case outsideHours = "outside-hours"
    /// Neither both speeds nor a signal reading with a threshold for its technology.
    case notJudgeable = "not-judgeable"
}

/// How one test is judged: excluded (and why), or valid and served or not, with the tiers it meets.
struct TestJudgement {
    /// nil when valid.
    var exclusion: EvidenceExclusion?
    var served = false
    /// Bit `i` set when the test meets `speedTiers[i]` (at most 8 tiers are tracked).
    var tierBits: UInt8 = 0
}

/// The per-test rules of `EvidenceParameters`, compiled for the hot loop.
struct TestJudge: Sendable {
    let parameters: EvidenceParameters
    let asOf: Double
    let windowStart: Double
    let firstSecond: Int
    let endSecond: Int
    /// Signal thresholds by `Technology.allCases` index (outdoor, indoor); nil without a threshold.
    let signal: [SignalThreshold?]

    init(parameters: EvidenceParameters, asOf: Double) {
        self.parameters = parameters
        self.asOf = asOf
        windowStart = asOf - Double(parameters.validityDays) * 86_400
        firstSecond = parameters.firstHour * 3600
        endSecond = parameters.endHour * 3600
        signal = Technology.allCases.map { parameters.signal[$0] }
    }

    /// True when `value` is a usable measurement: nil (not recorded) or finite and within `range`.
    @inline(__always)
    private static func plausible(_ value: Double?, _ range: ClosedRange<Double>) -> Bool {
        guard let value else { return true }
        return value.isFinite && range.contains(value)
    }

    /// The local second of the day of `time` (seconds since 1970 UTC).
    @inline(__always)
    func localSecondOfDay(_ time: Double) -> Int {
        let local = Int((time + Double(parameters.utcOffsetSeconds)).rounded(.down))
        let r = local % 86_400
        return r < 0 ? r + 86_400 : r
    }

    /// Judges `m` (its technology index given, to avoid a lookup).
    func judge(_ m: CoverageModel.Measurement) -> TestJudgement {
        var j = TestJudgement()
        guard m.position.x.isFinite, m.position.y.isFinite, abs(m.position.x) <= 180, abs(m.position.y) <= 90,
            Self.plausible(m.downloadMbps, 0...1e6), Self.plausible(m.uploadMbps, 0...1e6),
            Self.plausible(m.latencyMs, 0...1e7), Self.plausible(m.rsrpDbm, -200...0)
        else {
            j.exclusion = .impossibleValue
            return j
        }
        guard let op = m.operatorName, !op.isEmpty else {
            j.exclusion = .noOperator
            return j
        }
        guard let technology = m.technology else {
            j.exclusion = .noTechnology
            return j
        }
        guard let time = m.time, time.isFinite else {
            j.exclusion = .noTime
            return j
        }
        if time > asOf {
            j.exclusion = .future
            return j
        }
        if time < windowStart {
            j.exclusion = .stale
            return j
        }
        let second = localSecondOfDay(time)
        guard second >= firstSecond, second < endSecond else {
            j.exclusion = .outsideHours
            return j
        }
        if let down = m.downloadMbps, let up = m.uploadMbps {
            j.served = parameters.servedTier.isMet(download: down, upload: up)
            for (i, tier) in parameters.speedTiers.prefix(8).enumerated() where tier.isMet(download: down, upload: up) {
                j.tierBits |= 1 << UInt8(i)
            }
            return j
        }
        if let rsrp = m.rsrpDbm, let threshold = signal[Self.technologyIndex(technology)] {
            j.served = rsrp >= threshold.dbm(for: m.environment)
            return j
        }
        j.exclusion = .notJudgeable
        return j
    }

    /// The index of `t` in `Technology.allCases`.
    @inline(__always)
    static func technologyIndex(_ t: Technology) -> Int {
        switch t {
        case .g2: 0
        case .g3: 1
        case .g4: 2
        case .g5: 3
        }
    }
}

/// The zoom-16 Web Mercator tile of a point as integer column and row, computed exactly as
/// `Quadkey(containing:zoom:)` but without building the digit string (no allocation per test).
enum EvidenceGrid {
    /// The grid's zoom: the Ookla open-data tiles.
    static let zoom = 16

    /// Column and row of the zoom-16 tile containing (`lon`, `lat`), or nil outside the tiling.
    @inline(__always)
    static func tile(lon: Double, lat: Double) -> (x: Int, y: Int)? {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), abs(lat) <= Quadkey.maximumLatitude else {
            return nil
        }
        let n = Double(1 << zoom)
        let latitude = lat * .pi / 180
        let fx = (lon + 180) / 360 * n
        let fy = (1 - log(tan(latitude) + 1 / cos(latitude)) / .pi) / 2 * n
        let x = Swift.min(Int(n) - 1, Swift.max(0, Int(fx.rounded(.down))))
        let y = Swift.min(Int(n) - 1, Swift.max(0, Int(fy.rounded(.down))))
        return (x, y)
    }
}
