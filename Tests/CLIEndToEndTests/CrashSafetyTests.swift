import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Killing covaudit in the middle of an import loses nothing and damages nothing.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// Rows in the killed import: far more than can be written before the kill.
    static let rows = 200_000

    @Test func sigkillDuringALargeImportLeavesTheStoreAsItWas() throws {
        let f = try E2EFixture("kill")
        let file = try LargeInput.householdsCSV(rows: Self.rows, to: f.dir.path("big.csv"))
        let before = try StoreState.capture(f.store)
        let child = try CovauditBinary.start(f.importArgs("households", file), outputIn: f.dir.url)
        // Wait until the open import transaction has spilled this much into the WAL: mid-import,
        // at a different point on every run.
        let threshold = Int.random(in: (256 << 10)...(4 << 20))
        let walBytes = waitForWAL(of: f.store, toExceed: threshold, while: child)
        child.kill(SIGKILL)
        let result = child.wait()
        print("kill test: SIGKILL with \(walBytes) bytes in the WAL (kill point \(threshold)), status \(result.status)")
        #expect(
            walBytes > threshold && result.status == 128 + SIGKILL,
            "WAL \(walBytes) bytes (kill point \(threshold)), status \(result.status): \(result.stderr)")

        // Exactly as before: same rows, same content.
        #expect(try StoreState.capture(f.store) == before)
        // Still a healthy store: opens for writing (recovering the WAL), passes SQLite's integrity check,
        // and the CLI reads it and imports into it.
        let integrity = try Store.open(at: f.store).db.scalar("PRAGMA integrity_check").text
        #expect(integrity == "ok")
        let info = try CovauditBinary.run(["info", "--db", f.store, "-f", "json"])
        #expect(info.status == 0 && InfoJSON(info.stdout)?.counts["households"] == 3, "\(info.stderr)")
        let small = try f.write("after.csv", "id,lon,lat\nK1,105.81,21.51\n")
        let again = try CovauditBinary.run(f.importArgs("households", small))
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// Polls the store's `-wal` until it is larger than `bytes` or `child` ends (60 s at most).
    private func waitForWAL(of store: String, toExceed bytes: Int, while child: BackgroundProcess) -> Int {
        let deadline = Date().addingTimeInterval(60)
        var size = 0
        while child.isRunning, Date() < deadline {
            size = (try? FileManager.default.attributesOfItem(atPath: store + "-wal")[.size] as? Int) ?? 0
            if size > bytes { break }
            usleep(10_000)
        }
        return size
    }
}
