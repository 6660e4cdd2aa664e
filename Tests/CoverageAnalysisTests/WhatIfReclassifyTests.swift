import CoverageModel
import CoverageStore
import CoverageTestSupport
import Testing

@testable import CoverageAnalysis

/// A what-if run's classification of the changed locations, split into any number of ranges,
/// turns the stored run's output into the output of classifying every location after the change.
@Suite struct WhatIfReclassifyTests {
    /// `inputs` without the last `count` coverage areas of `tech` (the inputs before they were imported).
    static func inputs(_ inputs: AnalysisInputs, withoutLast count: Int, of tech: Technology) -> AnalysisInputs {
        var coverage = inputs.coverage
        coverage[tech] = Array((coverage[tech] ?? []).dropLast(count))
        var totals = inputs.totals
        totals.coverage[tech] = coverage[tech]?.count
        return AnalysisInputs(
            vintage: inputs.vintage, units: inputs.units, province: inputs.province, hamlets: inputs.hamlets,
            coverage: coverage, operators: inputs.operators, fibreRoutes: inputs.fibreRoutes,
            fibreNodes: inputs.fibreNodes, institutions: inputs.institutions, notes: inputs.notes,
            warnings: inputs.warnings, totals: totals)
    }

    /// Every location classified with `inputs` (a full run's location pass).
    static func fullPass(_ snapshot: ReadSnapshot, _ inputs: AnalysisInputs, _ p: CoverageParameters) throws
        -> LocationPassOutput
    {
        let pass = LocationPass(
            classifier: try Classifier(inputs: inputs, parameters: p), evaluator: MeasureEvaluator(parameters: p),
            gapKey: p.gapTechnology, unitCount: inputs.units.count, hamletCount: inputs.hamlets.count,
            operatorCount: inputs.operators.count, keepRows: true)
        return try pass.run(snapshot)
    }

    /// Each location's stored columns by row id.
    static func rowsByID(_ rows: LocationRows?) -> [Int64: [Double]] {
        var out: [Int64: [Double]] = [:]
        for b in rows?.blocks ?? [] {
            for i in b.rowIDs.indices {
                out[b.rowIDs[i]] = [
                    Double(b.units[i]), Double(b.hamlets[i]), Double(b.flags[i]), Double(b.operators4G[i]),
                    Double(b.fibreMetres[i]), Double(b.networkMetres[i]),
                ]
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 7])
    func reclassifiedRangesGiveTheFullPassAfterTheChange(chunks: Int) throws {
        let store = try LocationPassTests.store(copies: 4)
        var p = CoverageParameters()
        p.computeAreas = false
        let snapshot = try store.readSnapshot()
        defer { snapshot.end() }
        let inputs = try AnalysisInputs.load(from: snapshot, parameters: p)
        let tech = try #require(
            Technology.allCases.max { (inputs.coverage[$0]?.count ?? 0) < (inputs.coverage[$1]?.count ?? 0) })
        let areas = inputs.coverage[tech] ?? []
        let count = max(1, areas.count / 3)
        let before = Self.inputs(inputs, withoutLast: count, of: tech)
        let stored = try Self.fullPass(snapshot, before, p)
        let expected = try Self.fullPass(snapshot, inputs, p)
        let boxes = areas.suffix(count).compactMap(\.geometry.boundingBox)
        var change = try WhatIfChange.locations(snapshot, in: boxes, cells: stored.cells)
        #expect(change.rowIDs.count >= 2 * chunks)
        var output = stored
        let evaluator = MeasureEvaluator(parameters: p)
        let classifier = try Classifier(inputs: inputs, parameters: p)
        let rows = change.reclassify(
            classifier: classifier, evaluator: evaluator,
            before: OldCoverage(
                classifier: classifier, coverage: inputs.coverage, added: [tech: Array(areas.suffix(count))],
                operators: inputs.operators),
            gapKey: p.gapTechnology, keepRows: true, stored: stored.gaps, into: &output, chunks: chunks)
        // The change matters: the stored tallies are not the answer.
        #expect(stored.units.covered != expected.units.covered)
        for (got, want) in [(output.units, expected.units), (output.hamlets, expected.hamlets)] {
            #expect(got.totals == want.totals)
            #expect(got.covered == want.covered)
            #expect(got.byOperator == want.byOperator)
        }
        #expect(output.gaps.rowIDs == expected.gaps.rowIDs)
        #expect(output.gaps.points.map(\.x) == expected.gaps.points.map(\.x))
        #expect(output.gaps.points.map(\.y) == expected.gaps.points.map(\.y))
        #expect(output.gaps.households == expected.gaps.households)
        #expect(output.gaps.persons == expected.gaps.persons)
        #expect(output.gaps.units == expected.gaps.units)
        // The rows rewritten are exactly the changed ones whose stored row differs, as the full pass gives them.
        let old = Self.rowsByID(stored.rows)
        let new = Self.rowsByID(expected.rows)
        let rewritten = Self.rowsByID(rows.map { LocationRows(blocks: [$0]) })
        #expect(rows?.rowIDs == rows?.rowIDs.sorted())
        let differing = change.rowIDs.filter { old[$0]?.prefix(4) != new[$0]?.prefix(4) }
        #expect(!differing.isEmpty)
        #expect(rows?.rowIDs == differing)
        for (id, row) in rewritten { #expect(row.elementsEqual(new[id] ?? []) { $0 == $1 || ($0.isNaN && $1.isNaN) }) }
        #expect(change.units == change.rowIDs.map { Int32(new[$0]?[0] ?? -2) })
    }
}
