import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// The location pass splits the households into id ranges read on several connections and
/// classified in spatial order; the results must not depend on that layout.
@Suite struct LocationPassTests {
    static let copies = 16

    /// The demo territory, with its households imported `copies` times (enough ids for several ranges).
    static func store(copies: Int) throws -> Store {
        let dir = try FixtureDirectory("location-pass-\(copies)")
        let store = try dir.store()
        let geoData = TestPaths.fictionalProvince
        try SyntheticBundle.importAll(into: store, from: geoData, asOf: nil)
        guard copies > 1 else { return store }
        let lines = try String(contentsOf: geoData.appendingPathComponent("synthetic_households.csv"), encoding: .utf8)
            .split(separator: "\n")
        var csv = String(lines[0]) + "\n"
        for k in 1..<copies {
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",", maxSplits: 1)
                csv += "\(fields[0])-\(k),\(fields[1])\n"
            }
        }
        let path = try dir.write("copies.csv", csv)
        try store.importFile(path, options: ImportOptions(layer: .households))
        return store
    }

    @Test func copiedHouseholdsGiveCopiedFiguresAndRows() throws {
        var p = CoverageParameters()
        p.computeAreas = false
        let one = try CoverageAnalyzer(store: try Self.store(copies: 1), parameters: p).run()
        let manyStore = try Self.store(copies: Self.copies)
        let many = try CoverageAnalyzer(store: manyStore, parameters: p).run()
        let n = Self.copies
        #expect(many.province.households == n * one.province.households)
        #expect(many.outside.locations == n * one.outside.locations)
        #expect(many.outside.sample.prefix(one.outside.sample.count).map(\.id) == one.outside.sample.map(\.id))
        #expect(many.units.count == one.units.count)
        for (a, b) in zip(one.units, many.units) {
            #expect(b.locations == n * a.locations && b.households == n * a.households, "\(a.code)")
            for (tech, f) in a.coverage {
                #expect(b.coverage[tech]?.households == n * f.households, "\(tech) in \(a.code)")
                #expect(b.coverage[tech]?.locations == n * f.locations, "\(tech) in \(a.code)")
            }
        }
        // Every stored row equals the row of the household it copies, in household id order.
        let db = try Connection(path: manyStore.path, mode: .readOnly)
        let original = try db.scalar("SELECT max(id) FROM households WHERE ext_id NOT LIKE '%-%'").int ?? 0
        let columns = [
            "unit_code", "hamlet_code", "g2", "g3", "g4", "g5", "fibre", "fibre_network", "broadband", "operators_4g",
            "fibre_m", "fibre_network_m",
        ]
        let differs = columns.map { "c.\($0) IS NOT o.\($0)" }.joined(separator: " OR ")
        let mismatches = try db.scalar(
            """
            SELECT count(*) FROM location_coverage c
              JOIN location_coverage o ON o.run_id = c.run_id AND o.household_id = (c.household_id - 1) % ? + 1
            WHERE \(differs)
            """, [original]
        ).int
        #expect(original > 0)
        #expect(mismatches == 0)
        #expect(try db.scalar("SELECT count(*) FROM location_coverage").int == Int64(n) * original)
    }
}
