/// One planted zoom-16 cell: where the generated tests contradict (or extend) the declared coverage.
public struct PlantedCell: Codable, Sendable, Equatable {
    public var quadkey: String
    public var operatorName: String
    public var technology: String
    /// Every test of this operator and technology in the cell (planted and regular).
    public var tests: Int
    /// Of those, tests that meet the reference thresholds (10/1 Mbps and RSRP ≥ −110 dBm).
    public var passing: Int

    enum CodingKeys: String, CodingKey {
        case quadkey, technology, tests, passing
        case operatorName = "operator"
    }
}

/// `measurements-truth.json`: the planted over-declared and undeclared-served cells, for scoring an analysis.
public struct MeasurementTruth: Codable, Sendable, Equatable {
    public var parameters: MeasurementParameters
    public var seed: UInt64
    /// Tests written to measurements.csv.
    public var measurements: Int
    /// Declared cells that could be planted (wholly inside one 4G/5G polygon of the operator).
    public var eligibleDeclaredCells: Int
    /// Undeclared cells that could be planted (holding a hamlet, not near the operator's 4G polygons).
    public var eligibleUndeclaredCells: Int
    /// The thresholds the planted rates refer to.
    public var referenceDownloadMbps: Double
    public var referenceUploadMbps: Double
    public var referenceRsrpDbm: Double
    /// Declared but failing, by quadkey, operator and technology.
    public var overDeclared: [PlantedCell]
    /// Undeclared but passing.
    public var undeclaredServed: [PlantedCell]
    /// Speed tiles written (0 without --speed-tiles).
    public var speedTiles: Int
    /// The school and fixed probes of `probes.csv`.
    public var probes: ProbeTruth

    enum CodingKeys: String, CodingKey {
        case parameters, seed, measurements
        case eligibleDeclaredCells = "eligible_declared_cells"
        case eligibleUndeclaredCells = "eligible_undeclared_cells"
        case referenceDownloadMbps = "reference_download_mbps"
        case referenceUploadMbps = "reference_upload_mbps"
        case referenceRsrpDbm = "reference_rsrp_dbm"
        case overDeclared = "over_declared"
        case undeclaredServed = "undeclared_served"
        case speedTiles = "speed_tiles"
        case probes
    }
}
