import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// Helpers that are refused or fail hand their work to the caller's snapshot: the output is the
/// same, in id order, whoever classified which range.
@Suite struct LocationPassWorkersTests {
    /// Runs the location pass on a new snapshot of `store`, with helpers from `workers` (nil: the snapshot's own).
    func classify(_ store: Store, workers: (ReadSnapshot) throws -> SnapshotWorkers? = { _ in nil }) throws -> String {
        var p = CoverageParameters()
        p.computeAreas = false
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let inputs = try AnalysisInputs.load(from: snapshot, parameters: p)
        let classifier = try Classifier(inputs: inputs, parameters: p)
        var pass = LocationPass(
            classifier: classifier, evaluator: MeasureEvaluator(parameters: p),
            gapKey: p.gapTechnology, unitCount: inputs.units.count, hamletCount: inputs.hamlets.count,
            operatorCount: inputs.operators.count, keepRows: true)
        pass.workerSource = try workers(snapshot)
        // Two variants tallied beside: planned routes (relative tallies) and a 4G broadband minimum.
        var planned = p
        planned.includePlanned = true
        var g4 = p
        g4.broadbandMinimum = .g4
        pass.fibreSources = [
            classifier.replacingFibre(
                inputs: AnalysisInputs.derive(
                    try AnalysisInputs.read(from: snapshot, vintage: nil), parameters: planned),
                parameters: planned)
        ]
        pass.variants = [
            LocationPassVariant(fibreSource: 0, evaluator: MeasureEvaluator(parameters: planned), gapKey: .broadband),
            LocationPassVariant(fibreSource: nil, evaluator: MeasureEvaluator(parameters: g4), gapKey: .g4),
        ]
        let outputs = try pass.runAll(snapshot)
        let output = outputs[0]
        #expect(outputs.count == 3)
        #expect(output.rows?.count == (try store.locationCount()))
        #expect(output.rows?.blocks.flatMap(\.rowIDs) == output.rows?.blocks.flatMap(\.rowIDs).sorted())
        return String(describing: outputs)
    }

    @Test func refusedAndFailingHelpersGiveTheSameOutput() throws {
        let store = try LocationPassTests.store(copies: LocationPassTests.copies)
        #expect(LocationPass.ranges(try #require(try store.readSnapshot().householdIDSpan()), workers: 2).count > 2)
        let expected = try classify(store)
        // Helpers refused (the store cannot be opened): the caller does every range.
        #expect(
            try classify(store) { SnapshotWorkers(path: store.path + ".missing", identity: $0.identity) } == expected)
        // Helpers whose reads fail at the first row: they hand their range back; the caller redoes it.
        let failing = store.path + ".failing"
        try? FileManager.default.removeItem(atPath: failing)
        let db = try Connection(path: store.path, mode: .readOnly)
        try db.execute("VACUUM INTO '\(failing)'")
        let copy = try Connection(path: failing, mode: .readWrite)
        try copy.execute("CREATE TABLE hh_real AS SELECT id, lon, lat, households, persons FROM households")
        try copy.execute("DROP TABLE households")
        try copy.execute(
            """
            CREATE VIEW households AS SELECT id, lon, lat, households, persons FROM hh_real
            WHERE abs(CASE WHEN id > 0 THEN -9223372036854775807 - 1 ELSE 1 END) > 0
            """)
        #expect(throws: (any Error).self) { try copy.scalar("SELECT count(*) FROM households") }
        #expect(try classify(store) { SnapshotWorkers(path: failing, identity: $0.identity) } == expected)
    }
}
