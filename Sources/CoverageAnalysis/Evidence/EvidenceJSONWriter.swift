import CoverageFormats
import CoverageModel

/// Writes `covaudit evidence -f json` with a ``PrettyJSONWriter``: the bytes the `Encodable`
/// conformance (EvidenceResult+JSON.swift) gives through `JSONEncoder` with pretty-printed, sorted
/// keys, unescaped slashes and snake-case keys, without building the document in memory.
///
/// Members are written in the encoder's order: its keys after snake-case conversion, sorted by their
/// UTF-8 bytes. Optional members the conformance writes with `encode` are `null` when nil; those
/// the synthesized conformances write with `encodeIfPresent` (the signal thresholds) are left out.
/// The `Encodable` conformance stays the reference: the tests compare the two byte for byte.
public enum EvidenceJSONWriter {
    /// Writes `result` to `sink` and closes it (with a final newline, as `print` adds).
    public static func write(_ result: EvidenceResult, to sink: ByteSink) throws {
        let w = PrettyJSONWriter(sink: sink)
        try write(result, to: w)
        try w.finish()
    }

    /// Writes `result` as one JSON value (the caller finishes the writer).
    public static func write(_ result: EvidenceResult, to w: PrettyJSONWriter) throws {
        w.beginObject()
        try w.member("as_of", result.asOf)
        w.key("challenge_candidates")
        try w.array(result.challengeCandidates, flushing: true) { try write($0, to: w) }
        w.key("institutions")
        try w.array(result.institutions) { try write($0, to: w) }
        w.key("operators")
        try w.array(result.operators) { w.appendString($0) }
        w.key("outside_communes")
        try w.array(result.outsideCommunes, flushing: true) { try write($0, to: w) }
        w.key("parameters")
        try write(result.parameters, to: w)
        w.key("rows")
        try w.array(result.rows, flushing: true) { try write($0, to: w) }
        w.key("served_undeclared")
        try w.array(result.servedUndeclared, flushing: true) { try write($0, to: w) }
        w.key("speed_tiles")
        try w.array(result.speedTiles) { try write($0, to: w) }
        w.member("speed_tiles_wrong_zoom", result.speedTilesWrongZoom)
        w.member("unattached_probe_tests", result.unattachedProbeTests)
        w.endObject()
    }

    /// The exclusion reasons in the order of their raw values (the keys of `excluded`).
    private static let exclusionsByKey = EvidenceExclusion.allCases.sorted { $0.rawValue < $1.rawValue }
    /// The technologies in the order of their raw values (the keys of `inside_by_technology`).
    private static let technologiesByKey = Technology.allCases.sorted { $0.rawValue < $1.rawValue }

    private static func write(_ row: EvidenceRow, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.member("commune_code", row.communeCode)
        w.member("download_tests", row.downloadTests)
        w.key("excluded")
        w.beginObject()
        for reason in exclusionsByKey {
            guard let count = row.excluded[reason] else { continue }
            w.key(string: reason.rawValue)
            w.appendInt(count)
        }
        w.endObject()
        w.key("inside_by_technology")
        w.beginObject()
        for technology in technologiesByKey {
            guard let counts = row.insideByTechnology[technology] else { continue }
            w.key(string: technology.rawValue)
            w.beginObject()
            w.member("inside", counts.inside)
            w.member("passing", counts.passing)
            w.endObject()
        }
        w.endObject()
        w.member("inside_declared", row.insideDeclared)
        w.key("inside_interval")
        try write(row.insideInterval, to: w)
        w.member("inside_passing", row.insidePassing)
        try w.member("inside_share", row.insideShare)
        try w.member("median_download_mbps", row.medianDownloadMbps)
        w.member("operator", row.operatorName)
        w.member("outside_declared", row.outsideDeclared)
        w.member("outside_passing", row.outsidePassing)
        try w.member("p10_download_mbps", row.p10DownloadMbps)
        w.member("strength", row.strength.rawValue)
        w.member("tests", row.tests)
        try w.member("tests_per_1000_households", row.testsPerThousandHouseholds)
        try w.member("tests_per_km2", row.testsPerSquareKm)
        w.key("tier_counts")
        try w.array(row.tierCounts) { w.appendInt($0) }
        w.member("valid", row.valid)
        w.endObject()
    }

    private static func write(_ cell: EvidenceCell, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.member("commune_code", cell.communeCode)
        w.key("interval")
        try write(cell.interval, to: w)
        w.member("operator", cell.operatorName)
        try w.member("p_value", cell.pValue)
        w.member("passing", cell.passing)
        w.member("quadkey", cell.quadkey.digits)
        try w.member("share", cell.share)
        w.member("technology", cell.technology.rawValue)
        w.key("test_ids")
        try w.array(cell.testIDs) { w.appendString($0) }
        w.member("tests", cell.tests)
        w.endObject()
    }

    private static func write(_ interval: ProportionInterval?, to w: PrettyJSONWriter) throws {
        guard let interval else { return w.appendNull() }
        w.beginObject()
        try w.member("lower", interval.lower)
        try w.member("upper", interval.upper)
        w.endObject()
    }

    private static func write(_ institution: InstitutionEvidence, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.member("institution_id", institution.institutionID)
        try w.member("median_download_mbps", institution.medianDownloadMbps)
        try w.member("newest_time", institution.newestTime)
        w.member("passing", institution.passing)
        w.member("strength", institution.strength.rawValue)
        w.member("tests", institution.tests)
        w.endObject()
    }

    private static func write(_ summary: SpeedTileSummary, to w: PrettyJSONWriter) throws {
        w.beginObject()
        try w.member("average_download_mbps", summary.averageDownloadMbps)
        try w.member("average_latency_ms", summary.averageLatencyMs)
        try w.member("average_upload_mbps", summary.averageUploadMbps)
        w.member("commune_code", summary.communeCode)
        w.member("devices", summary.devices)
        w.member("kind", summary.kind.rawValue)
        w.member("tests", summary.tests)
        w.member("tiles", summary.tiles)
        w.endObject()
    }

    private static func write(_ parameters: EvidenceParameters, to w: PrettyJSONWriter) throws {
        w.beginObject()
        try w.member("confidence_level", parameters.confidenceLevel)
        try w.member("declared_served_share", parameters.declaredServedShare)
        w.member("end_hour", parameters.endHour)
        w.member("first_hour", parameters.firstHour)
        try w.member("maximum_interval_width", parameters.maximumIntervalWidth)
        w.member("minimum_tests_per_cell", parameters.minimumTestsPerCell)
        w.key("served_tier")
        try write(parameters.servedTier, to: w)
        w.key("signal")
        w.beginObject()
        for (key, threshold) in [
            ("g2", parameters.signal.g2), ("g3", parameters.signal.g3), ("g4", parameters.signal.g4),
            ("g5", parameters.signal.g5),
        ] {
            guard let threshold else { continue }
            w.key(string: key)
            w.beginObject()
            try w.member("indoor_dbm", threshold.indoorDbm)
            try w.member("outdoor_dbm", threshold.outdoorDbm)
            w.endObject()
        }
        w.endObject()
        w.key("speed_tiers")
        try w.array(parameters.speedTiers) { try write($0, to: w) }
        try w.member("undeclared_served_share", parameters.undeclaredServedShare)
        w.member("utc_offset_seconds", parameters.utcOffsetSeconds)
        w.member("validity_days", parameters.validityDays)
        w.endObject()
    }

    private static func write(_ tier: SpeedTier, to w: PrettyJSONWriter) throws {
        w.beginObject()
        try w.member("download_mbps", tier.downloadMbps)
        try w.member("upload_mbps", tier.uploadMbps)
        w.endObject()
    }
}
