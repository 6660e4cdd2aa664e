import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@testable import CoverageAnalysis

/// Reads on a second connection come from the caller's snapshot, whatever commits meanwhile.
@Suite struct ParallelReadTests {
    @Test func readsWhatTheCallerWouldRead() throws {
        let store = try CoverageFixture.build()
        try store.db.execute("BEGIN")
        defer { try? store.db.execute("COMMIT") }
        let parallel = ParallelRead(store: store) { try $0.coverageAreas() }
        #expect(try parallel.value().map(\.id) == (try store.coverageAreas()).map(\.id))
        #expect(try parallel.value().count == 3)
    }

    @Test func anImportCommittedAfterTheSnapshotIsNotSeen() throws {
        let store = try CoverageFixture.build()
        try store.db.execute("BEGIN")
        defer { try? store.db.execute("COMMIT") }
        #expect(try store.db.scalar("SELECT count(*) FROM coverage_areas").int == 3)
        // Another connection imports a fourth area after the caller's snapshot was taken.
        let other = try CoverageFixture.commitLateCoverage(store.path)
        #expect(try other.db.scalar("SELECT count(*) FROM coverage_areas").int == 4)
        let parallel = ParallelRead(store: store) { try $0.coverageAreas() }
        #expect(try parallel.value().count == 3)
    }
}
