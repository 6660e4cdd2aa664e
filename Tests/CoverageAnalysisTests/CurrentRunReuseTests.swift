import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// An audit's parameter sets computed together take the tallies and area shares of the store's
/// latest run when it is current and was computed with one of them (`CurrentRun`); the results
/// are exactly those of each set computed alone (`CoverageAnalyzer.evaluate()`, which never reads
/// a stored run), and a run that is not current, or of other parameters, gives nothing.
@Suite struct CurrentRunReuseTests {
    /// The stored run before the audit, and what the audit's sets take from it.
    enum Stored: String, CaseIterable, Sendable {
        /// A report's run (polygons and per-operator areas too): the base set's tallies and areas.
        case report
        /// `coverage` with the defaults: the same.
        case coverage
        /// `coverage --no-areas`: the base set's tallies, its areas computed.
        case noAreas
        /// `coverage --include-planned`: the planned-routes set's tallies; the base set classifies
        /// again the locations near planned fibre, its areas computed.
        case planned
        /// `coverage --fibre-distance 300`: nothing.
        case otherFibre
        /// A report's run, then sites imported (coverage reads none, but the run is no longer current): nothing.
        case staleSites
        /// A report's run whose state was deleted: nothing.
        case noState

        var parameters: CoverageParameters {
            var p = CoverageParameters()
            switch self {
            case .report, .staleSites, .noState:
                p.gapAreas = true
                p.operatorAreas = true
            case .coverage: break
            case .noAreas: p.computeAreas = false
            case .planned: p.includePlanned = true
            case .otherFibre: p.fibreDistanceMetres = 300
            }
            return p
        }

        /// Whether the run is current with the tallies of one of the audit's sets: that set takes them
        /// and the other fibre definition (planned routes or not) classifies again only the locations
        /// near planned fibre.
        var current: Bool { [.report, .coverage, .noAreas, .planned].contains(self) }
        /// Definitions the location pass classifies (the audit's five sets: base and planned tallies).
        var classified: Int { current ? 0 : 2 }
        /// Whether the base set's area shares are integrated again.
        var areasComputed: Bool { self != .report && self != .coverage }
    }

    /// What the alternatives reported on stderr, collected.
    final class Messages: @unchecked Sendable {
        // `@unchecked Sendable`: `lines` is only touched while holding `lock`.
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test(arguments: Stored.allCases)
    func storedRunGivesTheSameResultsAsEachSetAlone(_ stored: Stored) throws {
        let (dir, store) = try FictionalStores.demoStore()
        _ = try CoverageAnalyzer(store: store, parameters: stored.parameters).run()
        switch stored {
        case .staleSites:
            let site = GeoJSONText.collection([
                GeoJSONText.feature(
                    #"{"type":"Point","coordinates":[105.85,21.55]}"#,
                    #"{"id":"NEW-4G-1","operator":"Viettel","technology":"4G","band":"1800","range_m":900}"#)
            ])
            _ = try store.importFile(try dir.write("site.geojson", site), options: ImportOptions(layer: .sites))
        case .noState:
            try Connection(path: store.path, mode: .readWrite).execute("DELETE FROM coverage_run_state")
        default: break
        }
        let vintage = try #require(try store.newestVintage())
        let sets = CoverageAlternativesTests.Mix.audit.sets(vintage: vintage).map { p -> CoverageParameters in
            var q = p
            q.vintage = vintage
            return q
        }
        let messages = Messages()
        var alternatives = CoverageAlternatives(store: store)
        alternatives.progress = { messages.add($0) }
        let together = try CoverageAlternativesTests.encoded(try alternatives.evaluate(sets))
        let alone = try CoverageAlternativesTests.encoded(
            try sets.map { try CoverageAnalyzer(store: store, parameters: $0).evaluate() })
        for (i, (a, b)) in zip(together, alone).enumerated() {
            #expect(a == b, "\(stored) set \(i): \(sets[i])")
        }
        let n = stored.classified
        #expect(
            messages.all.contains("classifying every location once for \(n) definition\(n == 1 ? "" : "s")")
                == (n > 0), "\(messages.all)")
        let again = messages.all.filter {
            $0.hasPrefix("classified again ") && $0.hasSuffix(" near planned fibre for 1 definition")
        }
        #expect(again.count == (stored.current ? 1 : 0), "\(messages.all)")
        if let line = again.first {
            // Some locations, not all: the planned routes and nodes change the reach only near them.
            let count = Int(line.split(separator: " ")[2]) ?? 0
            let households = try store.inventory(scanningHouseholds: true).counts[Layer.households.rawValue] ?? 0
            #expect(count > 0 && count < households, "\(line) of \(households)")
        }
        #expect(messages.all.contains("computed area shares") == stored.areasComputed, "\(messages.all)")
    }
}
