import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// Problems with the store rather than the input: missing, foreign, damaged, read-only, full.
///
/// Every case exits 1 with a message naming the store and the reason, and changes nothing.
@Suite("Store failures")
struct StoreFailureTests {
    private let households = "id,lon,lat\nN1,105.81,21.51\nN2,105.82,21.52\n"

    @Test func storeThatIsNotThere() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        let absent = f.dir.path("absent.sqlite")
        try assertFailsCleanly(
            args: ["import", "households", file, "--db", absent], store: absent,
            messageContains: ["absent.sqlite", "no such store", "covaudit init"])
    }

    @Test func storeThatIsADirectory() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        let folder = f.dir.path("folder.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try assertFailsCleanly(
            args: ["import", "households", file, "--db", folder], store: f.store,
            messageContains: ["folder.sqlite", "is not a covaudit store: it is a directory"])
    }

    @Test func plainSQLiteFileIsNotAStore() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        let plain = f.dir.path("plain.sqlite")
        try Connection(path: plain, mode: .create).execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        try assertFailsCleanly(
            args: ["import", "households", file, "--db", plain], store: plain,
            messageContains: ["plain.sqlite", "is not a covaudit store", "no covaudit application id"])
    }

    @Test func textFileIsNotAStore() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        let notes = try f.write("notes.sqlite", String(repeating: "not a database, just some words\n", count: 200))
        try assertFailsCleanly(
            args: ["import", "households", file, "--db", notes], store: notes,
            messageContains: ["notes.sqlite", "is not a covaudit store", "file is not a database"], comparing: .bytes)
    }

    @Test func storeWithAnOverwrittenHeader() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        try overwrite(f.store, at: 0, count: 100)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["store.sqlite", "is not a covaudit store", "file is not a database"], comparing: .bytes)
    }

    @Test func corruptedStoreFailsTheImport() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        try corruptTable("households", in: f.store)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["hh.csv", "store store.sqlite", "the store file is damaged", "malformed"],
            comparing: .bytes)
    }

    @Test func corruptedStoreFailsInfo() throws {
        let f = try E2EFixture()
        try corruptTable("households", in: f.store)
        try assertFailsCleanly(
            args: ["info", "--db", f.store], store: f.store,
            messageContains: ["store.sqlite", "the store file is damaged", "malformed"], comparing: .bytes)
    }

    @Test func readOnlyStoreEvenForRoot() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: f.store)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["store.sqlite", "the store is read-only", "r--r--r--"])
    }

    @Test func readOnlyStoreCanStillBeRead() throws {
        let f = try E2EFixture()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: f.store)
        let result = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        #expect(result.status == 0 && InfoJSON(result.stdout)?.counts["households"] == 3, "\(result.stderr)")
    }

    @Test(.enabled(if: MountNamespace.isAvailable, "needs a private mount namespace (root, CAP_SYS_ADMIN)"))
    func storeOnAReadOnlyFileSystem() throws {
        let f = try E2EFixture()
        let file = try f.write("hh.csv", households)
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["store.sqlite", "the store is read-only", "read-only file system"],
            launch: MountNamespace.readOnly(f.dir.url.path))
    }

    @Test(.enabled(if: MountNamespace.isAvailable, "needs a private mount namespace (root, CAP_SYS_ADMIN)"))
    func storeOnAReadOnlyFileSystemCanStillBeRead() throws {
        let f = try E2EFixture()
        let result = try MountNamespace.readOnly(f.dir.url.path).run(["info", "--db", f.store, "-f", "json"])
        #expect(result.status == 0 && InfoJSON(result.stdout)?.counts["households"] == 3, "\(result.stderr)")
    }

    @Test func fileSizeLimitReachedDuringImport() throws {
        let f = try E2EFixture()
        // Large enough that SQLite spills pages to the WAL mid-import (the row is then named); the WAL
        // may grow to 1 MiB, the import needs several.
        let file = try LargeInput.householdsCSV(rows: 200_000, to: f.dir.path("many.csv"))
        try assertFailsCleanly(
            args: f.importArgs("households", file), store: f.store,
            messageContains: ["many.csv", "line ", "store store.sqlite", "file size limit", "rolled back"],
            launch: .fileSizeLimit(bytes: 1 << 20))
    }

    @Test(.enabled(if: MountNamespace.isAvailable, "needs a private mount namespace (root, CAP_SYS_ADMIN)"))
    func diskFullDuringImport() throws {
        let f = try E2EFixture()
        let file = try LargeInput.householdsCSV(rows: 20_000, to: f.dir.path("many.csv"))
        let mountPoint = f.dir.path("small-disk")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let size = try FileManager.default.attributesOfItem(atPath: f.store)[.size] as? Int ?? 0
        try assertFailsCleanly(
            args: ["import", "households", file, "--db", mountPoint + "/store.sqlite", "-q"], store: f.store,
            messageContains: ["many.csv", "store store.sqlite", "the disk is full", "rolled back"],
            launch: MountNamespace.smallDisk(bytes: size + 512 * 1024, mountPoint: mountPoint, store: f.store))
    }

    // MARK: Damage

    /// Overwrites `count` bytes at `offset` with a fixed non-zero pattern.
    private func overwrite(_ path: String, at offset: UInt64, count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: count))
        try handle.close()
    }

    /// Overwrites the middle of the root page of `table` (a page in the middle of the file).
    private func corruptTable(_ table: String, in path: String) throws {
        let (root, pageSize, pages): (Int64, Int64, Int64) = try {
            let db = try Connection(path: path, mode: .readOnly)
            return (
                try db.scalar("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).int ?? 0,
                try db.scalar("PRAGMA page_size").int ?? 4096, try db.scalar("PRAGMA page_count").int ?? 0
            )
        }()
        #expect(root > 1 && root < pages, "root page \(root) of \(pages)")
        try overwrite(path, at: UInt64((root - 1) * pageSize), count: Int(pageSize))
    }
}
