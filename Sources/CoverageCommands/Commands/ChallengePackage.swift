import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport
import Foundation

/// A challenge package: per operator, one CSV of the tests behind every challenge candidate cell,
/// ready to send to the operator (`covaudit evidence --challenge-package DIR`).
enum ChallengePackage {
    static let header = [
        "quadkey", "commune_code", "operator", "technology", "cell_tests", "cell_served", "cell_p_value", "test_id",
        "time", "lon", "lat", "download_mbps", "upload_mbps", "latency_ms", "rsrp_dbm", "environment", "source",
    ]

    /// Writes `challenge-<operator>.csv` per operator with candidates into `folder`; returns the paths.
    static func write(_ outcome: EvidenceRun.Outcome, to folder: String) throws -> [String] {
        let url = try OutputFolder.prepare(folder)
        let byOperator = Dictionary(grouping: outcome.result.challengeCandidates, by: \.operatorName)
        var written: [String] = []
        for (name, cells) in byOperator.sorted(by: { $0.key < $1.key }) {
            let path = url.appendingPathComponent("challenge-\(fileSafe(name)).csv").path
            let csv = try CSVWriter(path: path, header: header)
            for cell in cells.sorted(by: { $0.quadkey < $1.quadkey }) {
                for id in cell.testIDs {
                    guard let test = outcome.candidateTests[id] else { continue }
                    try csv.writeRow(row(cell, test))
                }
            }
            _ = try csv.finish()
            written.append(path)
        }
        return written
    }

    private static func row(_ cell: EvidenceCell, _ t: CoverageModel.Measurement) -> [JSONScalar] {
        func number(_ v: Double?) -> JSONScalar { v.map(JSONScalar.number) ?? .null }
        func text(_ v: String?) -> JSONScalar { v.map(JSONScalar.string) ?? .null }
        return [
            .string(cell.quadkey.digits), text(cell.communeCode), .string(cell.operatorName),
            .string(cell.technology.rawValue), .int(Int64(cell.tests)), .int(Int64(cell.passing)),
            .number(cell.pValue), .string(t.id), text(t.time.map(EvidenceExports.isoTime)),
            .fixed(t.position.x, decimals: 7),
            .fixed(t.position.y, decimals: 7), number(t.downloadMbps), number(t.uploadMbps), number(t.latencyMs),
            number(t.rsrpDbm), text(t.environment?.rawValue), .string(t.source.rawValue),
        ]
    }

    /// An operator name as a file-name part: letters and digits kept, anything else `_`.
    static func fileSafe(_ name: String) -> String {
        let mapped = String(name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "_" })
        return mapped.isEmpty ? "_" : mapped
    }
}
