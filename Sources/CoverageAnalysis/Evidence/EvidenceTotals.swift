import CoverageModel
import Foundation

/// The evidence of all the communes together, per operator: the same analysis over one unit made of
/// every commune's polygons, so the shares, intervals and download percentiles are those of the
/// pooled tests (a median does not add up from the communes' medians).
public enum EvidenceTotals {
    /// The code of the pooled unit in the rows it returns.
    public static let code = "*"

    /// The rows of the pooled communes: all operators first, then each operator (sorted). Tests in no
    /// commune are left out, so every count is the sum of the communes' rows.
    public static func rows(_ inputs: EvidenceInputs, parameters: EvidenceParameters, asOf: Double) throws
        -> [EvidenceRow]
    {
        let polygons = inputs.communes.flatMap(\.geometry.polygons)
        guard let first = inputs.communes.first, !polygons.isEmpty else { return [] }
        var pooled = inputs
        pooled.communes = [
            AdminUnit(
                code: code, name: code, level: first.level, parentCode: nil, vintage: first.vintage,
                geometry: .multiPolygon(polygons))
        ]
        pooled.householdsByCommune = [:]
        pooled.speedTiles = []
        return try EvidenceAnalysis.run(pooled, parameters: parameters, asOf: asOf).rows
    }
}
