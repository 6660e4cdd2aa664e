import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// A store whose `user_version` was changed outside covaudit is refused for reading and writing,
/// naming what is wrong, and left byte for byte as it was.
@Suite struct SchemaVersionTests {
    /// Header versions that do not match a current store, with the words the refusal must hold.
    static let altered: [(Int, String)] = [
        (-1, "no covaudit schema has a negative version"),
        (0, "already holds"),
        (1, "already holds coverage_run_inputs, coverage_run_state, coverage_runs"),
        (
            2,
            "already holds coverage_run_inputs, coverage_run_state, dataset_exclusions, location_hamlets, location_results, location_units, measurement_blocks, measurements"
        ),
        (
            3,
            "already holds coverage_run_inputs, coverage_run_state, dataset_exclusions, measurement_blocks, measurements, speed_tiles"
        ),
        (
            4,
            "already holds coverage_run_inputs, coverage_run_state, measurement_blocks, measurements.located_at_institution"
        ),
        (5, "already holds coverage_run_inputs, coverage_run_state, measurement_blocks"),
        (6, "already holds coverage_run_state, measurement_blocks"),
        (7, "already holds coverage_run_state"),
    ]

    @Test(arguments: altered, [false, true])
    func alteredHeaderVersionIsRefused(_ altered: (version: Int, words: String), readOnly: Bool) throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("s.sqlite").path
        _ = try Store.create(at: path)
        try Connection(path: path, mode: .readWrite).execute("PRAGMA user_version=\(altered.version)")
        let before = try StoreState.capture(path, .bytes)
        do {
            _ = try Store.open(at: path, readOnly: readOnly)
            Issue.record("opened a store whose header says version \(altered.version)")
        } catch {
            let message = "\(error)"
            #expect(message.contains("s.sqlite"), "\(message)")
            #expect(message.contains("header says schema version \(altered.version)"), "\(message)")
            #expect(message.contains(altered.words), "\(message)")
            #expect(!message.contains("migrate it once") && !message.contains("already exists"))
        }
        #expect(try StoreState.capture(path, .bytes) == before)
    }
}
