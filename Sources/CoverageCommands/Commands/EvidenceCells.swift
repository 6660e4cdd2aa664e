import CoverageAnalysis
import CoverageFormats
import CoverageModel

/// The cells `covaudit evidence` flags, as a GeoJSON map layer: challenge candidates and
/// served-but-undeclared zoom-16 tiles, each with its counts, share, interval and p-value.
enum EvidenceCellsFile {
    /// Writes every flagged cell of `result` to `path` (RFC 7946, through `OutputFile`); returns the count.
    static func write(_ result: EvidenceResult, to path: String) throws -> Int {
        let writer = try GeoJSONWriter(path: path, collectionMembers: [("name", .string("covaudit evidence cells"))])
        for (kind, cells) in [
            ("challenge", result.challengeCandidates), ("served-undeclared", result.servedUndeclared),
        ] {
            for c in cells {
                try writer.writeFeature(
                    geometry: .polygon(c.quadkey.polygon),
                    properties: [
                        ("kind", .string(kind)), ("quadkey", .string(c.quadkey.digits)),
                        ("commune_code", c.communeCode.map(JSONScalar.string) ?? .null),
                        ("operator", .string(c.operatorName)), ("technology", .string(c.technology.rawValue)),
                        ("tests", .int(Int64(c.tests))), ("served", .int(Int64(c.passing))),
                        ("served_share", .number(c.share)), ("interval_low", .number(c.interval.lower)),
                        ("interval_high", .number(c.interval.upper)), ("p_value", .number(c.pValue)),
                    ])
            }
        }
        try writer.finish()
        return writer.featureCount
    }
}
