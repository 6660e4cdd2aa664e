import CoverageFormats

/// Writes coverage.json with a ``PrettyJSONWriter``: the bytes `ReportJSON.encode` gives for a
/// ``ReportBundle`` (the audit, when there is one, then the coverage result), without `JSONEncoder`
/// walking the whole result.
///
/// The coverage result is written by ``CoverageJSONWriter``; the audit, a few tens of kilobytes, is
/// encoded by `JSONEncoder` and placed as it is. The `Encodable` conformances stay the reference: the
/// tests compare the two byte for byte.
enum ReportBundleJSONWriter {
    /// The complete coverage.json bytes of `bundle` (with a final newline, as the folder writes it).
    static func bytes(_ bundle: ReportBundle) throws -> [UInt8] {
        let sink = ByteSink()
        let w = PrettyJSONWriter(sink: sink)
        w.beginObject()
        if let audit = bundle.audit {
            w.key("audit")
            w.appendPretty(try CoverageJSONWriter.encoded(audit))
        }
        w.key("coverage")
        _ = try CoverageJSONWriter.write(
            bundle.coverage, runID: bundle.coverage.runID.map { Int($0) }, to: w)
        w.endObject()
        try w.finish()
        return sink.buffer
    }
}
