import CoverageModel
import Testing

@testable import CoverageAnalysis

/// `FiguresBuilder`: figures built in one pass (hamlet fields included) equal the figures built
/// first and given their hamlet fields after, as the assembly did before.
@Suite struct FiguresBuilderTests {
    /// A tally of `entities` entities with distinct counts in every field.
    static func tally(entities: Int, measures: Int, operators: Int) -> Tally {
        var t = Tally(entities: entities, measures: measures, operators: operators)
        for i in t.totals.indices { t.totals[i] = Int64(100 + 7 * i) }
        for i in t.covered.indices { t.covered[i] = Int64(3 + i % 50) }
        for i in t.byOperator.indices { t.byOperator[i] = Int64(1 + i % 30) }
        return t
    }

    /// The reference: coverage without hamlets, then every available measure's hamlet fields set
    /// through the dictionary, position by position (the former second pass).
    static func reference(
        _ builder: FiguresBuilder, _ tally: Tally, _ e: Int, areaShares: [Measure: Double]?,
        operatorAreas: [String: [Measure: Double]]?, hamlets: HamletCount
    ) -> [Measure: MeasureFigures] {
        var out = builder.coverage(tally, e, areaShares: areaShares, operatorAreas: operatorAreas)
        for (m, key) in builder.measures.enumerated() where out[key]?.available == true {
            out[key]?.hamletsCovered = hamlets.covered[m]
            out[key]?.hamletShare = FiguresBuilder.share(hamlets.covered[m], hamlets.hamlets)
        }
        return out
    }

    @Test(arguments: [
        [Measure.g2, .g3, .g4, .g5, .g4plus, .fibre, .broadband],
        [.broadband, .fibre, .g4],
        [.g4, .fibre, .g4],
    ])
    func hamletFieldsPerMeasure(measures: [Measure]) {
        let operators = ["Orange", "a-much-longer-operator-name", "Z"]
        var builder = FiguresBuilder(
            measures: measures, operators: operators, unavailable: [.g3: "no 3G coverage areas in the store"])
        builder.networkAvailable = true
        let tally = Self.tally(entities: 3, measures: measures.count, operators: operators.count)
        let areaShares: [Measure: Double] = [.g4: 0.25, .fibre: 0.5, .broadband: 0.75, .g3: 0.1]
        let operatorAreas: [String: [Measure: Double]] = ["Orange": [.g4: 0.2], "Z": [.g4plus: 0.3]]
        let hamlets = HamletCount(hamlets: 9, covered: measures.indices.map { 2 + $0 })
        for e in 0..<3 {
            let got = builder.coverage(
                tally, e, areaShares: areaShares, operatorAreas: operatorAreas, hamlets: hamlets)
            let want = Self.reference(
                builder, tally, e, areaShares: areaShares, operatorAreas: operatorAreas, hamlets: hamlets)
            #expect(got == want)
            // Pinned: the last position of a measure gives its hamlet count; no data, no hamlet fields.
            for (m, key) in measures.enumerated() where measures.lastIndex(of: key) == m {
                let f = got[key]
                #expect(f?.hamletsCovered == (key == .g3 ? nil : 2 + m), "\(key.rawValue)")
                #expect(f?.hamletShare == (key == .g3 ? nil : Double(2 + m) / 9), "\(key.rawValue)")
                #expect(f?.operators?.count == (key.isMobile ? operators.count : nil))
                #expect(f?.operators?["Orange"]?.areaShare == (key == .g4 ? 0.2 : nil))
            }
        }
        // Without hamlet counts (hamlet rows), no hamlet fields at all.
        let plain = builder.coverage(tally, 1, areaShares: areaShares)
        #expect(plain.values.allSatisfy { $0.hamletsCovered == nil && $0.hamletShare == nil })
    }

    /// The unit row carries the hamlet count and the same coverage as `coverage(…, hamlets:)`.
    @Test func unitRowCarriesHamlets() {
        let builder = FiguresBuilder(measures: [.g4, .fibre], operators: [], unavailable: [:])
        let tally = Self.tally(entities: 1, measures: 2, operators: 0)
        let hamlets = HamletCount(hamlets: 0, covered: [0, 0])
        let row = builder.unit(tally, 0, code: "c", name: "n", level: "commune", hamlets: hamlets)
        #expect(row.hamlets == 0)
        #expect(row.coverage[.g4]?.hamletsCovered == 0 && row.coverage[.g4]?.hamletShare == nil)
        #expect(row.coverage == builder.coverage(tally, 0, hamlets: hamlets))
        #expect(builder.unit(tally, 0, code: "c", name: "n", level: "hamlet").hamlets == nil)
    }

    /// Every unit's counts in one pass equal the per-unit count.
    @Test func hamletCountsInOnePass() {
        let unitOfHamlet = [0, 2, -1, 2, 0, 0, 3]
        let covered = [
            [true, false, true, true, false, true, false], [false, false, false, true, true, true, true],
        ]
        let rollup = HamletRollup(covered: covered, unitOfHamlet: unitOfHamlet)
        let counts = rollup.counts(units: 4)
        #expect(counts.count == 4)
        for u in 0..<4 { #expect(counts[u] == rollup.count(unit: u)) }
        #expect(counts[0] == HamletCount(hamlets: 3, covered: [2, 2]))
        #expect(counts[1] == HamletCount(hamlets: 0, covered: [0, 0]))
    }

    /// The province tally: every field summed over the entities, as field-by-field index arithmetic gives.
    @Test(arguments: [(1, 7, 0), (5, 3, 2), (40, 7, 3), (0, 2, 1)])
    func collapseSumsEveryField(entities: Int, measures: Int, operators: Int) {
        let tally = Self.tally(entities: entities, measures: measures, operators: operators)
        let got = FiguresBuilder.collapse(tally)
        #expect(got.entities == 1 && got.measures == measures && got.operators == operators)
        for f in 0..<Tally.totalFields {
            #expect(got.total(0, f) == (0..<entities).reduce(0) { $0 + tally.total($1, f) })
        }
        for m in 0..<measures {
            for f in 0..<Tally.coveredFields {
                #expect(got.covered(0, m, f) == (0..<entities).reduce(0) { $0 + tally.covered($1, m, f) })
            }
            for o in 0..<operators {
                for f in 0..<Tally.operatorFields {
                    #expect(
                        got.byOperator(0, m, o, f) == (0..<entities).reduce(0) { $0 + tally.byOperator($1, m, o, f) })
                }
            }
        }
    }
}
