import CoverageTestSupport
import Foundation
import Testing

/// What-if runs read only the geometry near the change, and equal full runs wherever it lies.
///
/// They read the geometry of the communes meeting the change only (and, with nothing added, no
/// geometry at all, issue 18); the JSON and every stored table must equal those of `coverage
/// --full`. The stores have no network nodes (with counted nodes every commune's geometry is read,
/// nodes being counted per commune by position).
@Suite("What-if runs reading the geometry near the change", .serialized)
struct WhatIfGeometryScopeTests {
    /// Where the added coverage lies.
    enum Placement: String, CaseIterable, CustomTestStringConvertible {
        /// Centred on a commune boundary vertex (the communes on both sides are recomputed).
        case unitBoundary
        /// Two degrees away from every commune and location.
        case farFromEveryLocation
        /// Nothing imported since the stored run.
        case nothing
        var testDescription: String { rawValue }
    }

    /// Imports a coverage area and an active fibre route two degrees from the vertex (x, y), of
    /// the given operators and the area's generation.
    static func importFarAreaAndRoute(
        _ dir: FixtureDirectory, _ db: String, nearX x: Double, y: Double, areaOperator: String = "Viettel",
        technology: String = "4G", routeOperator: String = "VNPT"
    ) throws {
        let area = GeoJSONText.twelveGon(
            x + 2, y - 2, radius: 0.05, id: "FAR-AREA", operatorName: areaOperator, technology: technology)
        let route = GeoJSONText.fibreRoute(
            [(x + 2, y - 2), (x + 2.5, y - 2.3), (x + 3, y - 3)], id: "FAR-ROUTE", operatorName: routeOperator)
        for (layer, feature) in [("coverage", area), ("routes", route)] {
            let file = try dir.write("far-\(layer).geojson", GeoJSONText.collection([feature]))
            let imported = try CovauditBinary.run(["import", layer, file, "--db", db, "-q"])
            try #require(imported.status == 0, "\(imported.stderr)")
        }
    }

    /// The first vertex of the first commune of `communes` (a GeoJSON file).
    static func firstVertex(_ communes: String) throws -> (Double, Double) {
        let text = try String(contentsOfFile: communes, encoding: .utf8)
        let start = try #require(text.range(of: "[[[[")?.upperBound ?? text.range(of: "[[[")?.upperBound)
        let numbers = text[start...].prefix { $0 != "]" }.split(separator: ",").compactMap { Double($0) }
        try #require(numbers.count == 2)
        return (numbers[0], numbers[1])
    }

    @Test(arguments: Placement.allCases)
    func theChangeAnywhereGivesTheFullRunsAnswer(_ placement: Placement) throws {
        let (dir, db, files) = try WhatIfRunTests.store(.fictional, "scope-\(placement.rawValue)", skipping: ["nodes"])
        let (x, y) = try Self.firstVertex("\(files)/synthetic_communes.geojson")
        var changes: [(layer: String, file: String)] = []
        switch placement {
        case .unitBoundary:
            let features = [
                GeoJSONText.twelveGon(x, y, radius: 0.01, id: "EDGE-1"),
                GeoJSONText.twelveGon(x, y, radius: 0.002, id: "EDGE-2"),
            ]
            changes = [("coverage", try dir.write("edge.geojson", GeoJSONText.collection(features)))]
        case .farFromEveryLocation:
            let far = GeoJSONText.collection([GeoJSONText.twelveGon(x + 2, y + 2, radius: 0.01, id: "FAR-1")])
            changes = [("coverage", try dir.write("far.geojson", far))]
        case .nothing: break
        }
        let r = try WhatIfRunTests.compare(dir, db, changes: changes)
        #expect(!r.whatIf.stderr.contains("computing every location"), "\(r.whatIf.stderr)")
        switch placement {
        case .unitBoundary:
            #expect(r.whatIf.stderr.contains("2 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
            #expect(!r.whatIf.stderr.contains("recomputed 0 locations"), "\(r.whatIf.stderr)")
            #expect(!r.whatIf.stderr.contains(" in 1 unit"), "\(r.whatIf.stderr)")
        case .farFromEveryLocation:
            #expect(r.whatIf.stderr.contains("1 coverage areas added since run 1; recomputed 0 locations in 0 units"))
        case .nothing:
            #expect(
                r.whatIf.stderr.contains("nothing imported since run 1; recomputed 0 locations"), "\(r.whatIf.stderr)")
        }
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
    }

    /// A coverage area and a fibre route two degrees from every commune, in the stored run (the
    /// route moves the extent of the area stage's fibre segment grid, which the run keeps): a what-if
    /// run of a change on a commune boundary reads neither's geometry, and its JSON and every table
    /// (its state too) equal `--full`'s.
    @Test func farAreasAndRoutesGiveTheFullRunsAnswer() throws {
        let (dir, db, files) = try WhatIfRunTests.store(.fictional, "scope-far", skipping: ["nodes"])
        let (x, y) = try Self.firstVertex("\(files)/synthetic_communes.geojson")
        try Self.importFarAreaAndRoute(dir, db, nearX: x, y: y)
        let stored = try CovauditBinary.run(["coverage", "--db", db, "-f", "json", "-q", "--full"])
        try #require(stored.status == 0, "\(stored.stderr)")
        let edge = GeoJSONText.collection([GeoJSONText.twelveGon(x, y, radius: 0.01, id: "EDGE-1")])
        let r = try WhatIfRunTests.compare(dir, db, changes: [("coverage", try dir.write("edge.geojson", edge))])
        #expect(r.whatIf.stderr.contains("1 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(!r.whatIf.stderr.contains("recomputed 0 locations"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        #expect(r.whatIfTables["coverage_run_state"]?.contains { $0.contains("|fibre-layout|") } == true)
    }

    /// A coverage area removed (the layer imported again without it) after a what-if run (stored in
    /// place of run 1): every location is computed, and the answer is the full run's.
    @Test func aRemovedCoverageAreaGivesTheFullRunsAnswer() throws {
        let (dir, db, files) = try WhatIfRunTests.store(.fictional, "scope-removed", skipping: ["nodes"])
        let (x, y) = try Self.firstVertex("\(files)/synthetic_communes.geojson")
        let features = (0..<3).map { GeoJSONText.twelveGon(x + 0.01 * Double($0), y, radius: 0.01, id: "GONE-\($0)") }
        let file = try dir.write("extra.geojson", GeoJSONText.collection(features))
        let added = try CovauditBinary.run(["import", "coverage", file, "--db", db, "-q"])
        try #require(added.status == 0, "\(added.stderr)")
        let whatIf = try CovauditBinary.run(["coverage", "--db", db, "-f", "json"])
        try #require(whatIf.status == 0 && whatIf.stderr.contains("3 coverage areas added"), "\(whatIf.stderr)")
        let fewer = try dir.write("extra.geojson", GeoJSONText.collection(Array(features.dropLast())))
        let replaced = try CovauditBinary.run(["import", "coverage", fewer, "--replace", "--db", db, "-q"])
        try #require(replaced.status == 0, "\(replaced.stderr)")
        let r = try WhatIfRunTests.compare(dir, db, changes: [])
        #expect(
            r.whatIf.stderr.contains("removed or replaced since run 1; computing every location"), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
    }
}
