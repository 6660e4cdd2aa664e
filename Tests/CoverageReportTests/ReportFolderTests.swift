import CoverageAnalysis
import CoverageAudit
import CoverageFormats
import CoverageReport
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

@Suite struct ReportFolderTests {
    /// Writes the demo report (claims from GeoData/fictional/claims.json) into a new folder.
    static func writeDemoReport(language: ReportLanguage = .en) throws -> (URL, Store) {
        let (dir, store) = try FictionalStores.demoStore()
        var parameters = CoverageParameters()
        parameters.operatorAreas = true  // as `report` runs it
        let result = try CoverageAnalyzer(store: store, parameters: parameters).run()
        let claimsPath = FictionalStores.geoData.appendingPathComponent("claims.json").path
        var auditor = try Auditor(store: store, base: parameters, baseResult: result)
        let audit = try auditor.audit(try ClaimSet.load(path: claimsPath))
        let inputs = ReportInputs(
            result: result, audit: audit, inventory: try store.inventory(), storeName: "demo.sqlite",
            toolVersion: "test",
            language: language)
        let out = dir.url.appendingPathComponent("report")
        try ReportFolder(directory: out, overwrite: false).write(
            inputs, store: store, claimsFile: claimsPath, generatedAt: "2026-01-01T00:00:00Z",
            command: ["covaudit", "report"])
        return (out, store)
    }

    static func read(_ dir: URL, _ file: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func snapshotsOfMarkdownCSVAndJSON() throws {
        let (out, _) = try Self.writeDemoReport()
        try Snapshot.check(try Self.read(out, "report.md"), "report.md")
        try Snapshot.check(try Self.read(out, "communes.csv"), "communes.csv")
        try Snapshot.check(try Self.read(out, "coverage.json"), "coverage.json")
    }

    @Test func htmlIsSelfContainedWithMapsAndVerdicts() throws {
        let (out, _) = try Self.writeDemoReport(language: .vi)
        let html = try Self.read(out, "report.html")
        #expect(!html.contains("http://") && !html.contains("https://"), "external URL in report.html")
        #expect(!html.lowercased().contains("<script src"))
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(!html.contains("@import") && !html.contains("<link") && !html.contains("url(http"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.components(separatedBy: "<svg class=\"map\" id=").count == 3)  // the two large maps
        // Small multiples: six per technology, three per operator.
        #expect(html.components(separatedBy: "<svg class=\"map small\"").count == 1 + 6 + 3)
        #expect(html.contains("<title>Xã Minh Lương (10030)"))  // hover text, name as recorded
        #expect(html.contains("không đạt"))  // Vietnamese verdict label
        #expect(html.contains("Phạm vi cáp quang theo xã"))
        let bytes = try #require(
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("report.html").path)[.size]
                as? NSNumber)
        #expect(bytes.intValue < 3_000_000)
    }

    @Test func everyGeoJSONOutputFollowsRFC7946AndOpensInOGR() throws {
        let (out, _) = try Self.writeDemoReport()
        for file in ReportBuilder.folderFiles where file.hasSuffix(".geojson") {
            let path = out.appendingPathComponent(file).path
            #expect(try GeoJSONCheck.violations(ofFile: path) == [], "\(file)")
            if let ok = try GeoJSONCheck.ogrinfoAccepts(path) { #expect(ok, "ogrinfo rejects \(file)") }
        }
    }

    @Test func manifestHashesEveryOutputAndInput() throws {
        let (out, store) = try Self.writeDemoReport()
        let manifest = try JSONDecoder().decode(
            ReportManifest.self, from: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        #expect(manifest.outputs.map(\.file) == ReportBuilder.folderFiles.filter { $0 != "manifest.json" })
        for o in manifest.outputs {
            let path = out.appendingPathComponent(o.file).path
            #expect(try SHA256Hex.of(path) == o.sha256)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
            #expect(size?.intValue == o.bytes, "\(o.file)")
        }
        #expect(manifest.datasets.map(\.sha256) == (try store.datasets().map(\.sha256)))
        #expect(manifest.claims?.file == "claims.json")
        #expect(manifest.generatedAt == "2026-01-01T00:00:00Z")
    }

    /// A job of the second thread that fails (its own connection cannot open the store, gone from its
    /// path after the first was opened) fails the write, which leaves no output nor temporary file.
    @Test func aFailingSecondThreadFailsTheWriteAndLeavesNothing() throws {
        let (dir, store) = try FictionalStores.demoStore()
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        let inputs = ReportInputs(
            result: result, audit: nil, inventory: try store.inventory(), storeName: "x", toolVersion: "t")
        let moved = dir.url.appendingPathComponent("moved.sqlite").path
        try FileManager.default.moveItem(atPath: store.path, toPath: moved)
        let out = dir.url.appendingPathComponent("report")
        let error = #expect(throws: (any Error).self) {
            try ReportFolder(directory: out, overwrite: false).write(
                inputs, store: store, claimsFile: nil, generatedAt: "", command: [])
        }
        #expect(String(describing: error).contains("no such store"), "\(String(describing: error))")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(left.isEmpty, "files left: \(left)")
    }

    /// An audit that fails on the calling thread while the second thread encodes the other files fails
    /// the write, which leaves no output nor temporary file (nor GDAL's scratch GeoPackage).
    @Test func aFailingAuditFailsTheWriteAndLeavesNothing() throws {
        struct AuditFailed: Error {}
        let (dir, store) = try FictionalStores.demoStore()
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        let inputs = ReportInputs(
            result: result, audit: nil, inventory: try store.inventory(), storeName: "x", toolVersion: "t")
        let out = dir.url.appendingPathComponent("report")
        #expect(throws: AuditFailed.self) {
            try ReportFolder(directory: out, overwrite: false).write(
                inputs, audit: { throw AuditFailed() }, store: store, claimsFile: nil, generatedAt: "", command: [])
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(left.isEmpty, "files left: \(left)")
    }

    /// The audit computed while the second thread encodes the other files gives the folder, byte for
    /// byte, that the same audit passed in gives.
    @Test func anAuditBesideTheSideFilesWritesTheSameFolder() throws {
        let (dir, store) = try FictionalStores.demoStore()
        var parameters = CoverageParameters()
        parameters.operatorAreas = true
        let result = try CoverageAnalyzer(store: store, parameters: parameters).run()
        let claimsPath = FictionalStores.geoData.appendingPathComponent("claims.json").path
        let audit = {
            var auditor = try Auditor(store: store, base: parameters, baseResult: result)
            return try auditor.audit(try ClaimSet.load(path: claimsPath))
        }
        var inputs = ReportInputs(
            result: result, audit: nil, inventory: try store.inventory(), storeName: "demo.sqlite",
            toolVersion: "test")
        let (given, beside) = (dir.url.appendingPathComponent("given"), dir.url.appendingPathComponent("beside"))
        try ReportFolder(directory: beside, overwrite: false).write(
            inputs, audit: audit, store: store, claimsFile: claimsPath, generatedAt: "2026-01-01T00:00:00Z",
            command: ["covaudit", "report"])
        inputs.audit = try audit()
        try ReportFolder(directory: given, overwrite: false).write(
            inputs, store: store, claimsFile: claimsPath, generatedAt: "2026-01-01T00:00:00Z",
            command: ["covaudit", "report"])
        #expect(try Self.read(beside, "coverage.json").contains("\"verdict\""))
        for file in ReportBuilder.folderFiles(evidence: false) {
            let a = try Data(contentsOf: given.appendingPathComponent(file))
            let b = try Data(contentsOf: beside.appendingPathComponent(file))
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func refusesToOverwriteWithoutTheFlag() throws {
        let (out, store) = try Self.writeDemoReport()
        let before = try Self.read(out, "report.md")
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        let inputs = ReportInputs(
            result: result, audit: nil, inventory: try store.inventory(), storeName: "x", toolVersion: "t")
        #expect(throws: ReportError.self) {
            try ReportFolder(directory: out, overwrite: false).write(
                inputs, store: store, claimsFile: nil, generatedAt: "", command: [])
        }
        #expect(try Self.read(out, "report.md") == before)
        try ReportFolder(directory: out, overwrite: true).write(
            inputs, store: store, claimsFile: nil, generatedAt: "", command: [])
        #expect(try Self.read(out, "report.md") != before)
    }
}

/// SHA-256 of a file through CoverageFormats.
enum SHA256Hex {
    static func of(_ path: String) throws -> String { try CoverageFormats.SHA256.hexDigest(ofFile: path) }
}
