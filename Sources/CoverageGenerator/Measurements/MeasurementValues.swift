import CoverageModel
import Foundation

/// What one generated test measured (rounded as written).
struct MeasuredValues {
    var download: Double
    var upload: Double
    var latency: Double
    var rsrp: Double
    var rsrq: Double
    var sinr: Double

    /// Meets the reference thresholds as recorded: 10/1 Mbps and, when RSRP is recorded, ≥ −110 dBm.
    func passes(signalRecorded: Bool) -> Bool {
        download >= 10 && upload >= 1 && (!signalRecorded || rsrp >= -110)
    }
}

/// The distributions tests are drawn from, by where the test stands against the declared coverage.
enum MeasurementModel {
    /// A test inside declared coverage, `ratio` being the site distance over the cell radius (0…1).
    ///
    /// Signal and speed fall with distance; 3% of tests are bad anyway (congestion, a bad spot).
    static func served(_ tech: Technology, ratio: Double, _ rng: inout Rng) -> MeasuredValues {
        if rng.chance(0.03) { return unserved(beyond: 0, &rng) }
        let fiveG = tech == .g5
        return rounded(
            MeasuredValues(
                download: rng.lognormal(log(fiveG ? 180 : 55) - 0.7 * ratio, 0.45),
                upload: rng.lognormal(log(fiveG ? 40 : 14) - 0.6 * ratio, 0.45),
                latency: rng.lognormal(log(fiveG ? 18 : 30), 0.3),
                rsrp: min(-44, max(-140, -72 - 22 * ratio + 5 * rng.gaussian())),
                rsrq: min(-3, max(-20, -8 - 5 * ratio + 1.5 * rng.gaussian())),
                sinr: min(30, max(-10, 22 - 15 * ratio + 3 * rng.gaussian()))))
    }

    /// A test outside declared coverage, `beyond` metres past the nearest cell's edge: weak signal, slow.
    static func unserved(beyond: Double, _ rng: inout Rng) -> MeasuredValues {
        rounded(
            MeasuredValues(
                download: rng.lognormal(log(2.5), 0.7), upload: rng.lognormal(log(0.5), 0.7),
                latency: rng.lognormal(log(90), 0.4),
                rsrp: min(-44, max(-140, -114 - 4 * min(3, beyond / 1000) + 4 * rng.gaussian())),
                rsrq: min(-3, max(-20, -15 + 2 * rng.gaussian())), sinr: min(30, max(-10, -2 + 3 * rng.gaussian()))))
    }

    /// A test in a planted over-declared cell: declared, but 92% of tests get no real service.
    static func overDeclared(_ tech: Technology, _ rng: inout Rng) -> MeasuredValues {
        rng.chance(0.08) ? served(tech, ratio: 0.5, &rng) : unserved(beyond: 0, &rng)
    }

    /// Values as written: Mbps to 0.01, latency to 1 ms, RSRP to 1 dBm, RSRQ and SINR to 0.1 dB.
    static func rounded(_ v: MeasuredValues) -> MeasuredValues {
        func r(_ x: Double, _ scale: Double) -> Double { (x * scale).rounded() / scale }
        return MeasuredValues(
            download: max(0.01, r(v.download, 100)), upload: max(0.01, r(v.upload, 100)),
            latency: max(1, r(v.latency, 1)), rsrp: r(v.rsrp, 1), rsrq: r(v.rsrq, 10), sinr: r(v.sinr, 10))
    }
}

/// When tests are taken: mostly 06:00–22:00 Vietnam time (UTC+7) inside the validity window, and a few
/// outside the hours or older than the window so the filters have something to drop.
struct TestClock {
    /// First second of the 365-day window (UTC).
    let windowStart: Int
    static let vietnamOffset = 7 * 3600
    static let outOfHoursShare = 0.03
    static let staleShare = 0.03

    init(windowEnd: Double) { windowStart = Int(windowEnd) - 365 * 86_400 }

    /// A valid time: local day 1…364 of the window, 06:00–21:59 local.
    func valid(_ rng: inout Rng) -> Int {
        let day = 1 + rng.int(364)
        return windowStart + day * 86_400 + 6 * 3600 + rng.int(16 * 3600) - Self.vietnamOffset
    }

    /// A time drawn with the invalid shares mixed in (never in the future).
    func any(_ rng: inout Rng) -> Int {
        let u = rng.unit()
        if u < Self.outOfHoursShare {
            // 22:00–05:59 local, inside the window.
            let day = 1 + rng.int(363)
            return windowStart + day * 86_400 + 22 * 3600 + rng.int(8 * 3600) - Self.vietnamOffset
        }
        if u < Self.outOfHoursShare + Self.staleShare { return valid(&rng) - 365 * 86_400 }
        return valid(&rng)
    }
}
