import CoverageAnalysis
import CoverageAudit
import CoverageFormats
import CoverageModel
import CoverageReport
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// "No data" is never shown as 0: empty in CSV, null in JSON and GeoJSON, a warning naming the known values.
@Suite struct NoDataTests {
    /// Communes, households and fibre routes: no nodes, no coverage.
    static func routesOnlyStore() throws -> (FixtureDirectory, Store) {
        let (dir, store) = try FictionalStores.sparseStore()
        let routes = FictionalStores.geoData.appendingPathComponent("synthetic_routes.geojson").path
        _ = try store.importFile(routes, options: ImportOptions(layer: .routes))
        return (dir, store)
    }

    /// A filter that matches nothing: a warning with the known operators, empty shares, exit 0.
    @Test(arguments: [
        ("Vietel", "no coverage for operator 'Vietel'; known operators: MobiFone, Viettel, VNPT"),
        ("Gmobile", "no coverage for operator 'Gmobile'; known operators: MobiFone, Viettel, VNPT"),
    ])
    func unknownOperatorWarnsAndLeavesSharesEmpty(name: String, warning: String) throws {
        let exe = try CovauditBinary.path()
        let (_, store) = try FictionalStores.demoStore()
        let run = try ProcessRunner.run(
            exe, ["coverage", "--db", store.path, "--operator", name, "-f", "csv", "-q", "--no-areas"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("covaudit: warning: \(warning)"), "\(run.stderr)")
        #expect(run.stderr.contains("fibre for operator '\(name)'; known operators: MobiFone, Viettel, VNPT"))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].trimmingCharacters(in: ["\u{FEFF}"]).split(
            separator: ",", omittingEmptySubsequences: false)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (column, cell) in zip(header, cells)
            where column.hasSuffix("_share") || column.hasPrefix("g4_households") {
                #expect(cell.isEmpty, "\(column) = \(cell) although there is no data")
            }
        }
    }

    /// Routes without nodes: network reach is not available (null), never 0, in the result, the table and the audit.
    @Test func networkReachWithoutNodesIsNotAvailable() throws {
        let (_, store) = try Self.routesOnlyStore()
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        let fibre = try #require(result.province.coverage[.fibre])
        #expect(fibre.available)
        #expect(fibre.networkHouseholdShare == nil && fibre.networkHouseholds == nil)
        #expect(result.notes.contains { $0.hasPrefix("no active fibre nodes") && $0.contains("not available") })
        #expect(!result.notes.contains { $0.contains("fibre reach is 0") })
        #expect(CoverageTable.render(result).contains("not available (no fibre nodes) along the route network"))
        let json = try ReportJSON.encode(result)
        #expect(!json.contains("\"network_household_share\" : 0"))
        let claims = try ClaimSet.parse(
            Data(
                #"{"claims":[{"id":"f","text":"fibre","metric":"households","technologies":["fibre"],"threshold":0.5}]}"#
                    .utf8))
        var auditor = try Auditor(store: store, base: CoverageParameters())
        let outcome = try #require(try auditor.audit(claims).outcomes.first)
        let network = try #require(outcome.alternatives.first { $0.key == "fibre:network" })
        #expect(network.value == nil)
        #expect(network.note == "not available: no fibre nodes to start from")
        let doc = ReportBuilder.build(
            ReportInputs(
                result: result, audit: nil, inventory: try store.inventory(), storeName: "s", toolVersion: "t"))
        let summary = try #require(doc.sections.first { $0.id == "summary" })
        let rows = summary.blocks.compactMap { if case .table(let t) = $0 { t.rows } else { nil } }.joined()
        #expect(rows.contains { $0.first == "Fibre along the network" && $0[1] == "not available" })
    }

    /// Measures without any data: CSV cells empty, GeoJSON and JSON null (not 0).
    @Test func measuresWithoutDataAreNullNotZero() throws {
        let (dir, store) = try FictionalStores.sparseStore()
        let result = try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate()
        let g4 = try #require(result.province.coverage[.g4])
        #expect(!g4.available && g4.householdShare == nil)
        let csvPath = dir.path("c.csv")
        try CoverageCSV.write(result, to: try ByteSink(path: csvPath))
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        #expect(!csv.contains("0.000000"), "a share of 0 written for a measure without data")
        let columns = UnitColumns.columns(result.units[0], measures: result.parameters.technologies)
        for (name, value) in columns where name.hasPrefix("g4_") && name != "g4_available" {
            #expect(value == .null, "\(name)")
        }
        #expect(columns.first { $0.0 == "has_fibre" }?.1 == .null)
        let json = try ReportJSON.encode(result.province.coverage[.g4])
        #expect(json.contains("\"households\" : null") && json.contains("\"household_share\" : null"))
        #expect(result.warnings.contains { $0.hasPrefix("4G: no 4G coverage areas in the store") })
        #expect(result.notes.contains("no active fibre routes or nodes in the store: fibre is not available"))
    }

    /// An operator with coverage but no fibre of its own: the note names the fibre operators, not an empty store.
    @Test func operatorWithoutFibreIsNamedInTheNote() throws {
        let (_, store) = try Self.routesOnlyStore()
        var p = CoverageParameters()
        p.operatorName = "Gmobile"
        p.computeAreas = false
        let result = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        #expect(
            result.notes.contains(
                "no active fibre routes or nodes of operator 'Gmobile' (the store has active fibre of: MobiFone, Viettel, VNPT): fibre is not available"
            ), "\(result.notes)")
        #expect(
            result.warnings.contains("no active fibre for operator 'Gmobile'; known operators: MobiFone, Viettel, VNPT")
        )
    }

    /// Institutions' fibre reach without fibre data for the filter is unknown, not 0%.
    @Test func institutionsReachWithoutFibreIsUnknown() throws {
        let (_, store) = try FictionalStores.demoStore()
        var p = CoverageParameters()
        p.operatorName = "Vietel"
        p.computeAreas = false
        let result = try CoverageAnalyzer(store: store, parameters: p).evaluate()
        #expect(!result.institutions.isEmpty)
        #expect(result.institutions.allSatisfy { $0.fibreReachShare == nil })
        #expect(!CoverageTable.render(result).contains("0.0%"))
    }
}
