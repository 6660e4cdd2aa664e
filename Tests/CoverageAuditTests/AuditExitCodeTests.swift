import CoverageTestSupport
import Foundation
import Testing

/// `covaudit audit` exit codes: 0 when every claim holds, 3 when one does not or cannot be
/// evaluated, 1 for a bad claims file, 64 for bad usage.
@Suite struct AuditExitCodeTests {
    @Test func auditExitCodes() throws {
        let exe = try CovauditBinary.path()
        let (dir, store) = try FictionalStores.demoStore()
        let db = store.path
        let holds = try dir.write(
            "holds.json",
            #"{"claims":[{"id":"5g","text":"5G","metric":"households","technologies":["5G"],"comparator":">","threshold":0}]}"#
        )
        let fails = try dir.write(
            "fails.json",
            #"{"claims":[{"id":"bb","text":"99%","metric":"households","technologies":["fibre","3G","4G"],"threshold":"99%"}]}"#
        )
        let cannot = try dir.write(
            "cannot.json",
            #"{"claims":[{"id":"u","text":"x","metric":"households","technologies":["4G"],"threshold":0.5,"filter":{"units":["nope"]}}]}"#
        )
        let bad = try dir.write("bad.json", #"{"claims":[{"id":"u","metric":"households"}]}"#)
        #expect(try ProcessRunner.run(exe, ["audit", holds, "--db", db, "-q"]).status == 0)
        let failed = try ProcessRunner.run(exe, ["audit", fails, "--db", db, "-q", "-f", "json"])
        #expect(failed.status == 3)
        #expect(failed.stdout.contains("\"verdict\" : \"does not hold\""))
        let md = try ProcessRunner.run(exe, ["audit", cannot, "--db", db, "-q", "-f", "markdown"])
        #expect(md.status == 3)
        #expect(md.stdout.contains("cannot be evaluated"))
        #expect(try ProcessRunner.run(exe, ["audit", bad, "--db", db, "-q"]).status == 1)
        #expect(try ProcessRunner.run(exe, ["audit", holds, "--db", db, "-f", "pdf"]).status == 64)
    }
}
