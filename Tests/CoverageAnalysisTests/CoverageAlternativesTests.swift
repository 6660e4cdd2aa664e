import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import Testing

/// Parameter sets computed together (`CoverageAlternatives`: one snapshot, shared indexes, one
/// location pass tallying every definition) give exactly what each gives computed alone
/// (`CoverageAnalyzer.evaluate()`, its own load, indexes and pass): the independent computation.
@Suite struct CoverageAlternativesTests {
    /// Lists of parameter sets evaluated together.
    enum Mix: String, CaseIterable, Sendable {
        /// What an audit asks for: the base with areas, the other hamlet rules, planned routes.
        case audit
        /// Definitions tallied apart: broadband minimums, drop distances (with and without planned
        /// routes), gap measure and link distance, a subset of the measures.
        case tallies
        /// Definitions that need another location pass or no pass of their own: operator filters
        /// (one with no coverage), groupings, institution evidence thresholds, an explicit vintage.
        case groups

        func sets(vintage: String) -> [CoverageParameters] {
            let base = CoverageParameters()
            func with(_ change: (inout CoverageParameters) -> Void) -> CoverageParameters {
                var p = base
                p.computeAreas = false
                change(&p)
                return p
            }
            switch self {
            case .audit:
                return [base]
                    + [HamletRule.share(0.5), .share(0.8), .centroid].map { rule in with { $0.hamletRule = rule } }
                    + [with { $0.includePlanned = true }]
            case .tallies:
                return [
                    with { $0.broadbandMinimum = .g4 }, with { $0.broadbandMinimum = .g2 },
                    with { $0.fibreDistanceMetres = 300 },
                    with {
                        $0.fibreDistanceMetres = 300
                        $0.includePlanned = true
                        $0.hamletRule = .share(0.5)
                    },
                    with { $0.gapTechnology = .g4 }, with { $0.gapLinkMetres = 1000 },
                    with {
                        $0.technologies = [.g4, .fibre]
                        $0.broadbandMinimum = .g5
                    },
                    with { $0.broadbandMinimum = .g4 },  // repeated: computed once, returned twice
                ]
            case .groups:
                return [
                    with { $0.operatorName = "Viettel" },
                    with {
                        $0.operatorName = "VNPT"
                        $0.includePlanned = true
                    },
                    with { $0.operatorName = "Nobody" }, with { $0.grouping = .hamlet },
                    with { $0.grouping = .province },
                    with {
                        $0.minimumEvidence = .measured
                        $0.minimumSpeedMbps = 30
                    },
                    with { $0.vintage = vintage }, base,
                ]
            }
        }
    }

    /// Every result encoded with sorted keys (shares compare bit for bit).
    static func encoded(_ results: [CoverageResult]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try results.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }

    /// The sets of `mix` together, then each alone, on `store`.
    static func compare(_ mix: Mix, on store: Store) throws {
        let vintage = try #require(
            try CoverageAnalyzer(store: store, parameters: CoverageParameters()).evaluate().parameters.vintage)
        let sets = mix.sets(vintage: vintage)
        let together = try encoded(try CoverageAlternatives(store: store).evaluate(sets))
        let alone = try encoded(try sets.map { try CoverageAnalyzer(store: store, parameters: $0).evaluate() })
        #expect(together.count == sets.count)
        for (i, (a, b)) in zip(together, alone).enumerated() {
            #expect(a == b, "\(mix) set \(i): \(sets[i])")
        }
    }

    @Test(arguments: Mix.allCases)
    func togetherEqualsAloneOnTheFictionalProvince(_ mix: Mix) throws {
        let (_, store) = try FictionalStores.demoStore()
        try Self.compare(mix, on: store)
    }

    /// Enough households for several id ranges, so helper lanes tally the variants too.
    @Test(arguments: [Mix.audit, .tallies])
    func togetherEqualsAloneWithSeveralRanges(_ mix: Mix) throws {
        let store = try LocationPassTests.store(copies: LocationPassTests.copies)
        try Self.compare(mix, on: store)
    }

    /// Tallies cached by an earlier run are reused and give the same figures.
    @Test func cachedTalliesGiveTheSameResults() throws {
        let (_, store) = try FictionalStores.demoStore()
        let sets = Mix.audit.sets(vintage: "")
        let cache = LocationPassCache()
        var first = CoverageAlternatives(store: store)
        first.locationCache = cache
        let fresh = try Self.encoded(try first.evaluate(sets))
        var second = CoverageAlternatives(store: store)
        second.locationCache = cache
        #expect(try Self.encoded(try second.evaluate(sets.reversed())) == fresh.reversed())
    }

    @Test func noUnitsFailsAsARunAloneDoes() throws {
        let dir = try FixtureDirectory("alternatives-empty")
        let store = try dir.store()
        var p = CoverageParameters()
        p.vintage = "1999"
        let alone = #expect(throws: AnalysisError.self) { try CoverageAnalyzer(store: store, parameters: p).evaluate() }
        let together = #expect(throws: AnalysisError.self) { try CoverageAlternatives(store: store).evaluate([p]) }
        #expect(together.map(String.init(describing:)) == alone.map(String.init(describing:)))
        #expect(try CoverageAlternatives(store: store).evaluate([]).isEmpty)
    }
}
