import CoverageAudit
import Foundation
import Testing

/// Claims that used to be misread (issue 13): empty filter lists, empty ids, non-finite thresholds.
@Suite struct ClaimValidationTests {
    private func claim(_ members: String) -> String {
        #"{"claims":[{"metric":"households","technologies":["4G"],"#
            + members + "}]}"
    }

    @Test(
        arguments: [
            (#""id":"a","threshold":0.5,"filter":{"units":[]}"#, "filter.units is an empty list"),
            (#""id":"a","threshold":0.5,"filter":{"kind":[]}"#, "filter.kind is an empty list"),
            (#""id":"","threshold":0.5"#, "claim id is empty"),
            (#""id":"  ","threshold":0.5"#, "claim id is empty"),
            (#""id":"a","threshold":1e999"#, "threshold is not a finite number"),
            (#""id":"a","threshold":-1e999"#, "threshold is not a finite number"),
            (#""id":"a","threshold":"inf%""#, "outside 0…1"),
            (#""id":"a","threshold":"nan""#, "outside 0…1"),
            (#""id":"a","threshold":[0.5]"#, "threshold is not a finite number"),
        ])
    func refusedWithAMessageThatSaysWhy(_ members: String, _ reason: String) {
        #expect {
            try ClaimSet.parse(Data(claim(members).utf8))
        } throws: { error in
            guard let e = error as? ClaimError else { return false }
            return e.message.contains(reason) && !e.message.contains("Expected to decode String")
        }
    }

    @Test func aMissingThresholdIsStillNamedAsMissing() {
        #expect {
            try ClaimSet.parse(Data(claim(#""id":"a""#).utf8))
        } throws: { error in
            (error as? ClaimError)?.message.contains("missing 'threshold'") == true
        }
    }

    @Test func nonEmptyFiltersStillParse() throws {
        let set = try ClaimSet.parse(Data(claim(#""id":"a","threshold":0.5,"filter":{"units":["01864"]}"#).utf8))
        #expect(set.claims[0].filter?.units == ["01864"])
    }
}
