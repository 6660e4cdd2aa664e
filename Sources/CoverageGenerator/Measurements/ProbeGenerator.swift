import CoverageFormats
import CoverageModel
import Foundation

/// The columns of `probes.csv` (what `import measurements` reads without any mapping).
public let probeColumns = [
    "id", "time", "source", "download_mbps", "upload_mbps", "latency_ms", "institution_id", "lon", "lat",
]

/// What `probes.csv` holds, for scoring an analysis: the planted "connected on paper" schools.
public struct ProbeTruth: Codable, Sendable, Equatable {
    /// Schools with a school probe (all with a recorded fibre or fixed connection).
    public var schools: Int
    /// Other institutions with a fixed probe.
    public var fixedProbes: Int
    /// Probe tests written.
    public var tests: Int
    /// Tests written without coordinates (their school's id only).
    public var testsWithoutCoordinates: Int
    /// Schools recorded as connected whose probes fail (planted), by id ascending.
    public var failingInstitutions: [String]

    enum CodingKeys: String, CodingKey {
        case schools, tests
        case fixedProbes = "fixed_probes"
        case testsWithoutCoordinates = "tests_without_coordinates"
        case failingInstitutions = "failing_institutions"
    }
}

/// Writes `probes.csv`: Giga-style school probes (two tests a day over four weeks ending at the
/// as-of date, at any hour) for a share of the schools with a recorded fixed connection, and fixed
/// probes at other institutions with one. Most pass the 10/1 Mbps tier; a planted share of the probed
/// schools is "connected on paper" and fails. A share of the schools' exports carry no coordinates.
struct ProbeGenerator {
    /// Share of schools with a recorded fibre or fixed connection that get a probe.
    static let schoolShare = 0.6
    /// Share of probed schools whose recorded connection does not deliver (planted failing).
    static let onPaperShare = 0.15
    /// Share of probed schools whose export has no coordinates (placed by the importer at the school).
    static let withoutCoordinatesShare = 0.3
    /// Share of other institutions with a recorded fixed connection that get a fixed probe.
    static let fixedProbeShare = 0.3
    /// Days of measurements and tests per day.
    static let days = 28
    static let testsPerDay = 2
    /// Share of days a probe is offline (no test).
    static let offlineDayShare = 0.1
    /// Share of a working line's tests hit by congestion (a tenth to a third of the usual speed).
    static let congestedShare = 0.05

    let seed: UInt64
    /// The end of the as-of day, seconds since 1970 UTC.
    let windowEnd: Int

    /// Reads the generated institutions and writes `probes.csv` into `directory`.
    func write(to directory: URL) throws -> ProbeTruth {
        var rng = Rng(seed: seed, stream: 50_000_002)
        let reader = try CSVReader(path: directory.appendingPathComponent("synthetic_institutions.csv").path)
        let writer = try CSVWriter(path: directory.appendingPathComponent("probes.csv").path, header: probeColumns)
        var truth = ProbeTruth(
            schools: 0, fixedProbes: 0, tests: 0, testsWithoutCoordinates: 0, failingInstitutions: [])
        try reader.forEachRecord { r in
            guard let id = r["id"], let kind = r["kind"].flatMap(InstitutionKind.init(rawValue:)),
                let connection = r["connection"].flatMap(ConnectionKind.init(rawValue:)), connection.isFixedBroadband,
                let lon = r["lon"].flatMap(Double.init), let lat = r["lat"].flatMap(Double.init)
            else { return }
            let school = kind == .school
            guard rng.chance(school ? Self.schoolShare : Self.fixedProbeShare) else { return }
            let failing = school && rng.chance(Self.onPaperShare)
            let located = !(school && rng.chance(Self.withoutCoordinatesShare))
            if school { truth.schools += 1 } else { truth.fixedProbes += 1 }
            if failing { truth.failingInstitutions.append(id) }
            for day in 0..<Self.days where !rng.chance(Self.offlineDayShare) {
                for _ in 0..<Self.testsPerDay {
                    let time = windowEnd - (Self.days - day) * 86_400 + rng.int(86_400)
                    let (down, up, latency) = Self.values(failing: failing, &rng)
                    let position = Metres.offset(Coordinate(lon, lat), rng.gaussian() * 5, rng.gaussian() * 5)
                    truth.tests += 1
                    if !located { truth.testsWithoutCoordinates += 1 }
                    try writer.writeRow([
                        .string("P" + String(truth.tests)), .string(Self.iso(time)),
                        .string((school ? MeasurementSource.schoolProbe : .fixedProbe).rawValue),
                        .fixed(down, decimals: 2), .fixed(up, decimals: 2), .fixed(latency, decimals: 0), .string(id),
                        located ? .fixed(position.x, decimals: 7) : .null,
                        located ? .fixed(position.y, decimals: 7) : .null,
                    ])
                }
            }
        }
        _ = try writer.finish()
        truth.failingInstitutions.sort()
        return truth
    }

    /// Download, upload (Mbps) and latency (ms) of one test of a working or a failing line.
    static func values(failing: Bool, _ rng: inout Rng) -> (Double, Double, Double) {
        if failing {
            let down = rng.lognormal(log(2.5), 0.6)
            return (down, down * rng.uniform(0.1, 0.4), rng.uniform(80, 400))
        }
        var down = rng.lognormal(log(40), 0.5)
        if rng.chance(congestedShare) { down *= rng.uniform(0.1, 0.33) }
        return (down, down * rng.uniform(0.3, 0.6), rng.uniform(15, 60))
    }

    /// "2025-11-03T14:05:00Z" for whole seconds since 1970.
    static func iso(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = CivilDate.date(days: days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, rest / 3600, rest / 60 % 60, rest % 60)
    }
}
