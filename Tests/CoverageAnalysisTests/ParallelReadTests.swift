import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// The coverage layer is read on a worker snapshot beside the other layers, and always comes from
/// the caller's snapshot, whatever commits meanwhile.
@Suite struct ParallelReadTests {
    @Test func readsWhatTheCallerWouldRead() throws {
        let store = try CoverageFixture.build()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let layers = try snapshot.inputLayers(vintage: "any")
        #expect(layers.coverageAreas.map(\.id) == (try snapshot.coverageAreas()).map(\.id))
        #expect(layers.coverageAreas.count == 3)
        #expect(layers.routes.map(\.id) == (try store.routes()).map(\.id))
    }

    @Test func anImportCommittedAfterTheSnapshotIsNotSeen() throws {
        let store = try CoverageFixture.build()
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        #expect(try snapshot.coverageAreas().count == 3)
        // Another connection imports a fourth area after the caller's snapshot was taken.
        let other = try CoverageFixture.commitLateCoverage(store.path)
        #expect(try other.db.scalar("SELECT count(*) FROM coverage_areas").int == 4)
        #expect(snapshot.worker() == nil)  // the worker is refused: the caller reads it
        #expect(try snapshot.inputLayers(vintage: "any").coverageAreas.count == 3)
    }
}
