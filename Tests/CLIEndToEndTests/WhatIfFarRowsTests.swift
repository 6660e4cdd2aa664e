import CoverageTestSupport
import Foundation
import Testing

/// A what-if run reads only the coverage areas and routes near its change (issue 18), yet the
/// operators, generations and fibre notes it reports are those of every row: far rows holding the
/// only operator or generation of their kind give the full run's answer.
@Suite("What-if runs with far rows of their own kind", .serialized)
struct WhatIfFarRowsTests {

    /// The coverage run's arguments: every operator; the far area's operator alone (its only
    /// generation is 3G, from a row out of scope); the far route's operator alone (no coverage, its
    /// only fibre from a row out of scope).
    @Test(arguments: [[], ["--operator", "FarTel"], ["--operator", "FarNet"]])
    func farRowsOfTheirOwnKindGiveTheFullRunsAnswer(_ arguments: [String]) throws {
        let name = arguments.last ?? "all"
        let (dir, db, files) = try WhatIfRunTests.store(.fictional, "far-kind-\(name)", skipping: ["nodes"])
        let (x, y) = try WhatIfGeometryScopeTests.firstVertex("\(files)/synthetic_communes.geojson")
        try WhatIfGeometryScopeTests.importFarAreaAndRoute(
            dir, db, nearX: x, y: y, areaOperator: "FarTel", technology: "3G", routeOperator: "FarNet")
        let stored = try CovauditBinary.run(["coverage", "--db", db, "-f", "json", "-q", "--full"] + arguments)
        try #require(stored.status == 0, "\(stored.stderr)")
        let edge = GeoJSONText.collection([
            GeoJSONText.twelveGon(x, y, radius: 0.01, id: "EDGE-1", operatorName: "Viettel", technology: "4G")
        ])
        let r = try WhatIfRunTests.compare(
            dir, db, changes: [("coverage", try dir.write("edge.geojson", edge))], arguments: arguments)
        #expect(r.whatIf.stderr.contains("1 coverage areas added since run 1; recomputed "), "\(r.whatIf.stderr)")
        #expect(r.whatIf.stdout == r.full.stdout)
        #expect(r.whatIfTables == r.fullTables)
        // The warnings on stderr are the full run's.
        let warnings = { (text: String) in text.split(separator: "\n").filter { $0.contains("warning:") } }
        #expect(warnings(r.whatIf.stderr) == warnings(r.full.stderr), "\(r.whatIf.stderr)\n\(r.full.stderr)")
        if arguments.last == "FarNet" { #expect(!warnings(r.full.stderr).isEmpty, "\(r.full.stderr)") }
    }
}
