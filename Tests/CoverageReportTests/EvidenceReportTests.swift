import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// The report's evidence section and exports on the fictional province with tests written here: the
/// section shows the `EvidenceResult`'s numbers (checked against sums of its commune rows and against
/// the tests as written), thin evidence is never a 0% share, and the GeoPackage and GeoJSON exports
/// hold every flagged cell with the tests behind it.
@Suite struct EvidenceReportTests {
    /// One test as written to the measurements file.
    struct WrittenTest {
        var id: String
        var lon: Double
        var lat: Double
        var operatorName: String
        var download: Double
        var upload: Double
    }

    static let operators = ["MobiFone", "VNPT", "Viettel"]

    /// Spread tests on every 8th household of the file's first half (the later communes get none),
    /// and clusters of 8 failing and 8 passing tests per operator at a few households (same zoom-16
    /// cell), so that some clusters land inside an operator's declared 4G and some outside.
    static func writtenTests() throws -> [WrittenTest] {
        let lines = try String(
            contentsOf: FictionalStores.geoData.appendingPathComponent("synthetic_households.csv"), encoding: .utf8
        ).split(separator: "\n").dropFirst()
        let points = lines.prefix(lines.count / 2).map { line -> (Double, Double) in
            let f = line.split(separator: ",")
            return (Double(f[1]) ?? 0, Double(f[2]) ?? 0)
        }
        var tests: [WrittenTest] = []
        for (i, p) in points.enumerated() where i % 8 == 0 {
            let download = Double(i % 40) + 0.5
            tests.append(
                WrittenTest(
                    id: "S\(i)", lon: p.0, lat: p.1, operatorName: operators[i % 3], download: download,
                    upload: download / 5))
        }
        for k in 0..<8 {
            let p = points[(k * 97) % points.count]
            let served = k % 2 == 1
            for op in operators {
                for j in 0..<8 {
                    tests.append(
                        WrittenTest(
                            id: "C\(k)-\(op)-\(j)", lon: p.0 + Double(j) * 1e-5, lat: p.1, operatorName: op,
                            download: served ? 50 : 1, upload: served ? 10 : 0.2))
                }
            }
        }
        return tests
    }

    /// The fictional demo store with the tests imported, a coverage run, its evidence and the report inputs.
    static func fixture() throws -> (FixtureDirectory, Store, ReportInputs, [WrittenTest]) {
        let (dir, store) = try FictionalStores.demoStore()
        let tests = try writtenTests()
        var csv = "id,time,operator,technology,download_mbps,upload_mbps,source,lon,lat\n"
        for (i, t) in tests.enumerated() {
            // 03:00 UTC is 10:00 local: every test is inside the hours and the window.
            csv +=
                "\(t.id),2025-12-\(10 + i % 9)T03:00:00Z,\(t.operatorName),4G,\(t.download),\(t.upload),crowd-app,\(t.lon),\(t.lat)\n"
        }
        let path = dir.path("measurements.csv")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        var options = ImportOptions(layer: .measurements)
        options.asOf = "2025-12-31"
        _ = try store.importFile(path, options: options)
        var parameters = CoverageParameters()
        parameters.operatorAreas = true
        let result = try CoverageAnalyzer(store: store, parameters: parameters).run()
        var run = EvidenceRun(store: store)
        run.computeTotals = true
        run.resolveCandidateTests = true
        var inputs = ReportInputs(
            result: result, audit: nil, inventory: try store.inventory(), storeName: "demo.sqlite", toolVersion: "test")
        inputs.evidence = ReportEvidence(try run.run())
        return (dir, store, inputs, tests)
    }

    /// The report folder written from `fixture()`.
    static func folder() throws -> (URL, ReportInputs, [WrittenTest]) {
        let (dir, store, inputs, tests) = try fixture()
        let out = dir.url.appendingPathComponent("report")
        try ReportFolder(directory: out, overwrite: false).write(
            inputs, store: store, claimsFile: nil, generatedAt: "2026-01-01T00:00:00Z", command: ["covaudit", "report"])
        return (out, inputs, tests)
    }

    static func section(_ doc: ReportDocument) throws -> ReportSection {
        try #require(doc.sections.first { $0.id == "evidence" })
    }

    /// The median of `values` by linear interpolation between closest ranks (NumPy's default).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        let position = 0.5 * Double(s.count - 1)
        let lo = Int(position)
        return s[lo] + (s[min(lo + 1, s.count - 1)] - s[lo]) * (position - Double(lo))
    }

    @Test func operatorTableShowsTheRowsSumsAndTheTestsMedian() throws {
        let (_, _, inputs, tests) = try Self.fixture()
        let e = try #require(inputs.evidence)
        let N = ReportNumbers(.en)
        let tables = try Self.section(ReportBuilder.build(inputs)).blocks.compactMap { b -> ReportTable? in
            if case .table(let t) = b { t } else { nil }
        }
        let table = try #require(tables.first { $0.headers.first == "Operator" })
        #expect(table.rows.count == 1 + Self.operators.count)
        for (i, op) in ([nil] + Self.operators.map(Optional.some)).enumerated() {
            let rows = e.result.rows.filter { $0.operatorName == op }
            let inside = rows.reduce(0) { $0 + $1.insideDeclared }
            let passing = rows.reduce(0) { $0 + $1.insidePassing }
            let cells = table.rows[i]
            #expect(cells[1] == N.grouped(rows.reduce(0) { $0 + $1.tests }), "\(op ?? "all") tests")
            #expect(cells[2] == N.grouped(rows.reduce(0) { $0 + $1.valid }))
            #expect(cells[3] == N.grouped(inside))
            let share = Double(passing) / Double(inside)
            let wilson = try #require(EvidenceStatistics.wilson(successes: passing, trials: inside, confidence: 0.95))
            #expect(
                cells[4] == "\(N.percent(share))\n(\(N.percent(wilson.lower).dropLast())–\(N.percent(wilson.upper)))")
            #expect(cells[5] == "\(rows.filter { $0.strength == .enough }.count)/\(rows.count)")
            let challenges = e.result.challengeCandidates.filter { op == nil || $0.operatorName == op }.count
            #expect(cells[6] == N.grouped(challenges))
            // Every test written is valid and in a commune: the median of their downloads, computed here.
            let downloads = tests.filter { op == nil || $0.operatorName == op }.map(\.download)
            #expect(cells[8] == N.fixed(Self.median(downloads), 1), "\(op ?? "all") median")
        }
        #expect(!e.result.challengeCandidates.isEmpty, "the failing clusters made no challenge candidate")
    }

    @Test func communesWithoutEnoughEvidenceAreNoDataNeverZero() throws {
        let (out, inputs, _) = try Self.folder()
        let e = try #require(inputs.evidence)
        let all = e.rows(nil)
        let empty = all.values.filter { $0.insideDeclared == 0 }.compactMap(\.communeCode)
        let thin = all.values.filter { $0.insideDeclared > 0 && $0.strength != .enough }.compactMap(\.communeCode)
        try #require(!empty.isEmpty, "the fixture should leave some communes without tests")
        let maps = try Self.section(ReportBuilder.build(inputs)).blocks.compactMap { b -> ChoroplethMap? in
            if case .map(let m) = b { m } else { nil }
        }
        let contradiction = try #require(maps.first)
        for code in empty + thin {
            #expect(contradiction.values[code] == .some(nil), "\(code) is shaded")
        }
        #expect(Set(thin) == contradiction.hatched)
        for (code, row) in all where row.strength == .enough {
            #expect(contradiction.values[code] == .some(row.insideShare))
        }
        // In the HTML the empty communes are drawn with the no-data pattern, never a class colour.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let figure = try #require(html.components(separatedBy: "<section id=\"evidence\">").last)
        let names = Dictionary(inputs.result.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        for code in empty {
            let name = try #require(names[code])
            #expect(figure.contains("fill=\"url(#nodata)\"><title>\(HTMLText.escape(name)) (\(code))"), "\(code)")
        }
        // evidence.csv: the share of a commune without tests inside declared coverage is empty, not 0.
        let csv = try String(contentsOf: out.appendingPathComponent("evidence.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first?.replacingOccurrences(of: "\u{FEFF}", with: "")).split(separator: ",")
        let shareColumn = try #require(header.firstIndex(of: "inside_share"))
        #expect(lines.count - 1 == e.result.rows.count)
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let inside = Int(f[try #require(header.firstIndex(of: "inside_declared"))]) ?? -1
            #expect((inside == 0) == f[shareColumn].isEmpty, "\(line)")
        }
    }

    @Test func geoPackageHoldsTheCellsAndTheTestsBehindThem() throws {
        let (out, inputs, _) = try Self.folder()
        let r = try #require(inputs.evidence).result
        let path = out.appendingPathComponent("report.gpkg").path
        let standalone = out.deletingLastPathComponent().appendingPathComponent("cells.gpkg").path
        try GeoPackageExport.writeEvidence(r, tests: try #require(inputs.evidence).candidateTests, to: standalone)
        for file in [path, standalone] {
            let candidates = try GeoPackageExportTests.ogrinfo(["-so", file, "challenge_candidates"])
            #expect(candidates.contains("Feature Count: \(r.challengeCandidates.count)\n"), "\(candidates)")
            for field in [
                "quadkey: String", "operator: String", "tests: Integer64", "p_value: Real", "test_ids: String",
            ] {
                #expect(candidates.contains(field), "\(field)")
            }
            #expect(candidates.contains("Geometry: Multi Polygon"))
            let behind = r.challengeCandidates.reduce(0) { $0 + $1.testIDs.count }
            let tests = try GeoPackageExportTests.ogrinfo(["-so", file, "challenge_tests"])
            #expect(tests.contains("Feature Count: \(behind)\n"), "\(tests)")
            #expect(tests.contains("download_mbps: Real") && tests.contains("test_id: String"))
            #expect(tests.contains("Geometry: Point"))
            let undeclared = try GeoPackageExportTests.ogrinfo(["-so", file, "served_undeclared"])
            #expect(undeclared.contains("Feature Count: \(r.servedUndeclared.count)\n"), "\(undeclared)")
        }
    }

    @Test func challengeGeoJSONListsTheTestsBehindEachCell() throws {
        let (out, inputs, tests) = try Self.folder()
        let r = try #require(inputs.evidence).result
        let path = out.appendingPathComponent("challenge_candidates.geojson").path
        #expect(try GeoJSONCheck.violations(ofFile: path) == [])
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == r.challengeCandidates.count)
        let written = Dictionary(tests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for f in features {
            let p = try #require(f["properties"] as? [String: Any])
            let ids = (p["test_ids"] as? String ?? "").split(separator: ",").map(String.init)
            #expect(ids.count == p["tests"] as? Int)
            // Every test behind a candidate was written for this operator and fails the 10/1 tier.
            for id in ids {
                let t = try #require(written[id], "\(id) was not written")
                #expect(t.operatorName == p["operator"] as? String)
            }
            #expect(
                ids.filter { written[$0].map { $0.download >= 10 && $0.upload >= 1 } ?? false }.count == p["served"]
                    as? Int)
        }
    }

    @Test func reportWithoutMeasurementsHasNoEvidenceSectionOrFiles() throws {
        let (out, _) = try ReportFolderTests.writeDemoReport()
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("id=\"evidence\"") && !html.contains("ov-challenge-cells"))
        for file in ReportBuilder.evidenceFiles {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        #expect(ReportBuilder.folderFiles(evidence: false) == ReportBuilder.folderFiles)
    }

    @Test func parametersSectionListsTheEvidenceThresholds() throws {
        let (_, _, inputs, _) = try Self.fixture()
        let doc = ReportBuilder.build(inputs)
        let section = try #require(doc.sections.first { $0.id == "parameters" })
        guard case .table(let table)? = section.blocks.first else { Issue.record("no table"); return }
        let values = Dictionary(table.rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let p = inputs.evidence!.result.parameters
        #expect(values["evidence.minimum_tests_per_cell"] == "\(p.minimumTestsPerCell)")
        #expect(values["evidence.validity_days"] == "\(p.validityDays)")
        #expect(values["fibre_distance_m"] == "500")
        let none = ReportBuilder.build(
            ReportInputs(
                result: inputs.result, audit: nil, inventory: inputs.inventory, storeName: "x", toolVersion: "t"))
        let plain = try #require(none.sections.first { $0.id == "parameters" })
        guard case .table(let t)? = plain.blocks.first else { Issue.record("no table"); return }
        #expect(!t.rows.contains { $0[0].hasPrefix("evidence.") })
    }

    @Test func rewritingWithoutEvidenceRemovesTheEarlierEvidenceFiles() throws {
        let (dir, store, inputs, _) = try Self.fixture()
        let out = dir.url.appendingPathComponent("report")
        try ReportFolder(directory: out, overwrite: false).write(
            inputs, store: store, claimsFile: nil, generatedAt: "", command: [])
        for file in ReportBuilder.evidenceFiles {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        var without = inputs
        without.evidence = nil
        let manifest = try ReportFolder(directory: out, overwrite: true).write(
            without, store: store, claimsFile: nil, generatedAt: "", command: [])
        for file in ReportBuilder.evidenceFiles {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
            #expect(!manifest.outputs.contains { $0.file == file })
        }
    }

    @Test func densityMapShowsTheRowsDensities() throws {
        let (_, _, inputs, _) = try Self.fixture()
        let e = try #require(inputs.evidence)
        let maps = try Self.section(ReportBuilder.build(inputs)).blocks.compactMap { b -> ChoroplethMap? in
            if case .map(let m) = b { m } else { nil }
        }
        let density = try #require(maps.last)
        for (code, row) in e.rows(nil) { #expect(density.values[code] == .some(row.testsPerSquareKm)) }
        #expect(density.classes.map(\.lowerBound) == density.classes.map(\.lowerBound).sorted())
    }
}
