import CoverageFormats
import CoverageModel
import SpatialSQL

/// A row of `measurements`, checked for plausibility: an implausible record throws `Excluded`.
struct MeasurementRow: EvidenceRow {
    static let table = "measurements"
    static let columns = """
        ext_id, time, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, rsrq_db,
        sinr_db, source, test_id, device_id, environment, institution_id, lon, lat, dataset_id, located_at_institution,
        geom
        """
    static let parametersPerRow = 20

    /// `(?1, …, ?20, MakePoint(?17, ?18, 4326))` with the numbers shifted by `first`.
    static func values(first p: Int) -> String {
        "(" + (1...parametersPerRow).map { "?\(p + $0)" }.joined(separator: ", ")
            + ", MakePoint(?\(p + 17), ?\(p + 18), 4326))"
    }

    var measurement: Measurement
    var datasetID: Int64
    /// The position is the institution's (the record gave no coordinates).
    var locatedAtInstitution = false

    /// Reads and checks one record; `position` is its checked lon/lat.
    init(_ r: some FieldLookup, position: Coordinate, context: EvidenceContext) throws {
        let o = context.options
        let download = try Self.speed(r, MeasurementFields.download)
        let upload = try Self.speed(r, MeasurementFields.upload)
        let latency = try Self.measured(r, MeasurementFields.latency)
        if let latency, latency < 0 { throw Excluded(reason: .negativeLatency, detail: "latency \(latency) ms") }
        let rsrp = try Self.measured(r, MeasurementFields.rsrp.map { UnitSpelling(name: $0, factor: 1) })
        let rsrq = try Self.measured(r, MeasurementFields.rsrq.map { UnitSpelling(name: $0, factor: 1) })
        let sinr = try Self.measured(r, MeasurementFields.sinr.map { UnitSpelling(name: $0, factor: 1) })
        if let rsrp, !ExclusionReason.rsrpRange.contains(rsrp) {
            throw Excluded(reason: .rsrpOutOfRange, detail: "RSRP \(rsrp) dBm")
        }
        if let rsrq, !ExclusionReason.rsrqRange.contains(rsrq) {
            throw Excluded(reason: .rsrqOutOfRange, detail: "RSRQ \(rsrq) dB")
        }
        if let sinr, !ExclusionReason.sinrRange.contains(sinr) {
            throw Excluded(reason: .sinrOutOfRange, detail: "SINR \(sinr) dB")
        }
        if let flag = r.text(MeasurementFields.implausible), Self.isTrue(flag) {
            throw Excluded(reason: .flaggedImplausible, detail: "the source flags the test as implausible")
        }
        guard [download, upload, latency, rsrp, rsrq, sinr].contains(where: { $0 != nil }) else {
            throw Excluded(reason: .noMeasuredValue, detail: "no speed, latency or signal recorded")
        }
        let time = try Self.time(r, now: context.wallClock)
        let source: MeasurementSource
        if let raw = r.text(MeasurementFields.source) {
            guard let s = MeasurementSource(lenient: raw) else {
                throw Excluded(
                    reason: .unreadableValue, detail: "source '\(raw)' is not one of \(MeasurementSource.spellings)")
            }
            source = s
        } else if let s = o.measurementSource {
            source = s
        } else {
            throw ImportError(
                file: context.file, location: r.location,
                reason: "no source column and no --measurement-source given (one of \(MeasurementSource.spellings))")
        }
        var environment: TestEnvironment?
        if let raw = r.text(MeasurementFields.environment) {
            guard let e = TestEnvironment(recorded: raw) else {
                throw Excluded(
                    reason: .unreadableValue, detail: "environment '\(raw)' is not indoor, outdoor or in a vehicle")
            }
            environment = e
        }
        measurement = Measurement(
            id: context.externalID(r), position: position, time: time,
            operatorName: r.text(MeasurementFields.operatorName) ?? o.operatorName,
            technology: try Self.technology(r) ?? o.technology, downloadMbps: download, uploadMbps: upload,
            latencyMs: latency, rsrpDbm: rsrp, rsrqDb: rsrq, sinrDb: sinr, source: source,
            testID: r.text(MeasurementFields.testID), deviceID: r.text(MeasurementFields.deviceID),
            environment: environment, institutionID: r.text(MeasurementFields.institutionID))
        datasetID = context.datasetID
    }

    func bind(to s: Statement, offset p: Int32) {
        let m = measurement
        s.bind(text: m.id, at: p + 1)
        s.bind(text: m.time.map(UTCTime.iso), at: p + 2)
        s.bind(real: m.time, at: p + 3)
        s.bind(text: m.operatorName, at: p + 4)
        s.bind(text: m.technology?.rawValue, at: p + 5)
        s.bind(real: m.downloadMbps, at: p + 6)
        s.bind(real: m.uploadMbps, at: p + 7)
        s.bind(real: m.latencyMs, at: p + 8)
        s.bind(real: m.rsrpDbm, at: p + 9)
        s.bind(real: m.rsrqDb, at: p + 10)
        s.bind(real: m.sinrDb, at: p + 11)
        s.bind(text: m.source.rawValue, at: p + 12)
        s.bind(text: m.testID, at: p + 13)
        s.bind(text: m.deviceID, at: p + 14)
        s.bind(text: m.environment?.rawValue, at: p + 15)
        s.bind(text: m.institutionID, at: p + 16)
        s.bind(real: m.position.x, at: p + 17)
        s.bind(real: m.position.y, at: p + 18)
        s.bind(integer: datasetID, at: p + 19)
        s.bind(integer: locatedAtInstitution ? 1 : 0, at: p + 20)
    }

    /// The first spelling present, times its unit factor; nil when none is present.
    static func measured(_ r: some FieldLookup, _ spellings: [UnitSpelling]) throws -> Double? {
        for spelling in spellings {
            guard let v = r.value([spelling.name]) else { continue }
            if case .string(let s) = v, s.trimmedWhitespace.isEmpty { continue }
            guard let d = v.number, d.isFinite else {
                throw Excluded(reason: .unreadableValue, detail: "\(spelling.name) '\(v.text ?? "")' is not a number")
            }
            return d * spelling.factor
        }
        return nil
    }

    /// A speed in Mbps, checked: ≥ 0 and ≤ 10 Gbps.
    /// True for the texts a source writes for a set flag (`true`, `t`, `1`, `yes`).
    static func isTrue(_ text: String) -> Bool {
        ["true", "t", "1", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    static func speed(_ r: some FieldLookup, _ spellings: [UnitSpelling]) throws -> Double? {
        guard let mbps = try measured(r, spellings) else { return nil }
        if mbps < 0 { throw Excluded(reason: .negativeSpeed, detail: "speed \(mbps) Mbps") }
        if mbps > ExclusionReason.maximumSpeedMbps {
            throw Excluded(reason: .speedAbove10Gbps, detail: "speed \(mbps) Mbps")
        }
        return mbps
    }

    /// The test's time, checked: from 2000 to the wall clock + 1 day.
    static func time(_ r: some FieldLookup, now: Double) throws -> Double? {
        guard let raw = r.value(MeasurementFields.time), raw != .null else { return nil }
        let seconds: Double?
        if let n = raw.number, case .number = raw {
            seconds = UTCTime.seconds(String(n))
        } else {
            guard let text = raw.text?.trimmedWhitespace, !text.isEmpty else { return nil }
            seconds = UTCTime.seconds(text)
        }
        guard let seconds else {
            throw Excluded(
                reason: .unreadableValue, detail: "time '\(raw.text ?? "")' is not ISO 8601 or epoch seconds")
        }
        if seconds < ExclusionReason.earliestTime {
            throw Excluded(reason: .timeBefore2000, detail: "time \(UTCTime.iso(seconds))")
        }
        if seconds > now + ExclusionReason.futureTolerance {
            throw Excluded(reason: .timeInFuture, detail: "time \(UTCTime.iso(seconds))")
        }
        return seconds
    }

    /// The generation a technology text names (4G, LTE, NR, 5G NSA, UMTS, GSM…); nil when absent.
    static func technology(_ r: some FieldLookup) throws -> Technology? {
        guard let raw = r.text(MeasurementFields.technology) else { return nil }
        if let t = Technology(lenient: raw) ?? Technology(openCellID: raw) { return t }
        let upper = raw.uppercased()
        let families: [(Technology, [String])] = [
            (.g5, ["5G", "NR"]), (.g4, ["4G", "LTE"]), (.g3, ["3G", "UMTS", "HSPA", "WCDMA"]),
            (.g2, ["2G", "GSM", "EDGE", "GPRS"]),
        ]
        for (t, words) in families where words.contains(where: upper.contains) { return t }
        throw Excluded(reason: .unreadableValue, detail: "technology '\(raw)' is not a mobile generation (2G–5G)")
    }
}
