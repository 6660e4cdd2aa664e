import CoverageFormats
import CoverageTestSupport
import Foundation
import Testing

/// Outputs are written only as regular files inside their target folder, only complete, and
/// refusals are clear (issue 13: links, devices, the root folder, killed runs, Foundation errors).
@Suite("Output files")
struct OutputSafetyTests {
    /// The commands that write a named file or a folder of files.
    enum Writer: String, CaseIterable { case export, report }

    /// An output path holding a link, folder, FIFO, socket or device is refused and left as it
    /// was; nothing is written through it, over it or beside it.
    @Test(arguments: Writer.allCases, SpecialFile.allCases)
    func targetsThatAreNotRegularFilesAreRefused(_ writer: Writer, _ kind: SpecialFile) throws {
        let f = try E2EFixture("special-\(writer.rawValue)-\(kind.rawValue)")
        let out = f.dir.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let outside = f.dir.path("outside.txt")
        let name = writer == .export ? "communes.geojson" : "report.html"
        let target = (out as NSString).appendingPathComponent(name)
        guard try kind.make(at: target, outside: outside) else { return }  // e.g. no CAP_MKNOD
        let kindBefore = SpecialFile.kind(target)
        let outsideBefore = try? Data(contentsOf: URL(fileURLWithPath: outside))
        let args =
            writer == .export
            ? ["export", "communes", "--db", f.store, "--out", target, "-q"]
            : ["report", "--db", f.store, "--out", out, "--overwrite", "-q"]
        try assertFailsCleanly(args: args, store: f.store, messageContains: [target, kind.word])
        #expect(SpecialFile.kind(target) == kindBefore)
        #expect((try? Data(contentsOf: URL(fileURLWithPath: outside))) == outsideBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [name])
    }

    /// Without --overwrite a dangling link counts as an existing output: nothing is created where it points.
    @Test func reportWithoutOverwriteRefusesADanglingLink() throws {
        let f = try E2EFixture("dangling")
        let out = f.dir.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let outside = f.dir.path("new.txt")
        try FileManager.default.createSymbolicLink(atPath: out + "/report.md", withDestinationPath: outside)
        try assertFailsCleanly(
            args: ["report", "--db", f.store, "--out", out, "-q"], store: f.store,
            messageContains: ["already holds report.md", "--overwrite"])
        #expect(!FileManager.default.fileExists(atPath: outside))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["report.md"])
    }

    /// A case of a refused output with the words its message must hold.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var label: String
        var args: @Sendable (E2EFixture) throws -> [String]
        var words: [String]
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(
            label: "report --out FILE", args: { ["report", "--db", $0.store, "--out", try $0.write("f.txt", "x")] },
            words: ["f.txt", "is a file, not a folder"]),
        Refusal(
            label: "generate --out FILE", args: { ["generate", "--out", try $0.write("f.txt", "x"), "-q"] },
            words: ["f.txt", "is a file, not a folder"]),
        Refusal(
            label: "demo --out FILE",
            args: {
                [
                    "demo", "--out", try $0.write("f.txt", "x"), "--data",
                    TestPaths.refdata.path, "-q",
                ]
            },
            words: ["f.txt", "is a file, not a folder"]),
        Refusal(
            label: "export --out FOLDER", args: { ["export", "communes", "--db", $0.store, "--out", $0.dir.url.path] },
            words: ["it is a folder"]),
        Refusal(
            label: "export --out MISSING/FILE",
            args: { ["export", "communes", "--db", $0.store, "--out", $0.dir.path("missing/x.geojson")] },
            words: ["missing/x.geojson", "its folder", "does not exist"]),
        Refusal(
            label: "export --out READ-ONLY FILE",
            args: {
                let path = try $0.write("ro.geojson", "{}")
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
                return ["export", "communes", "--db", $0.store, "--out", path]
            },
            words: ["ro.geojson", "read-only"]),
    ]

    /// Outputs covaudit will not write are refused by name and reason, never with a Foundation error.
    @Test(arguments: refusals)
    func refusedOutputsSayWhy(_ refusal: Refusal) throws {
        let f = try E2EFixture("refusal")
        let result = try assertFailsCleanly(args: try refusal.args(f), store: f.store, messageContains: refusal.words)
        for raw in ["NSCocoaErrorDomain", "Code=", "You don't have permission"] {
            #expect(!result.stderr.contains(raw), "\(result.stderr)")
        }
    }

    /// `--out` naming the user's home folder itself is refused (HOME points at a fixture folder).
    @Test(arguments: ["report", "generate"])
    func homeFolderItselfIsRefused(_ command: String) throws {
        let f = try E2EFixture("home")
        let home = f.dir.url.path
        let args = command == "report" ? ["report", "--db", f.store, "--out", home] : ["generate", "--out", home]
        func files() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: home).filter { !$0.hasPrefix("store.sqlite") }.sorted()
        }
        let before = try files()
        try assertFailsCleanly(
            args: args + ["-q"], store: f.store, messageContains: ["your home folder itself"],
            launch: .through(["/usr/bin/env", "HOME=\(home)"]))
        #expect(try files() == before)
    }

    /// A report that runs out of room leaves no file under an output's name (and no temporary
    /// file), so the next run is not told to pass --overwrite.
    @Test(.enabled(if: MountNamespace.isAvailable, "needs a private mount namespace (root, CAP_SYS_ADMIN)"))
    func reportThatRunsOutOfRoomLeavesNoPartialOutputs() throws {
        let f = try E2EFixture("report-full")
        let probe = f.dir.path("probe")
        let full = try CovauditBinary.run(["report", "--db", f.store, "--out", probe, "-q"])
        #expect(full.status == 0, "\(full.stderr)")
        let sizes = try ReportFolderCheck.files.map { try ReportFolderCheck.size(probe + "/" + $0) }
        // Room for about half of the files (tmpfs counts whole pages).
        let room = sizes.map { ($0 + 4095) / 4096 * 4096 }.reduce(0, +) / 2
        let out = f.dir.path("out")
        let result = try MountNamespace.smallFolder(bytes: max(room, 8192), folder: out)
            .run(["report", "--db", f.store, "--out", out, "-q"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("disk is full"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + ".after") == [])
    }

    /// A report killed while it writes leaves the previous complete set of outputs or none: every
    /// file present matches the manifest, none is truncated, and a folder a killed first run left
    /// takes the next run without --overwrite.
    @Test func killedReportsLeaveThePreviousOutputsOrNone() throws {
        let f = try E2EFixture("report-kill")
        try ReportFolderCheck.seedDemoData(f)
        let reference = f.dir.path("reference")
        let complete = try CovauditBinary.run(["report", "--db", f.store, "--out", reference, "-q"])
        #expect(complete.status == 0, "\(complete.stderr)")
        var outcomes: [String] = []
        for step in 0..<12 {
            let out = f.dir.path("out-\(step)")
            let fresh = step % 2 == 0
            if !fresh { try FileManager.default.copyItem(atPath: reference, toPath: out) }
            let baseline = ReportFolderCheck.listing(out)
            let run = try CovauditBinary.start(
                ["report", "--db", f.store, "--out", out, "--overwrite", "-q"], outputIn: f.dir.url)
            // Kill 0–20 ms after the folder first changes: while the outputs are being written.
            while run.isRunning && ReportFolderCheck.listing(out) == baseline { usleep(1_000) }
            usleep(UInt32(step / 2) * 4_000)
            run.kill()
            let status = run.wait().status
            let problem = try ReportFolderCheck.problem(out)
            outcomes.append("\(fresh ? "fresh" : "previous") \(status)\(problem == nil ? "" : " ✗")")
            #expect(problem == nil, "killed run \(step) (status \(status)): \(problem ?? "")")
        }
        print("killed reports: \(outcomes)")
        let again = f.dir.path("out-0")
        if ReportFolderCheck.files.allSatisfy({ !FileManager.default.fileExists(atPath: again + "/" + $0) }) {
            let next = try CovauditBinary.run(["report", "--db", f.store, "--out", again, "-q"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try ReportFolderCheck.problem(again) == nil)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: again).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files of the killed run left: \(leftovers)")
        }
    }
}

/// Checks a report folder against its manifest.
enum ReportFolderCheck {
    /// The files of a report folder.
    static let files = [
        "report.html", "report.md", "communes.csv", "coverage.json", "communes.geojson", "gap_clusters.geojson",
        "gap_areas.geojson", "routes.geojson", "manifest.json",
    ]

    /// Every name in `folder` with its size (empty when there is no folder).
    static func listing(_ folder: String) -> [String: Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? size(folder + "/" + $0)) ?? -1) })
    }

    /// The size of the file at `path`.
    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Why the folder is neither empty of outputs nor a complete set matching its manifest, or nil.
    static func problem(_ folder: String) throws -> String? {
        let present = files.filter { FileManager.default.fileExists(atPath: folder + "/" + $0) }
        if present.isEmpty { return nil }
        guard present.count == files.count else { return "only \(present) present" }
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        guard let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let outputs = manifest["outputs"] as? [[String: Any]]
        else { return "manifest.json is not a manifest" }
        for output in outputs {
            guard let name = output["file"] as? String, let sha = output["sha256"] as? String else { continue }
            let actual = try SHA256.hexDigest(ofFile: folder + "/" + name)
            if actual != sha { return "\(name) (\(try size(folder + "/" + name)) bytes) does not match the manifest" }
        }
        return nil
    }

    /// Imports the demo's households and coverage, so a report takes long enough to be killed while writing.
    static func seedDemoData(_ f: E2EFixture) throws {
        let data = TestPaths.fictionalProvince
        for (layer, file, extra) in [
            ("communes", "synthetic_communes.geojson", ["--replace"]), ("households", "synthetic_households.csv", []),
            ("coverage", "synthetic_coverage.geojson", []), ("routes", "synthetic_routes.geojson", []),
        ] {
            let r = try CovauditBinary.run(f.importArgs(layer, data.appendingPathComponent(file).path, extra))
            #expect(r.status == 0, "\(layer): \(r.stderr)")
        }
    }
}
