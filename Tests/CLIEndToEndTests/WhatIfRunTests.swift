import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// What-if runs (issue 18): after new coverage areas (and planned routes) are imported, `coverage`
/// recomputes only the locations they touch; its JSON and every stored result table must equal
/// those of `coverage --full` on a copy of the same store.
@Suite("What-if coverage runs", .serialized)
struct WhatIfRunTests {
    /// The territories: the fictional fixture, and the generator's demo and province scales.
    enum Territory: String, CaseIterable, CustomTestStringConvertible {
        case fictional, demo, province
        var testDescription: String { rawValue }
    }

    /// The layers imported, and their files.
    static let layers = [
        ("communes", "synthetic_communes.geojson"), ("hamlets", "synthetic_hamlets.geojson"),
        ("households", "synthetic_households.csv"), ("institutions", "synthetic_institutions.csv"),
        ("routes", "synthetic_routes.geojson"), ("nodes", "synthetic_nodes.geojson"),
        ("sites", "synthetic_sites.geojson"), ("coverage", "synthetic_coverage.geojson"),
    ]

    /// A store of `territory` with every layer and one stored full run of `arguments`; returns the
    /// folder, the store and the folder of the territory's files.
    static func store(
        _ territory: Territory, _ label: String, arguments: [String] = [], skipping: Set<String> = []
    ) throws -> (FixtureDirectory, String, String) {
        let dir = try FixtureDirectory("what-if-\(label)-\(territory.rawValue)")
        let db = dir.path("store.sqlite")
        let files: String
        switch territory {
        case .fictional: files = FictionalStores.geoData.path
        case .demo, .province:
            files = dir.path("generated")
            let generated = try CovauditBinary.run([
                "generate", "--scale", territory.rawValue, "--out", files, "--as-of", "2025-12-31", "-q",
            ])
            try #require(generated.status == 0, "\(generated.stderr)")
        }
        try #require(try CovauditBinary.run(["init", "--db", db]).status == 0)
        for (layer, file) in layers where !skipping.contains(layer) {
            let imported = try CovauditBinary.run(["import", layer, "\(files)/\(file)", "--db", db, "-q"])
            try #require(imported.status == 0, "\(layer): \(imported.stderr)")
        }
        let first = try CovauditBinary.run(["coverage", "--db", db, "-f", "json", "-q"] + arguments)
        try #require(first.status == 0, "\(first.stderr)")
        return (dir, db, files)
    }

    /// `count` twelve-sided polygons of random operators and generations, centred on households of
    /// `households` (a CSV with lon and lat in columns 2 and 3), radii 200 m to 2 km.
    static func newCoverage(households: String, count: Int, seed: UInt64, operators: [String]) throws -> String {
        let lines = try String(contentsOfFile: households, encoding: .utf8).split(separator: "\n").dropFirst()
        var random = SplitMix(seed: seed)
        var features: [String] = []
        for k in 0..<count {
            let fields = lines[lines.startIndex + Int(random.next() % UInt64(lines.count))].split(separator: ",")
            let (x, y) = (Double(fields[1]) ?? 0, Double(fields[2]) ?? 0)
            let radius = 0.002 + Double(random.next() % 1000) / 1000 * 0.018
            var ring = (0..<12).map { j -> String in
                let a = 2 * Double.pi * Double(j) / 12
                return "[\(x + radius * cos(a)),\(y + 0.9 * radius * sin(a))]"
            }
            ring.append(ring[0])
            let op = operators[Int(random.next() % UInt64(operators.count))]
            let tech = ["2G", "3G", "4G", "5G"][Int(random.next() % 4)]
            features.append(
                GeoJSONText.feature(
                    #"{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}"#,
                    #"{"id":"WHATIF-\#(seed)-\#(k)","operator":"\#(op)","technology":"\#(tech)","source":"predicted"}"#)
            )
        }
        return GeoJSONText.collection(features)
    }

    /// Every row of the result tables, as text (run times left out; the state's random token too).
    static func dump(_ db: String) throws -> [String: [String]] {
        let connection = try Connection(path: db, mode: .readOnly)
        var out: [String: [String]] = [:]
        let queries = [
            "coverage_runs": "SELECT id, tool_version, parameters FROM coverage_runs",
            "coverage_run_state":
                "SELECT run_id, name, CASE name WHEN 'token' THEN length(data) ELSE hex(data) END FROM coverage_run_state ORDER BY name",
        ]
        for table in [
            "coverage_runs", "coverage_run_inputs", "coverage_run_state", "unit_coverage", "gap_clusters", "gap_areas",
            "location_results", "location_units", "location_hamlets", "idx_gap_clusters_geom",
            "idx_gap_clusters_geom_node", "idx_gap_clusters_geom_parent", "idx_gap_clusters_geom_rowid",
        ] {
            out[table] = try TableRows.text(connection, queries[table] ?? "SELECT * FROM \(table) ORDER BY rowid")
        }
        return out
    }

    /// Imports `changes` into a copy of `db`, runs `coverage` there and `coverage --full` on a
    /// second copy; returns both outputs and both stores' tables.
    static func compare(
        _ dir: FixtureDirectory, _ db: String, changes: [(layer: String, file: String)], arguments: [String] = []
    ) throws -> (
        whatIf: ProcessResult, full: ProcessResult, whatIfTables: [String: [String]], fullTables: [String: [String]]
    ) {
        let (a, b) = (dir.path("a.sqlite"), dir.path("b.sqlite"))
        for path in [a, b] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
        try FileManager.default.copyItem(atPath: db, toPath: a)
        for (layer, file) in changes {
            let imported = try CovauditBinary.run(["import", layer, file, "--db", a, "-q"])
            try #require(imported.status == 0, "\(imported.stderr)")
        }
        try FileManager.default.copyItem(atPath: a, toPath: b)
        let whatIf = try CovauditBinary.run(["coverage", "--db", a, "-f", "json"] + arguments)
        let full = try CovauditBinary.run(["coverage", "--db", b, "-f", "json", "--full"] + arguments)
        try #require(whatIf.status == 0 && full.status == 0, "\(whatIf.stderr)\n\(full.stderr)")
        return (whatIf, full, try dump(a), try dump(b))
    }

    @Test(arguments: Territory.allCases)
    func newCoverageAndPlannedRoutesGiveTheFullRunsAnswer(_ territory: Territory) throws {
        let (dir, db, files) = try Self.store(territory, "areas")
        let coverage = try dir.write(
            "new-coverage.geojson",
            try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: territory == .fictional ? 30 : 60, seed: 7,
                operators: ["Viettel", "MobiFone", "VNPT"]))
        let planned = try dir.write(
            "planned-routes.geojson", try Self.plannedRoutes(from: "\(files)/synthetic_routes.geojson"))
        let r = try Self.compare(dir, db, changes: [("coverage", coverage), ("routes", planned)])
        #expect(
            r.whatIf.stderr.contains("coverage areas, 5 routes added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(!r.whatIf.stderr.contains("recomputed 0 locations"), "\(r.whatIf.stderr)")
        #expect(!r.whatIf.stderr.contains("computing every location"), "\(r.whatIf.stderr)")
        #expect(r.full.stderr.contains("coverage: the stored coverage run (id 1, "), "\(r.full.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        #expect(
            (r.whatIfTables["location_results"]?.count ?? 0) > 0 && (r.whatIfTables["gap_clusters"]?.count ?? 0) > 0)
        // The figures changed: the new areas cover locations the first run left uncovered.
        Self.expectSomeUnitRowsChanged(first: try Self.dump(db), after: r.whatIfTables)
    }

    /// Expects the run to have changed the rows of some units and left others as they were (the
    /// what-if run writes only the former), the rows keeping their keys and order.
    static func expectSomeUnitRowsChanged(
        first: [String: [String]], after: [String: [String]], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (before, now) = (first["unit_coverage"] ?? [], after["unit_coverage"] ?? [])
        func key(_ row: String) -> String { row.split(separator: "|").prefix(6).joined(separator: "|") }
        #expect(before.map(key) == now.map(key), sourceLocation: sourceLocation)
        let changed = Set(zip(before, now).filter { $0 != $1 }.map { key($0.0).split(separator: "|")[2] })
        let units = Set(before.map { key($0).split(separator: "|")[2] })
        #expect(
            !changed.isEmpty && changed.count < units.count, "\(changed.count) of \(units.count)",
            sourceLocation: sourceLocation)
    }

    /// A stored unit row the what-if run would overwrite is missing: it writes every unit row, and
    /// the tables are still those of a full run.
    @Test func missingStoredUnitRowsAreWrittenAgain() throws {
        let (dir, db, files) = try Self.store(.fictional, "unit-rows")
        let connection = try Connection(path: db, mode: .readWrite)
        try connection.execute("DELETE FROM unit_coverage WHERE unit_level = 'province' AND operator <> ''")
        let coverage = try dir.write(
            "new-coverage.geojson",
            try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 20, seed: 5,
                operators: ["Viettel", "MobiFone", "VNPT"]))
        let r = try Self.compare(dir, db, changes: [("coverage", coverage)])
        #expect(r.whatIf.stderr.contains("20 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
    }

    /// A what-if run started from a what-if run still gives the full run's answer.
    @Test func aSecondWhatIfRunGivesTheFullRunsAnswer() throws {
        let (dir, db, files) = try Self.store(.fictional, "second")
        for seed: UInt64 in [3, 4] {
            let coverage = try dir.write(
                "new-coverage-\(seed).geojson",
                try Self.newCoverage(
                    households: "\(files)/synthetic_households.csv", count: 10, seed: seed,
                    operators: ["Viettel", "MobiFone", "VNPT"]))
            let imported = try CovauditBinary.run(["import", "coverage", coverage, "--db", db, "-q"])
            try #require(imported.status == 0, "\(imported.stderr)")
            let r = try Self.compare(dir, db, changes: [])
            #expect(r.whatIf.stderr.contains("since run 1; recomputed "), "\(r.whatIf.stderr)")
            #expect(r.whatIf.stdout == r.full.stdout)
            #expect(r.whatIfTables == r.fullTables)
            // The next change starts from this what-if run.
            try FileManager.default.removeItem(atPath: db)
            try FileManager.default.copyItem(atPath: dir.path("a.sqlite"), toPath: db)
        }
    }

    @Test(arguments: [
        ["--by", "hamlet", "--hamlet-rule", "centroid"], ["--operator", "Viettel", "--no-areas"],
        ["--no-location-results", "--include-planned", "--gap-tech", "4G", "--tech", "4G,5G,broadband"],
    ])
    func otherParametersGiveTheFullRunsAnswer(_ arguments: [String]) throws {
        let (dir, db, files) = try Self.store(.fictional, "parameters", arguments: arguments)
        let coverage = try dir.write(
            "new-coverage.geojson",
            try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 20, seed: 11,
                operators: ["Viettel", "MobiFone", "VNPT"]))
        let r = try Self.compare(dir, db, changes: [("coverage", coverage)], arguments: arguments)
        #expect(r.whatIf.stderr.contains("20 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        if arguments.contains("hamlet") {
            Self.expectSomeUnitRowsChanged(first: try Self.dump(db), after: r.whatIfTables)
        }
    }

    /// Without network nodes the fibre reach is a distance to the nearest route, and a what-if run
    /// indexes only the routes near the change (unit facts and institutions' reach from the state):
    /// drop distances from 50 m (most new locations beyond every route) to 3 km, areas on and off.
    @Test(arguments: [
        (Territory.fictional, [String]()), (.fictional, ["--fibre-distance", "50"]),
        (.fictional, ["--fibre-distance", "3000", "--tech", "fibre,broadband,4G"]),
        (.demo, ["--no-areas"]),
    ])
    func withoutNodesOnlyTheRoutesNearTheChangeAreIndexed(_ territory: Territory, _ arguments: [String]) throws {
        let label = "no-nodes-\(arguments.joined().filter(\.isNumber))"
        let (dir, db, files) = try Self.store(territory, label, arguments: arguments, skipping: ["nodes"])
        let coverage = try dir.write(
            "new-coverage.geojson",
            try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 40, seed: 5,
                operators: ["Viettel", "MobiFone", "VNPT"]))
        let r = try Self.compare(dir, db, changes: [("coverage", coverage)], arguments: arguments)
        #expect(r.whatIf.stderr.contains("40 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(!r.whatIf.stderr.contains("recomputed 0 locations"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        #expect(r.fullTables["coverage_run_state"]?.contains { $0.contains("|unit-facts|") } == true)
    }

    /// The changes a what-if run cannot start from, and the reason it prints before computing every location.
    enum Fallback: String, CaseIterable, CustomTestStringConvertible {
        case activeRoutes, households, replaced, importedAgain, newOperator, otherParameters, gapAreas, noState,
            damagedState, olderFormat, missingChunk
        var testDescription: String { rawValue }
    }

    @Test(arguments: Fallback.allCases)
    func changesThatAreNotLocalComputeEveryLocation(_ fallback: Fallback) throws {
        let (dir, db, files) = try Self.store(.fictional, "fallback-\(fallback.rawValue)")
        let geo = FictionalStores.geoData.path
        var changes: [(layer: String, file: String)] = []
        var arguments: [String] = []
        let reason: String
        switch fallback {
        case .activeRoutes:
            let routes = try Self.plannedRoutes(from: "\(files)/synthetic_routes.geojson").replacingOccurrences(
                of: #""status":"planned""#, with: #""status":"active""#)
            changes = [("routes", try dir.write("active.geojson", routes))]
            reason = "fibre routes counted by this run were imported since run 1"
        case .households:
            changes = [("households", try dir.write("more.csv", "id,lon,lat,households,persons\nX1,105.85,21.6,1,3\n"))]
            reason = "households imported since run 1"
        case .replaced:
            let again = try CovauditBinary.run([
                "import", "households", "\(geo)/synthetic_households.csv", "--replace", "--db", db, "-q",
            ])
            try #require(again.status == 0, "\(again.stderr)")
            reason = "1 dataset removed or replaced since run 1"
        case .importedAgain:
            let again = try CovauditBinary.run([
                "import", "coverage", "\(geo)/synthetic_coverage.geojson", "--replace", "--db", db, "-q",
            ])
            try #require(again.status == 0, "\(again.stderr)")
            reason = "rows read by run 1 were imported again since"
        case .newOperator:
            let coverage = try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 3, seed: 2, operators: ["NewCo"])
            changes = [("coverage", try dir.write("newco.geojson", coverage))]
            reason = "the coverage operators changed since run 1"
        case .otherParameters:
            arguments = ["--fibre-distance", "300"]
            reason = "run 1 was computed with other parameters"
        case .gapAreas:
            // Stored with --gap-areas, then areas added: the polygons are not recomputed per unit.
            let first = try CovauditBinary.run(["coverage", "--db", db, "-f", "json", "-q", "--gap-areas"])
            try #require(first.status == 0, "\(first.stderr)")
            let coverage = try Self.newCoverage(
                households: "\(files)/synthetic_households.csv", count: 3, seed: 3, operators: ["Viettel"])
            changes = [("coverage", try dir.write("more.geojson", coverage))]
            arguments = ["--gap-areas"]
            reason = "what-if runs do not recompute uncovered-area polygons or per-operator areas"
        case .noState:
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("DELETE FROM coverage_run_state")
            reason = "run 1 kept no what-if state of this build"
        case .damagedState:
            // A truncated part is read as no state, never trusted.
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("UPDATE coverage_run_state SET data = substr(data, 1, 20) WHERE name = 'unit-tally'")
            reason = "run 1 kept no what-if state of this build"
        case .olderFormat:
            // A state of the format before chunked parts (format 2) is never read.
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("UPDATE coverage_run_state SET data = X'0200000000000000' WHERE name = 'format'")
            #expect(connection.changes == 1)
            reason = "run 1 kept no what-if state of this build"
        case .missingChunk:
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("DELETE FROM coverage_run_state WHERE name = 'gaps/0'")
            #expect(connection.changes == 1)
            reason = "run 1 kept no what-if state of this build"
        }
        let r = try Self.compare(dir, db, changes: changes, arguments: arguments)
        #expect(r.whatIf.stderr.contains("coverage: \(reason)"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stderr.contains("; computing every location"), "\(r.whatIf.stderr)")
        #expect(!r.whatIf.stderr.contains("recomputed"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
    }

    /// With nothing imported since a run stored with polygons and per-operator areas, the run is
    /// taken as it is (its polygons and per-operator areas kept; the latter computed again when the
    /// run was stored without them, as by an earlier build): the full run's answer.
    @Test(arguments: [false, true])
    func nothingImportedKeepsTheStoredPolygons(storedWithoutOperatorAreas: Bool) throws {
        let arguments = ["--gap-areas", "--operator-areas"]
        let (dir, db, _) = try Self.store(
            .fictional, "unchanged-\(storedWithoutOperatorAreas)", arguments: arguments)
        if storedWithoutOperatorAreas {
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("DELETE FROM coverage_run_state WHERE name = 'operator-areas'")
            #expect(connection.changes == 1)
        }
        let r = try Self.compare(dir, db, changes: [], arguments: arguments)
        #expect(r.whatIf.stderr.contains("nothing imported since run 1; recomputed 0 locations"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        #expect((r.whatIfTables["gap_areas"]?.count ?? 0) > 0)
    }

    /// The first five routes of `file` as a planned route set of its own (ids changed).
    static func plannedRoutes(from file: String) throws -> String {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let features = text.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"Feature""#) }.prefix(5)
        return GeoJSONText.collection(
            features.enumerated().map { k, line in
                var f = String(line.hasSuffix(",") ? line.dropLast() : line)
                f = f.replacingOccurrences(of: #""status":"active""#, with: #""status":"planned""#)
                if let range = f.range(of: #""id":""#) { f.insert(contentsOf: "PLAN\(k)-", at: range.upperBound) }
                return f
            })
    }
}

/// A small deterministic random source (SplitMix64).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
