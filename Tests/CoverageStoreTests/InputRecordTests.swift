import CoverageFormats
import Testing

@testable import CoverageStore

/// `InputRecord.value` gives the same answer whether it compares a few names in turn or hashes many.
@Suite("InputRecord field lookup")
struct InputRecordTests {
    /// A record of `values` plus `padding` unrelated fields (enough of them to take the hashed path).
    static func record(_ values: [String: PropertyValue], padding: Int) -> InputRecord {
        var all = values
        for k in 0..<padding { all["unrelated_field_\(k)"] = .integer("\(k)") }
        return InputRecord(location: .feature(0), geometry: nil, values: all)
    }

    @Test("first present, non-null value among the names", arguments: [0, InputRecord.scannedProperties + 1])
    func firstPresentValue(_ padding: Int) {
        let r = Self.record(
            [
                "tech": .null, "radio": .string("LTE"), "operator_name_that_is_long": .string("x"), "": .integer("1"),
                String(repeating: "k", count: 70): .string("long"),
            ],
            padding: padding)
        #expect(r.value(FieldNames.technology) == .string("LTE"))
        #expect(r.value(["Operator_Name_That_Is_Long"]) == .string("x"))
        #expect(r.value([""]) == .integer("1"))
        #expect(r.value(["tech"]) == nil)
        #expect(r.value(["radi", "radios", "operator_name_that_is_lon"]) == nil)
        // Names of 63 bytes or more share one length bit: the names themselves still decide.
        #expect(r.value([String(repeating: "K", count: 70)]) == .string("long"))
        #expect(r.value([String(repeating: "k", count: 64), String(repeating: "k", count: 71)]) == nil)
    }

    /// Property names are lower-cased for lookups; names already lower-case ASCII are kept as they are.
    @Test(
        "property names lower-cased",
        arguments: [
            (["id": "1", "site_id": "s", "radius_m": "2"], ["id": "1", "site_id": "s", "radius_m": "2"]),
            (["ID": "1", "Tên": "x", "site": "s"], ["id": "1", "tên": "x", "site": "s"]),
            (["ÉTAT": "a", "b": "c"], ["état": "a", "b": "c"]),
            ([:], [:]),
        ])
    func propertyNamesLowerCased(_ given: [String: String], _ expected: [String: String]) {
        let out = lowered(given.mapValues { PropertyValue.string($0) })
        #expect(out == expected.mapValues { PropertyValue.string($0) })
    }
}
