import CoverageModel
import Testing

/// What changed between the datasets a coverage run recorded and the store's datasets now.
@Suite struct RunInputChangesTests {
    static func provenance(_ id: Int64, _ layer: String, sha: String = "s", rows: Int = 10) -> Provenance {
        Provenance(
            id: id, layer: layer, fileName: "\(layer)-\(id).geojson", sha256: sha, rowCount: rows,
            importedAt: "2026-12-07T00:00:00Z", asOf: nil, format: "geojson", options: "")
    }

    static let recorded = [
        DatasetFingerprint(provenance(1, "communes")), DatasetFingerprint(provenance(2, "households")),
        DatasetFingerprint(provenance(3, "routes")),
    ]

    /// Current datasets, and the ids expected added and removed.
    static let cases: [(label: String, current: [Provenance], added: [Int64], removed: [Int64])] = [
        ("unchanged", [provenance(1, "communes"), provenance(2, "households"), provenance(3, "routes")], [], []),
        (
            "routes added",
            [
                provenance(1, "communes"), provenance(2, "households"), provenance(3, "routes"),
                provenance(4, "routes", rows: 37),
            ],
            [4], []
        ),
        ("routes removed", [provenance(1, "communes"), provenance(2, "households")], [], [3]),
        (
            "same id, other file (replaced, id reused)",
            [provenance(1, "communes"), provenance(2, "households"), provenance(3, "routes", sha: "t")], [3], [3]
        ),
        (
            "evidence layers do not count",
            [
                provenance(1, "communes"), provenance(2, "households"), provenance(3, "routes"),
                provenance(5, "measurements"), provenance(6, "speed-tiles"),
            ], [], []
        ),
    ]

    @Test(arguments: cases)
    func changes(_ c: (label: String, current: [Provenance], added: [Int64], removed: [Int64])) {
        let changes = RunInputChanges.between(
            recorded: Self.recorded, current: c.current, runID: 9, runCreatedAt: "2026-12-07T01:00:00Z")
        #expect(changes.inputsRecorded, "\(c.label)")
        #expect(changes.added.map(\.id) == c.added, "\(c.label)")
        #expect(changes.removed.map(\.id) == c.removed, "\(c.label)")
        #expect(changes.isCurrent == (c.added.isEmpty && c.removed.isEmpty), "\(c.label)")
        #expect((changes.summary == nil) == changes.isCurrent, "\(c.label)")
    }

    @Test func summaryNamesTheRunTheDatasetsAndTheirFeatures() throws {
        let changes = RunInputChanges.between(
            recorded: Self.recorded,
            current: [
                Self.provenance(1, "communes"), Self.provenance(2, "households"),
                Self.provenance(4, "routes", rows: 37),
            ],
            runID: 9, runCreatedAt: "2026-12-07T01:00:00Z")
        let summary = try #require(changes.summary)
        #expect(summary.contains("the stored coverage run (id 9, 2026-12-07T01:00:00Z)"), "\(summary)")
        #expect(summary.contains("1 dataset imported since (37 features: routes routes-4.geojson)"), "\(summary)")
        #expect(summary.contains("1 dataset it read removed since (10 features: routes)"), "\(summary)")
        let many = RunInputChanges.between(
            recorded: Self.recorded,
            current: Self.cases[0].current + [Self.provenance(7, "households", rows: 1_234_567)],
            runID: 9, runCreatedAt: "")
        #expect(many.summary?.contains("(1,234,567 features: households households-7.geojson)") == true)
    }

    @Test func aRunWithoutRecordedInputsIsNeverCurrent() throws {
        let changes = RunInputChanges.between(
            recorded: [], current: [Self.provenance(1, "communes")], runID: 2, runCreatedAt: "2026-01-01T00:00:00Z")
        #expect(!changes.inputsRecorded && !changes.isCurrent)
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
        #expect(try #require(changes.summary).contains("stored before runs recorded their inputs"))
    }
}
