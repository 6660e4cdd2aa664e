import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// The GEOS gap polygons are computed on two connections; when a worker sees another snapshot than
/// the analysis (an import committed in between), the analysis' own connection does all the work.
@Suite struct AreaPassSnapshotTests {
    func gapAreas(_ snapshot: ReadSnapshot, workers: SnapshotWorkers? = nil) throws -> [String: Double] {
        var parameters = CoverageParameters()
        parameters.gapAreas = true
        let inputs = try AnalysisInputs.load(from: snapshot, parameters: parameters)
        let classifier = try Classifier(inputs: inputs, parameters: parameters)
        let facts = try UnitFacts.compute(snapshot, inputs: inputs, classifier: classifier)
        #expect(facts.count >= 16)  // enough partly covered units for two workers
        var pass = AreaPass(parameters: parameters)
        pass.workerSource = workers
        let areas = try pass.run(snapshot, inputs: inputs, facts: facts)
        return Dictionary(uniqueKeysWithValues: areas.compactMap { $0.gap.map { ($0.unitCode, $0.km2) } })
    }

    /// 20 communes in a row, each with its southern half under 4G: 20 partly uncovered units.
    func stripStore() throws -> Store {
        let dir = try FixtureDirectory("area-pass-strip")
        let store = try dir.store()
        let communes = (0..<20).map { i in
            let x = 105.0 + 0.01 * Double(i)
            return CoverageFixture.rectangleFeature(
                x, 21.0, x + 0.01, 21.01, #"{"code":"\#(10_000 + i)","name":"Xã \#(i)"}"#)
        }
        try CoverageFixture.importFeatures(communes, as: .communes, into: store, dir: dir)
        let cover = CoverageFixture.rectangleFeature(
            105.0, 21.0, 105.2, 21.005, #"{"operator":"Viettel","technology":"4G"}"#)
        try CoverageFixture.importFeatures([cover], as: .coverage, into: store, dir: dir)
        return store
    }

    @Test func anImportAfterTheSnapshotMakesTheCallerDoTheWork() throws {
        let store = try stripStore()
        let first = try store.readSnapshot()
        let expected = try gapAreas(first)
        first.end()
        #expect(expected.count == 20)
        #expect(expected.values.allSatisfy { abs($0 - (expected["10000"] ?? 0)) < 1e-3 && $0 > 0 })
        let snapshot = try store.readSnapshot()  // the snapshot starts here
        defer { snapshot.end() }
        let other = try CoverageFixture.commitLateCoverage(store.path)
        #expect(try other.db.scalar("SELECT count(*) FROM coverage_areas WHERE operator = 'Late'").int == 1)
        // Workers now see the import and decline; the answers are the snapshot's.
        #expect(snapshot.worker() == nil)
        #expect(try gapAreas(snapshot) == expected)
        // A worker that cannot open the store at all declines too.
        let missing = SnapshotWorkers(path: store.path + ".missing", identity: snapshot.identity)
        #expect(try gapAreas(snapshot, workers: missing) == expected)
    }
}
