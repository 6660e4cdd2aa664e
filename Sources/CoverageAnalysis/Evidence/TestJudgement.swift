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
    /// A fixed or school probe: it measures a fixed connection, not mobile coverage (checked first;
    /// its own figures are per institution).
    case probe
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
    /// The tracked speed tiers (at most 8).
    let tiers: [SpeedTier]

    init(parameters: EvidenceParameters, asOf: Double) {
        self.parameters = parameters
        self.asOf = asOf
        windowStart = asOf - Double(parameters.validityDays) * 86_400
        firstSecond = parameters.firstHour * 3600
        endSecond = parameters.endHour * 3600
        signal = Technology.allCases.map { parameters.signal[$0] }
        tiers = Array(parameters.speedTiers.prefix(8))
    }

    /// True when a recorded `value` is usable: finite and within `range`.
    @inline(__always)
    private static func plausible(_ value: Double, _ range: ClosedRange<Double>) -> Bool {
        value.isFinite && range.contains(value)
    }

    /// The local second of the day of `time` (seconds since 1970 UTC).
    @inline(__always)
    func localSecondOfDay(_ time: Double) -> Int {
        let local = Int((time + Double(parameters.utcOffsetSeconds)).rounded(.down))
        let r = local % 86_400
        return r < 0 ? r + 86_400 : r
    }

    /// Judges one test.
    @inline(__always)
    func judge(_ r: EvidenceTestRecord) -> TestJudgement {
        typealias R = EvidenceTestRecord.Recorded
        var j = TestJudgement()
        let hasDown = r.has(R.download)
        let hasUp = r.has(R.upload)
        let hasSignal = r.has(R.rsrp)
        if r.isProbe {
            j.exclusion = .probe
            return j
        }
        guard Self.possible(r) else {
            j.exclusion = .impossibleValue
            return j
        }
        guard r.operatorIndex >= 0 else {
            j.exclusion = .noOperator
            return j
        }
        guard r.technology >= 0 else {
            j.exclusion = .noTechnology
            return j
        }
        guard r.has(R.time), r.time.isFinite else {
            j.exclusion = .noTime
            return j
        }
        if r.time > asOf {
            j.exclusion = .future
            return j
        }
        if r.time < windowStart {
            j.exclusion = .stale
            return j
        }
        let second = localSecondOfDay(r.time)
        guard second >= firstSecond, second < endSecond else {
            j.exclusion = .outsideHours
            return j
        }
        if hasDown, hasUp {
            judgeSpeed(r, &j)
            return j
        }
        if hasSignal, let threshold = signal[Int(r.technology)] {
            j.served = r.rsrpDbm >= threshold.dbm(for: r.environment == 0 ? .indoor : .outdoor)
            return j
        }
        j.exclusion = .notJudgeable
        return j
    }

    /// Judges a probe test for its institution: impossible values, time and validity window as for
    /// every test; no operator, technology or hours rule (a fixed line has no mobile generation, and a
    /// daily probe runs at any hour); served when both speeds reach `servedTier`, else not judgeable.
    func judgeProbe(_ r: EvidenceTestRecord) -> TestJudgement {
        typealias R = EvidenceTestRecord.Recorded
        var j = TestJudgement()
        if !Self.possible(r) {
            j.exclusion = .impossibleValue
        } else if !r.has(R.time) || !r.time.isFinite {
            j.exclusion = .noTime
        } else if r.time > asOf {
            j.exclusion = .future
        } else if r.time < windowStart {
            j.exclusion = .stale
        } else if r.has(R.download), r.has(R.upload) {
            judgeSpeed(r, &j)
        } else {
            j.exclusion = .notJudgeable
        }
        return j
    }

    /// Served and tiers from a test's two speeds.
    @inline(__always)
    private func judgeSpeed(_ r: EvidenceTestRecord, _ j: inout TestJudgement) {
        let down = r.downloadMbps
        let up = r.uploadMbps
        j.served = parameters.servedTier.isMet(download: down, upload: up)
        for i in 0..<tiers.count where tiers[i].isMet(download: down, upload: up) { j.tierBits |= 1 << UInt8(i) }
    }

    /// False for a non-finite or impossible value: position off the map, a negative speed or latency,
    /// RSRP above 0 dBm.
    @inline(__always)
    static func possible(_ r: EvidenceTestRecord) -> Bool {
        typealias R = EvidenceTestRecord.Recorded
        return r.lon.isFinite && r.lat.isFinite && abs(r.lon) <= 180 && abs(r.lat) <= 90
            && (!r.has(R.download) || plausible(r.downloadMbps, 0...1e6))
            && (!r.has(R.upload) || plausible(r.uploadMbps, 0...1e6))
            && (!r.has(R.latency) || plausible(r.latencyMs, 0...1e7))
            && (!r.has(R.rsrp) || plausible(r.rsrpDbm, -200...0))
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
