import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@Suite struct AuditVerdictTests {
    static let claimsJSON = """
        {"claims":[
          {"id":"5g","text":"Đã triển khai 5G","metric":"households","technologies":["5G"],"comparator":">","threshold":0},
          {"id":"bb99","text":"99% hộ có băng rộng","metric":"households","technologies":["fibre","3G","4G"],"threshold":"99%"},
          {"id":"bb50-units","text":"x","metric":"population","technologies":["fibre","3G","4G"],"threshold":"50%","filter":{"units":["10021","10036"]}},
          {"id":"bad-unit","text":"x","metric":"households","technologies":["4G"],"threshold":"50%","filter":{"units":["99999"]}},
          {"id":"schools","text":"x","metric":"institutions","technologies":["fixed"],"filter":{"kind":"school"},"threshold":1},
          {"id":"fibre-communes","text":"x","metric":"communes","technologies":["fibre"],"threshold":"95%"},
          {"id":"hamlets-4g","text":"x","metric":"hamlets","technologies":["4G"],"threshold":"40%"}
        ]}
        """

    @Test func knownVerdictsOnTheDemoStore() throws {
        let (_, store) = try FictionalStores.demoStore()
        var auditor = try Auditor(store: store, base: CoverageParameters())
        let report = try auditor.audit(try AuditFixture.claims(Self.claimsJSON))
        let by = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.claim.id, $0) })
        #expect(by["5g"]?.verdict == .holds)
        let bb = try #require(by["bb99"])
        #expect(bb.verdict == .doesNotHold)
        #expect(abs((bb.margin ?? 0) - ((bb.measured ?? 0) - 0.99)) < 1e-12)
        #expect(bb.shortfallCount > 0 && bb.shortfalls.count <= 10)
        // Worst first.
        let values = bb.shortfalls.compactMap(\.value)
        #expect(values == values.sorted())
        // Alternatives: households, persons, area, fibre both ways, four hamlet rules, planned routes.
        let keys = Set(bb.alternatives.map(\.key))
        for k in [
            "households", "population", "area", "fibre:straight", "fibre:network", "hamlets:any", "hamlets:share>=0.5",
            "hamlets:share>=0.8", "hamlets:centroid", "planned:included",
        ] {
            #expect(keys.contains(k), "missing alternative \(k)")
        }
        #expect(bb.alternatives.filter(\.primary).map(\.key) == ["households"])
        #expect(by["bb50-units"]?.verdict != .cannotEvaluate)
        let badUnit = try #require(by["bad-unit"])
        #expect(badUnit.verdict == .cannotEvaluate)
        #expect(badUnit.reasons.joined().contains("99999"))
        let schools = try #require(by["schools"])
        #expect(schools.verdict == .doesNotHold)
        #expect(schools.shortfallCount == 3)
        #expect(abs((schools.measured ?? 0) - 40.0 / 43.0) < 1e-12)
        #expect(by["fibre-communes"]?.verdict == .doesNotHold)
        #expect(by["fibre-communes"]?.shortfalls.map(\.code) == ["10030"])
        // The 5G claim holds under some definitions only (hamlets share>=0.5 gives 0%).
        #expect(by["5g"]?.robustness.hasPrefix("holds under") == true)
        // Each distinct parameter set computed once: base + 3 other hamlet rules + planned.
        #expect(report.evaluations == 5)
        #expect(!report.allHold)
    }

    @Test func missingLayersCannotBeEvaluatedAndSayWhich() throws {
        let (_, store) = try FictionalStores.sparseStore()
        var auditor = try Auditor(store: store, base: CoverageParameters())
        let report = try auditor.audit(
            try AuditFixture.claims(
                """
                {"claims":[
                  {"id":"4g","text":"x","metric":"households","technologies":["4G"],"threshold":"90%"},
                  {"id":"hamlets","text":"x","metric":"hamlets","technologies":["fibre"],"threshold":"90%"},
                  {"id":"schools","text":"x","metric":"institutions","technologies":["fixed"],"filter":{"kind":"school"},"threshold":1}
                ]}
                """))
        for o in report.outcomes {
            #expect(o.verdict == .cannotEvaluate, "\(o.claim.id)")
            #expect(!o.reasons.isEmpty)
        }
        #expect(report.outcomes[0].reasons.joined().lowercased().contains("4g"))
        #expect(report.outcomes[2].reasons.joined().contains("no institutions of kind school"))
    }
}
