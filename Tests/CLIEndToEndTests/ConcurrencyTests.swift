import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Several covaudit processes on one store: readers run during an import (WAL) and see the store
/// before or after it, never half-way; concurrent imports wait for each other (busy timeout) or
/// fail clearly; nothing is ever corrupted.
@Suite("Concurrent use", .serialized)
struct ConcurrencyTests {
    /// The read-only command run again and again while an import writes.
    static let readerCommand = ["info", "-f", "json"]

    @Test func readersDuringAnImportSeeBeforeOrAfterNeverHalfWay() throws {
        let f = try E2EFixture("concurrent-read")
        let rows = 100_000
        let file = try LargeInput.householdsCSV(rows: rows, to: f.dir.path("big.csv"))
        let reader = Self.readerCommand + ["--db", f.store]
        let before = try CovauditBinary.run(reader)
        let writer = try CovauditBinary.start(f.importArgs("households", file), outputIn: f.dir.url)
        var reads: [ProcessResult] = []
        var readsDuringImport = 0
        while writer.isRunning {
            let read = try CovauditBinary.run(reader)
            if writer.isRunning { readsDuringImport += 1 }
            reads.append(read)
            usleep(50_000)  // leave the writer some CPU on small CI machines
        }
        let written = writer.wait()
        let after = try CovauditBinary.run(reader)
        print("reader test: \(reads.count) reads, \(readsDuringImport) during the import")

        #expect(before.status == 0 && written.status == 0 && after.status == 0, "\(written.stderr)")
        #expect(before.stdout != after.stdout)
        let odd = reads.filter { $0.status != 0 || ($0.stdout != before.stdout && $0.stdout != after.stdout) }
        #expect(odd.isEmpty, "\(odd.count) of \(reads.count) reads saw neither state: \(odd.first?.stderr ?? "")")
        #expect(readsDuringImport >= 2, "only \(readsDuringImport) reads overlapped the import")
        let info = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        #expect(InfoJSON(info.stdout)?.counts["households"] == 3 + rows)
        try expectConsistent(f.store)
    }

    /// `coverage` reads every layer in one snapshot and then writes its results (a second writer):
    /// run while an import commits, it reports the store before or after the import, never a mix,
    /// and both processes finish.
    @Test func coverageDuringAnImportReportsOneStateAndBothFinish() throws {
        let f = try E2EFixture("concurrent-coverage")
        _ = try CovauditBinary.run(
            f.importArgs("households", try LargeInput.householdsCSV(rows: 20_000, prefix: "A", to: f.dir.path("a.csv")))
        )
        let coverage = ["coverage", "--db", f.store, "-f", "json", "-q", "--no-areas"]
        let before = try CovauditBinary.run(coverage)
        let file = try LargeInput.householdsCSV(rows: 50_000, prefix: "B", to: f.dir.path("b.csv"))
        let reader = try CovauditBinary.start(coverage, outputIn: f.dir.url)
        let writer = try CovauditBinary.start(f.importArgs("households", file), outputIn: f.dir.url)
        let written = writer.wait()
        let read = reader.wait()
        let after = try CovauditBinary.run(coverage)
        #expect(
            before.status == 0 && read.status == 0 && written.status == 0 && after.status == 0,
            "\(read.stderr)\(written.stderr)")
        #expect(before.stdout != after.stdout)
        #expect(read.stdout == before.stdout || read.stdout == after.stdout, "coverage saw neither state")
        try expectConsistent(f.store)
    }

    @Test func twoImportsAtOnceSerializeOrFailClearly() throws {
        let f = try E2EFixture("concurrent-write")
        let rows = 15_000
        let a = try LargeInput.householdsCSV(rows: rows, prefix: "A", to: f.dir.path("a.csv"))
        let b = try LargeInput.householdsCSV(rows: rows, prefix: "B", to: f.dir.path("b.csv"))
        let first = try CovauditBinary.start(f.importArgs("households", a), outputIn: f.dir.url)
        let second = try CovauditBinary.start(f.importArgs("households", b), outputIn: f.dir.url)
        let results = [first.wait(), second.wait()]
        print("two imports: exit statuses \(results.map(\.status))")
        for r in results {
            let clearFailure = r.status == 1 && r.stderr.contains("database is locked")
            #expect(r.status == 0 || clearFailure, "status \(r.status): \(r.stderr)")
        }
        let succeeded = results.filter { $0.status == 0 }.count
        #expect(succeeded >= 1)
        let info = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        #expect(InfoJSON(info.stdout)?.counts["households"] == 3 + succeeded * rows, "\(info.stdout)")
        try expectConsistent(f.store)
    }

    /// 50 replace-imports of the communes and 10 coverage and report runs on one store all complete.
    ///
    /// The imports run one after another; an analysis starts with every fifth import, so several
    /// overlap, and each saves its results. An analysis re-creates the gap cluster triggers, so imports used to
    /// fail with "no such table: admin_units" (a statement compiled on the schema cached before).
    @Test func replaceImportsAndAnalysesOnOneStoreAllComplete() throws {
        let f = try E2EFixture("concurrent-replace")
        let data = TestPaths.fictionalProvince
        let communes = data.appendingPathComponent("synthetic_communes.geojson").path
        for args in [
            f.importArgs("communes", communes, ["--replace"]),
            f.importArgs("households", data.appendingPathComponent("synthetic_households.csv").path),
            f.importArgs("coverage", data.appendingPathComponent("synthetic_coverage.geojson").path),
        ] {
            let r = try CovauditBinary.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        var analyses: [(String, BackgroundProcess)] = []
        var imports: [ProcessResult] = []
        for i in 0..<50 {
            if i % 5 == 0 {
                let n = analyses.count
                let args =
                    n % 2 == 0
                    ? ["coverage", "--db", f.store, "-q", "-f", "json", "--no-areas"]
                    : ["report", "--db", f.store, "-q", "--out", f.dir.path("report-\(n)")]
                analyses.append((args[0], try CovauditBinary.start(args, outputIn: f.dir.url)))
            }
            imports.append(try CovauditBinary.run(f.importArgs("communes", communes, ["--replace"])))
        }
        let analysed = analyses.map { ($0.0, $0.1.wait()) }
        let failedImports = imports.filter { $0.status != 0 }
        let failedAnalyses = analysed.filter { $0.1.status != 0 }
        print("replace imports: \(failedImports.count) of 50 failed; analyses: \(failedAnalyses.count) of 10 failed")
        #expect(failedImports.isEmpty, "\(failedImports.count) imports failed: \(failedImports.first?.stderr ?? "")")
        #expect(
            failedAnalyses.isEmpty,
            "\(failedAnalyses.count) analyses failed: \(failedAnalyses.first.map { "\($0.0): \($0.1.stderr)" } ?? "")")
        let info = InfoJSON(try CovauditBinary.run(["info", "--db", f.store, "-f", "json"]).stdout)
        #expect(info?.counts["communes"] == 12, "\(String(describing: info?.counts))")
        try expectConsistent(f.store)
    }

    /// Every dataset's recorded row count matches its rows, and SQLite finds no damage.
    private func expectConsistent(_ path: String) throws {
        let db = try Connection(path: path, mode: .readOnly)
        #expect(try db.scalar("PRAGMA integrity_check").text == "ok")
        let mismatches = try db.rows(
            """
            SELECT d.id, d.row_count, (SELECT count(*) FROM households h WHERE h.dataset_id = d.id)
            FROM datasets d WHERE d.layer = 'households'
            """
        ) { $0.int(1) == $0.int(2) ? nil : "dataset \($0.int(0)): \($0.int(1)) recorded, \($0.int(2)) rows" }
        .compactMap { $0 }
        #expect(mismatches.isEmpty, "\(mismatches)")
        let orphans = try db.scalar(
            "SELECT count(*) FROM households WHERE dataset_id NOT IN (SELECT id FROM datasets)"
        ).int
        #expect(orphans == 0)
    }
}

/// An import that cannot get the write lock within the busy timeout gives up cleanly.
///
/// Its own suite, so that its 10 s wait overlaps with other suites.
@Suite("Write lock")
struct WriteLockTests {
    /// `coverage` and `report` that cannot save their results within the busy timeout name the
    /// store and the other writer, never a raw SQLite code, and leave the store as it was.
    @Test(arguments: ["coverage", "report"])
    func analysisWhileAnotherWriterHoldsTheLockFailsClearly(_ command: String) throws {
        let f = try E2EFixture("locked-\(command)")
        let holder = try Connection(path: f.store, mode: .readWrite)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let extra = command == "report" ? ["--out", f.dir.path("out")] : []
        let result = try assertFailsCleanly(
            args: [command, "--db", f.store, "-q"] + extra, store: f.store,
            messageContains: [
                "store.sqlite", "locked by another process", "an import, or a coverage or report run",
                "busy timeout", "database is locked",
            ])
        #expect(!result.stderr.contains("SQLite error"), "\(result.stderr)")
    }

    @Test func importWhileAnotherWriterHoldsTheLockFailsClearly() throws {
        let f = try E2EFixture("locked")
        let file = try f.write("hh.csv", "id,lon,lat\nL1,105.81,21.51\n")
        let holder = try Connection(path: f.store, mode: .readWrite)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        // covaudit waits for the lock (busy timeout, 10 s), then gives up without writing.
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["hh.csv", "store store.sqlite", "locked by another process", "database is locked"])
    }
}
