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
        w.key("as_of")
        try w.appendDouble(result.asOf, context: "as_of")
        w.key("challenge_candidates")
        try writeCells(result.challengeCandidates, to: w)
        w.key("institutions")
        w.beginArray()
        for institution in result.institutions {
            w.element()
            try write(institution, to: w)
        }
        w.endArray()
        w.key("operators")
        w.beginArray()
        for name in result.operators {
            w.element()
            w.appendString(name)
        }
        w.endArray()
        w.key("outside_communes")
        try writeRows(result.outsideCommunes, to: w)
        w.key("parameters")
        try write(result.parameters, to: w)
        w.key("rows")
        try writeRows(result.rows, to: w)
        w.key("served_undeclared")
        try writeCells(result.servedUndeclared, to: w)
        w.key("speed_tiles")
        w.beginArray()
        for summary in result.speedTiles {
            w.element()
            try write(summary, to: w)
        }
        w.endArray()
        w.key("speed_tiles_wrong_zoom")
        w.appendInt(result.speedTilesWrongZoom)
        w.key("unattached_probe_tests")
        w.appendInt(result.unattachedProbeTests)
        w.endObject()
    }

    /// The exclusion reasons in the order of their raw values (the keys of `excluded`).
    private static let exclusionsByKey = EvidenceExclusion.allCases.sorted { $0.rawValue < $1.rawValue }
    /// The technologies in the order of their raw values (the keys of `inside_by_technology`).
    private static let technologiesByKey = Technology.allCases.sorted { $0.rawValue < $1.rawValue }

    private static func writeRows(_ rows: [EvidenceRow], to w: PrettyJSONWriter) throws {
        w.beginArray()
        for row in rows {
            w.element()
            try write(row, to: w)
            try w.flushIfNeeded()
        }
        w.endArray()
    }

    private static func write(_ row: EvidenceRow, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("commune_code")
        w.appendString(row.communeCode)
        w.key("download_tests")
        w.appendInt(row.downloadTests)
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
            w.key("inside")
            w.appendInt(counts.inside)
            w.key("passing")
            w.appendInt(counts.passing)
            w.endObject()
        }
        w.endObject()
        w.key("inside_declared")
        w.appendInt(row.insideDeclared)
        w.key("inside_interval")
        try write(row.insideInterval, to: w)
        w.key("inside_passing")
        w.appendInt(row.insidePassing)
        w.key("inside_share")
        try w.appendDouble(row.insideShare, context: "inside_share")
        w.key("median_download_mbps")
        try w.appendDouble(row.medianDownloadMbps, context: "median_download_mbps")
        w.key("operator")
        w.appendString(row.operatorName)
        w.key("outside_declared")
        w.appendInt(row.outsideDeclared)
        w.key("outside_passing")
        w.appendInt(row.outsidePassing)
        w.key("p10_download_mbps")
        try w.appendDouble(row.p10DownloadMbps, context: "p10_download_mbps")
        w.key("strength")
        w.appendString(row.strength.rawValue)
        w.key("tests")
        w.appendInt(row.tests)
        w.key("tests_per_1000_households")
        try w.appendDouble(row.testsPerThousandHouseholds, context: "tests_per_1000_households")
        w.key("tests_per_km2")
        try w.appendDouble(row.testsPerSquareKm, context: "tests_per_km2")
        w.key("tier_counts")
        w.beginArray()
        for count in row.tierCounts {
            w.element()
            w.appendInt(count)
        }
        w.endArray()
        w.key("valid")
        w.appendInt(row.valid)
        w.endObject()
    }

    private static func writeCells(_ cells: [EvidenceCell], to w: PrettyJSONWriter) throws {
        w.beginArray()
        for cell in cells {
            w.element()
            try write(cell, to: w)
            try w.flushIfNeeded()
        }
        w.endArray()
    }

    private static func write(_ cell: EvidenceCell, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("commune_code")
        w.appendString(cell.communeCode)
        w.key("interval")
        try write(cell.interval, to: w)
        w.key("operator")
        w.appendString(cell.operatorName)
        w.key("p_value")
        try w.appendDouble(cell.pValue, context: "p_value")
        w.key("passing")
        w.appendInt(cell.passing)
        w.key("quadkey")
        w.appendString(cell.quadkey.digits)
        w.key("share")
        try w.appendDouble(cell.share, context: "share")
        w.key("technology")
        w.appendString(cell.technology.rawValue)
        w.key("test_ids")
        w.beginArray()
        for id in cell.testIDs {
            w.element()
            w.appendString(id)
        }
        w.endArray()
        w.key("tests")
        w.appendInt(cell.tests)
        w.endObject()
    }

    private static func write(_ interval: ProportionInterval?, to w: PrettyJSONWriter) throws {
        guard let interval else { return w.appendNull() }
        w.beginObject()
        w.key("lower")
        try w.appendDouble(interval.lower, context: "lower")
        w.key("upper")
        try w.appendDouble(interval.upper, context: "upper")
        w.endObject()
    }

    private static func write(_ institution: InstitutionEvidence, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("institution_id")
        w.appendString(institution.institutionID)
        w.key("median_download_mbps")
        try w.appendDouble(institution.medianDownloadMbps, context: "median_download_mbps")
        w.key("newest_time")
        try w.appendDouble(institution.newestTime, context: "newest_time")
        w.key("passing")
        w.appendInt(institution.passing)
        w.key("strength")
        w.appendString(institution.strength.rawValue)
        w.key("tests")
        w.appendInt(institution.tests)
        w.endObject()
    }

    private static func write(_ summary: SpeedTileSummary, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("average_download_mbps")
        try w.appendDouble(summary.averageDownloadMbps, context: "average_download_mbps")
        w.key("average_latency_ms")
        try w.appendDouble(summary.averageLatencyMs, context: "average_latency_ms")
        w.key("average_upload_mbps")
        try w.appendDouble(summary.averageUploadMbps, context: "average_upload_mbps")
        w.key("commune_code")
        w.appendString(summary.communeCode)
        w.key("devices")
        w.appendInt(summary.devices)
        w.key("kind")
        w.appendString(summary.kind.rawValue)
        w.key("tests")
        w.appendInt(summary.tests)
        w.key("tiles")
        w.appendInt(summary.tiles)
        w.endObject()
    }

    private static func write(_ parameters: EvidenceParameters, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("confidence_level")
        try w.appendDouble(parameters.confidenceLevel, context: "confidence_level")
        w.key("declared_served_share")
        try w.appendDouble(parameters.declaredServedShare, context: "declared_served_share")
        w.key("end_hour")
        w.appendInt(parameters.endHour)
        w.key("first_hour")
        w.appendInt(parameters.firstHour)
        w.key("maximum_interval_width")
        try w.appendDouble(parameters.maximumIntervalWidth, context: "maximum_interval_width")
        w.key("minimum_tests_per_cell")
        w.appendInt(parameters.minimumTestsPerCell)
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
            w.key("indoor_dbm")
            try w.appendDouble(threshold.indoorDbm, context: "indoor_dbm")
            w.key("outdoor_dbm")
            try w.appendDouble(threshold.outdoorDbm, context: "outdoor_dbm")
            w.endObject()
        }
        w.endObject()
        w.key("speed_tiers")
        w.beginArray()
        for tier in parameters.speedTiers {
            w.element()
            try write(tier, to: w)
        }
        w.endArray()
        w.key("undeclared_served_share")
        try w.appendDouble(parameters.undeclaredServedShare, context: "undeclared_served_share")
        w.key("utc_offset_seconds")
        w.appendInt(parameters.utcOffsetSeconds)
        w.key("validity_days")
        w.appendInt(parameters.validityDays)
        w.endObject()
    }

    private static func write(_ tier: SpeedTier, to w: PrettyJSONWriter) throws {
        w.beginObject()
        w.key("download_mbps")
        try w.appendDouble(tier.downloadMbps, context: "download_mbps")
        w.key("upload_mbps")
        try w.appendDouble(tier.uploadMbps, context: "upload_mbps")
        w.endObject()
    }
}
