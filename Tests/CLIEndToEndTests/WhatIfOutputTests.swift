import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// The output of a what-if run, encoded while the run is stored: written only once the run is
/// stored, and byte for byte what the serial path (`--full`, which writes it after storing) prints.
@Suite("What-if output while storing")
struct WhatIfOutputTests {
    /// The fictional store with one stored run and 20 coverage areas imported since.
    static func changedStore(_ label: String) throws -> (FixtureDirectory, String) {
        let (dir, db, files) = try WhatIfRunTests.store(.fictional, label)
        let coverage = try dir.write(
            "new-coverage.geojson",
            try WhatIfRunTests.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 20, seed: 11,
                operators: ["Viettel", "MobiFone", "VNPT"]))
        let imported = try CovauditBinary.run(["import", "coverage", coverage, "--db", db, "-q"])
        try #require(imported.status == 0, "\(imported.stderr)")
        return (dir, db)
    }

    /// Each format's bytes equal those of `--full` on a copy of the same store (same run id).
    @Test(arguments: [["-f", "json"], [], ["-f", "csv"], ["-f", "csv", "--excel"], ["--lang", "vi"]])
    func theBytesAreThoseOfTheSerialPath(_ arguments: [String]) throws {
        let (dir, db) = try Self.changedStore("output-\(arguments.joined())")
        let (a, b) = (dir.path("a.sqlite"), dir.path("b.sqlite"))
        for path in [a, b] { try FileManager.default.copyItem(atPath: db, toPath: path) }
        let whatIf = try CovauditBinary.run(["coverage", "--db", a] + arguments)
        let full = try CovauditBinary.run(["coverage", "--db", b, "--full"] + arguments)
        try #require(whatIf.status == 0 && full.status == 0, "\(whatIf.stderr)\n\(full.stderr)")
        let whatIfLine = arguments.contains("vi") ? "sau lần chạy 1; đã tính lại " : "since run 1; recomputed "
        #expect(whatIf.stderr.contains(whatIfLine), "\(whatIf.stderr)")
        #expect(!whatIf.stdout.isEmpty)
        #expect(whatIf.stdout == full.stdout)
    }

    /// A what-if run whose store cannot be written (another writer holds the lock past the busy
    /// timeout) prints nothing on stdout and fails as before: exit 1, one error, the store unchanged.
    @Test(arguments: [["-f", "json"], [], ["-f", "csv"]])
    func aFailedStorePrintsNothing(_ arguments: [String]) throws {
        let (_, db) = try Self.changedStore("locked-\(arguments.joined())")
        let holder = try Connection(path: db, mode: .readWrite)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let result = try assertFailsCleanly(
            args: ["coverage", "--db", db] + arguments, store: db,
            messageContains: ["store.sqlite", "locked by another process", "database is locked"])
        #expect(result.stderr.contains("since run 1; recomputed "), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout.prefix(200))")
    }
}
