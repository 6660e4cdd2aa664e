import CoverageModel
import Foundation

/// Whether the measurements of a commune and operator are enough to confirm or refute its declared
/// coverage (the rule is in docs/DEFINITIONS.md, "Evidence strength").
public enum EvidenceStrength: String, Hashable, Sendable, Codable, CaseIterable {
    /// At least the minimum valid tests inside declared coverage, and a Wilson interval no wider
    /// than the maximum width.
    case enough
    /// Not enough, and stale tests would not have made it enough either.
    case tooFewTests = "too-few-tests"
    /// Not enough valid tests, but there would be with the stale ones: the evidence is out of date.
    case stale
}

/// The measured evidence of one commune (or of no commune) for one operator (or all operators).
public struct EvidenceRow: Hashable, Sendable {
    /// nil: tests in no commune.
    public var communeCode: String?
    /// nil: all operators together.
    public var operatorName: String?
    /// Every test of the commune and operator, valid or not.
    public var tests: Int
    /// Tests left out, by reason (reasons with no test are absent).
    public var excluded: [EvidenceExclusion: Int]
    /// Tests kept: recorded operator and technology, inside the window and hours, judgeable.
    public var valid: Int
    /// Valid tests inside the operator's declared coverage of the test's technology.
    public var insideDeclared: Int
    /// Valid tests outside it.
    public var outsideDeclared: Int
    /// Valid tests inside declared coverage that meet the threshold (served).
    public var insidePassing: Int
    /// Valid tests outside declared coverage that meet the threshold.
    public var outsidePassing: Int
    /// insidePassing / insideDeclared; nil without tests inside declared coverage.
    public var insideShare: Double?
    /// The Wilson interval of `insideShare` at the confidence level; nil without tests.
    public var insideInterval: ProportionInterval?
    /// Valid tests meeting each of `parameters.speedTiers`, in that order (speed tests only).
    public var tierCounts: [Int]
    /// Valid tests per km² of the commune; nil for the no-commune row.
    public var testsPerSquareKm: Double?
    /// Valid tests per 1,000 households; nil when the commune's households are unknown or 0.
    public var testsPerThousandHouseholds: Double?
    /// Valid tests with a download speed.
    public var downloadTests: Int
    /// The median download (Mbps) of those; nil without any.
    public var medianDownloadMbps: Double?
    /// The 10th-percentile download (Mbps); nil without any.
    public var p10DownloadMbps: Double?
    public var strength: EvidenceStrength
    /// The valid tests inside declared coverage by the test's technology (technologies without such
    /// a test are absent): what an audit weighs a technology's declared coverage with.
    public var insideByTechnology: [Technology: InsideCounts] = [:]

    /// The number of tests excluded for `reason`.
    public func excluded(_ reason: EvidenceExclusion) -> Int { excluded[reason] ?? 0 }
}

/// Valid tests inside declared coverage of one technology, and how many of them are served.
public struct InsideCounts: Hashable, Sendable {
    public var inside: Int
    public var passing: Int

    public init(inside: Int, passing: Int) {
        self.inside = inside
        self.passing = passing
    }

    /// passing / inside; nil without tests.
    public var share: Double? { inside > 0 ? Double(passing) / Double(inside) : nil }
}

/// The connectivity probes (source `school-probe` or `fixed-probe`) attached to one institution by
/// its id: what the measured evidence says of an institution's recorded connection.
public struct InstitutionEvidence: Hashable, Sendable {
    public var institutionID: String
    /// Valid probe tests of the institution (window and hours as for every test).
    public var tests: Int
    /// Of those, the ones meeting `servedTier`.
    public var passing: Int
    /// The median download (Mbps) of the valid tests; nil without any.
    public var medianDownloadMbps: Double?
    /// The newest valid test, seconds since 1970 UTC; nil without any.
    public var newestTime: Double?
    /// The evidence-strength rule applied to the institution's tests.
    public var strength: EvidenceStrength

    public init(
        institutionID: String, tests: Int, passing: Int, medianDownloadMbps: Double?, newestTime: Double?,
        strength: EvidenceStrength
    ) {
        self.institutionID = institutionID
        self.tests = tests
        self.passing = passing
        self.medianDownloadMbps = medianDownloadMbps
        self.newestTime = newestTime
        self.strength = strength
    }
}

/// A zoom-16 cell of one operator and technology where the valid tests speak against (challenge)
/// or for (served but undeclared) the declared coverage with significance.
public struct EvidenceCell: Hashable, Sendable {
    public var quadkey: Quadkey
    /// The commune holding most of the cell's tests (ties: the lower code); nil when in none.
    public var communeCode: String?
    public var operatorName: String
    public var technology: Technology
    /// Valid tests of the cell (inside declared coverage for a challenge, outside for undeclared).
    public var tests: Int
    /// Of those, the served ones.
    public var passing: Int
    public var share: Double
    public var interval: ProportionInterval
    /// The one-sided exact binomial p-value of the cell's test.
    public var pValue: Double
    /// The ids of the tests behind the cell, ascending in input order.
    public var testIDs: [String]
}

/// Ookla open-data tiles of one commune and kind: test-weighted averages and counts.
///
/// An aggregate source (quarterly averages per tile, no individual tests, no operator): it never
/// challenges a declared polygon on its own; it is context beside the tests.
public struct SpeedTileSummary: Hashable, Sendable {
    /// The commune containing the tiles' centres; nil: in no commune.
    public var communeCode: String?
    public var kind: SpeedTileKind
    public var tiles: Int
    public var tests: Int
    public var devices: Int
    /// Σ tests·avg / Σ tests, in Mbps (kbps / 1000); nil when the tiles hold no tests.
    public var averageDownloadMbps: Double?
    public var averageUploadMbps: Double?
    public var averageLatencyMs: Double?
}

/// Everything the evidence analysis finds.
public struct EvidenceResult: Hashable, Sendable {
    public var parameters: EvidenceParameters
    /// The as-of time, seconds since 1970 UTC.
    public var asOf: Double
    /// Operators of the declared coverage and of the tests, sorted.
    public var operators: [String]
    /// Per commune (by code) × operator (sorted; the all-operators row, `operatorName` nil, first).
    public var rows: [EvidenceRow]
    /// Tests in no commune, per operator (all operators first).
    public var outsideCommunes: [EvidenceRow]
    /// Cells inside declared coverage where the tests contradict it, by quadkey, operator, technology.
    public var challengeCandidates: [EvidenceCell]
    /// Cells outside declared coverage with enough passing tests.
    public var servedUndeclared: [EvidenceCell]
    /// Ookla tiles per commune and kind.
    public var speedTiles: [SpeedTileSummary]
    /// Ookla tiles whose quadkey is not zoom 16 (left out).
    public var speedTilesWrongZoom: Int
    /// Institutions with probe tests attached, by id ascending (empty without probes).
    public var institutions: [InstitutionEvidence] = []
    /// Probe tests naming an institution id that is not among the stored institutions (not attached).
    public var unattachedProbeTests = 0

    /// The row of `communeCode` and `operatorName` (nil: all operators).
    public func row(commune communeCode: String, operator operatorName: String?) -> EvidenceRow? {
        rows.first { $0.communeCode == communeCode && $0.operatorName == operatorName }
    }
}

/// What the evidence analysis reads: model values, so it runs on whatever the snapshot provides.
public struct EvidenceInputs: Sendable {
    /// Communes of one vintage (any order; a test on a shared boundary goes to the lower code).
    public var communes: [AdminUnit]
    /// Declared coverage, every operator and technology.
    public var coverage: [CoverageArea]
    /// Households per commune code (communes absent: unknown).
    public var householdsByCommune: [String: Int]
    /// The tests, compact (a store cursor appends them row by row).
    public var tests: EvidenceTestSet
    public var speedTiles: [SpeedTile]
    /// The stored institutions' ids: probes naming another id are counted unattached (nil: attach every id).
    public var institutionIDs: Set<String>? = nil

    public init(
        communes: [AdminUnit], coverage: [CoverageArea], householdsByCommune: [String: Int] = [:],
        tests: EvidenceTestSet, speedTiles: [SpeedTile] = []
    ) {
        self.communes = communes
        self.coverage = coverage
        self.householdsByCommune = householdsByCommune
        self.tests = tests
        self.speedTiles = speedTiles
    }

    /// The inputs with `measurements` as the tests.
    public init(
        communes: [AdminUnit], coverage: [CoverageArea], householdsByCommune: [String: Int] = [:],
        measurements: [CoverageModel.Measurement], speedTiles: [SpeedTile] = []
    ) {
        self.init(
            communes: communes, coverage: coverage, householdsByCommune: householdsByCommune,
            tests: EvidenceTestSet(measurements), speedTiles: speedTiles)
    }
}
