import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport

/// The cells `covaudit evidence` flags, as a map layer: challenge candidates and served-but-undeclared
/// zoom-16 tiles, each with its counts, share, interval and p-value.
enum EvidenceCellsFile {
    /// True when `path` names a GeoPackage (written with the tests behind each challenge candidate).
    static func isGeoPackage(_ path: String) -> Bool { path.lowercased().hasSuffix(".gpkg") }

    /// Writes every flagged cell of `outcome` to `path` (a GeoPackage for `.gpkg`: layers
    /// challenge_candidates, challenge_tests and served_undeclared; else RFC 7946 GeoJSON with a
    /// `kind` per cell, through `OutputFile`); returns the number of cells.
    static func write(_ outcome: EvidenceRun.Outcome, to path: String) throws -> Int {
        let result = outcome.result
        if isGeoPackage(path) {
            try GeoPackageExport.writeEvidence(result, tests: outcome.candidateTests, to: path)
            return result.challengeCandidates.count + result.servedUndeclared.count
        }
        let writer = try GeoJSONWriter(path: path, collectionMembers: [("name", .string("covaudit evidence cells"))])
        try EvidenceExports.writeCells(result.challengeCandidates, kind: "challenge", to: writer)
        try EvidenceExports.writeCells(result.servedUndeclared, kind: "served-undeclared", to: writer)
        try writer.finish()
        return writer.featureCount
    }
}
