import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@Suite struct ClaimsTests {
    @Test func parsesThresholdsAsFractionsOrPercentages() throws {
        let set = try AuditFixture.claims(
            """
            {"claims":[
              {"id":"a","text":"99% hộ","metric":"households","technologies":["fibre","3G","4G"],"comparator":">=","threshold":"99%"},
              {"id":"b","text":"x","metric":"institutions","technologies":["fixed"],"filter":{"kind":"school"},"comparator":">=","threshold":1},
              {"id":"c","text":"x","metric":"communes","technologies":["fibre"],"threshold":0.95,"as_of":"2024-12-31","source":"s"}
            ]}
            """)
        #expect(set.claims.map(\.threshold) == [0.99, 1, 0.95])
        #expect(set.claims[1].filter?.kinds == [.school])
        #expect(set.claims[2].comparator == .atLeast)
        #expect(set.claims[2].asOf == "2024-12-31")
    }

    @Test func mapsTechnologySetsOntoMeasures() throws {
        func measure(_ techs: [String]) throws -> ClaimMeasure {
            try ClaimMeasure(
                claim: Claim(
                    id: "x", text: "", metric: .households, technologies: techs, comparator: .atLeast, threshold: 0.5))
        }
        #expect(try measure(["fibre", "3G", "4G"]).key == .broadband)
        #expect(try measure(["fibre", "3G", "4G"]).broadbandMinimum == .g3)
        #expect(try measure(["fibre", "4G"]).broadbandMinimum == .g4)
        #expect(try measure(["4G", "5G"]).key == .g4plus)
        #expect(try measure(["5G"]).key == .g5)
        #expect(try measure(["fiber"]).key == .fibre)
        #expect(throws: ClaimError.self) { try measure(["3G", "4G"]) }
        #expect(throws: ClaimError.self) { try measure(["6G"]) }
    }

    @Test func rejectsBadFilesWithTheClaimNamed() {
        #expect(throws: ClaimError.self) {
            try AuditFixture.claims(
                #"{"claims":[{"id":"a","metric":"households","technologies":["4G"],"threshold":"lots"}]}"#)
        }
        #expect(throws: ClaimError.self) {
            try AuditFixture.claims(
                #"{"claims":[{"id":"a","metric":"households","technologies":["4G"],"threshold":99}]}"#)
        }
        do {
            _ = try AuditFixture.claims(
                #"""
                {"claims":[{"id":"a","metric":"households","technologies":["4G"],"threshold":0.5},
                           {"id":"a","metric":"households","technologies":["4G"],"threshold":0.5}]}
                """#)
            Issue.record("duplicate id accepted")
        } catch let e as ClaimError {
            #expect(e.message.contains("'a' appears twice"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try AuditFixture.claims(
                #"{"claims":[{"id":"z","metric":"households","technologies":["LTE-X"],"threshold":0.5}]}"#)
            Issue.record("unknown technology accepted")
        } catch let e as ClaimError {
            #expect(e.message.contains("claim 'z'") && e.message.contains("LTE-X"))
        } catch { Issue.record("\(error)") }
    }

    @Test func demoClaimsFileIsValid() throws {
        let set = try ClaimSet.load(path: FictionalStores.geoData.appendingPathComponent("claims.json").path)
        #expect(set.claims.count == 5)
    }
}
