import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// `audit` and `report` on the demo store (`covaudit demo`, which leaves a stored run): when the
/// latest run is current they take its figures instead of computing them; their outputs must be
/// byte-identical to those computed from nothing (the run's state deleted), and so must those of
/// a store whose run is stale (sites imported after it) or of other parameters.
@Suite("Audit and report from a current stored run", .serialized)
struct StoredRunReuseTests {
    /// How the demo store's latest run relates to the audit's base set.
    enum Run: String, CaseIterable, CustomTestStringConvertible {
        /// As `covaudit demo` leaves it: current, computed with the base set's parameters.
        case current
        /// The state deleted: every figure computed (the reference).
        case noState
        /// A site imported after the run (the audit reads no site, the run is not current).
        case stale
        /// A later `coverage --fibre-distance 300` run: current, other parameters.
        case otherParameters
        var testDescription: String { rawValue }
    }

    /// The demo store, made once (`covaudit demo` takes a while).
    static let demo: Result<String, any Error> = Result {
        let dir = try FixtureDirectory("reuse-demo")
        let out = dir.path("demo-out")
        let made = try CovauditBinary.run(["demo", "--out", out, "--data", TestPaths.refdata.path, "-q"])
        guard made.status == 0 else { throw CommandError(text: made.stderr) }
        return "\(out)/demo.sqlite"
    }

    /// A failed command's stderr.
    struct CommandError: Error {
        let text: String
    }

    /// A copy of the demo store named `demo.sqlite` in folder `label`, its run set up as `run` says.
    static func copy(_ run: Run, label: String) throws -> String {
        let store = try demo.get()
        let root = ((store as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let folder = "\(root)/\(label)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let db = "\(folder)/demo.sqlite"
        try FileManager.default.copyItem(atPath: store, toPath: db)
        switch run {
        case .current: break
        case .noState:
            try Connection(path: db, mode: .readWrite).execute("DELETE FROM coverage_run_state")
        case .stale:
            let site = "\(folder)/site.geojson"
            try Data(
                GeoJSONText.collection([
                    GeoJSONText.feature(
                        #"{"type":"Point","coordinates":[105.85,21.6]}"#,
                        #"{"id":"REUSE-4G-1","operator":"Viettel","technology":"4G","band":"1800","range_m":900}"#)
                ]).utf8
            ).write(to: URL(fileURLWithPath: site))
            let imported = try CovauditBinary.run(["import", "sites", site, "--db", db, "-q"])
            try #require(imported.status == 0, "\(imported.stderr)")
        case .otherParameters:
            let other = try CovauditBinary.run(["coverage", "--db", db, "--fibre-distance", "300", "-f", "json", "-q"])
            try #require(other.status == 0, "\(other.stderr)")
        }
        return db
    }

    /// A copy of the store `db` (closed, with its WAL if any) named `demo.sqlite` in folder `label`.
    static func duplicate(_ db: String, label: String) throws -> String {
        let root = ((db as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let folder = "\(root)/\(label)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: db + suffix) {
            try FileManager.default.copyItem(atPath: db + suffix, toPath: "\(folder)/demo.sqlite\(suffix)")
        }
        return "\(folder)/demo.sqlite"
    }

    /// `audit` of the demo claims on `db` in `format` (exit 0 or 3: some claims fail).
    static func audit(_ db: String, _ format: String) throws -> String {
        let claims = TestPaths.refdata.appendingPathComponent("claims.json").path
        let r = try CovauditBinary.run(["audit", "--db", db, claims, "-f", format, "-q"])
        try #require(r.status == 0 || r.status == 3, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        return r.stdout
    }

    @Test func auditOutputsAreTheSameWhateverTheStoredRun() throws {
        var reference: [String: String] = [:]
        for run in [Run.noState, .current, .stale, .otherParameters] {
            let db = try Self.copy(run, label: "audit-\(run.rawValue)")
            for format in ["json", "markdown"] {
                let out = try Self.audit(db, format)
                #expect(out.count > 1000)
                if let expected = reference[format] {
                    #expect(out == expected, "\(run) -f \(format) differs from the audit computed from nothing")
                } else {
                    reference[format] = out
                }
            }
        }
    }

    /// The report folder of `db` (claims audited, a fixed time), its files by name.
    static func report(_ db: String) throws -> [String: Data] {
        let out = (db as NSString).deletingLastPathComponent + "/report"
        let claims = TestPaths.refdata.appendingPathComponent("claims.json").path
        let r = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "SOURCE_DATE_EPOCH=1767139200", try CovauditBinary.path(), "report", "--db", db, "--out", out,
                "--claims", claims, "--overwrite", "-q",
            ])
        try #require(r.status == 0, "\(r.stderr)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) {
            var data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(name)"))
            if name == "manifest.json" {
                // The command names the output folder, which differs between the copies.
                let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
                    of: #""command" : \[[^\]]*\]"#, with: "", options: .regularExpression)
                data = Data(text.utf8)
            }
            files[name] = data
        }
        return files
    }

    @Test(arguments: [Run.current, .stale])
    func reportFolderAndStoreAreTheSameAsComputedFromNothing(_ run: Run) throws {
        let reused = try Self.copy(run, label: "report-\(run.rawValue)")
        // A copy of the same file (not set up again): the stale run's site keeps the same import
        // time, which the run's input marks record.
        let computed = try Self.duplicate(reused, label: "report-\(run.rawValue)-full")
        try Connection(path: computed, mode: .readWrite).execute("DELETE FROM coverage_run_state")
        let a = try Self.report(reused)
        let b = try Self.report(computed)
        #expect(a.count >= 13)
        #expect(Set(a.keys) == Set(b.keys))
        for (name, data) in a.sorted(by: { $0.key < $1.key }) {
            #expect(data == b[name], "\(run): \(name) differs from the report computed from nothing")
        }
        // The stored run too (the state's random token aside), so a later run starts from the same.
        #expect(try WhatIfRunTests.dump(reused) == WhatIfRunTests.dump(computed))
    }
}
