import CoverageAnalysis
import Testing

@testable import CoverageReport

/// The run's column names made once (``UnitColumnNames``) against the names spelled out per measure
/// and operator, as `UnitColumns` made them for every unit before.
@Suite struct UnitColumnNamesTests {
    static let operatorSets: [[String]] = [
        [], ["Viettel"], ["Viettel", "MobiFone", "Vinaphone"], ["Đông Á", "x-y z", "ĐẶC BIỆT 5"],
    ]

    @Test(arguments: operatorSets)
    func namesMatchThePerUnitSpelling(_ operators: [String]) {
        let measures = Measure.allCases
        let names = UnitColumnNames(measures: measures, operators: operators)
        var expected: [String] = []
        for key in measures {
            let p = key.columnPrefix
            expected += [
                "available", "households", "household_share", "persons", "person_share", "area_share",
                "hamlet_share",
            ].map { "\(p)_\($0)" }
            if key == .fibre { expected.append("fibre_network_household_share") }
            if key.generation != nil || key == .g4plus, !operators.isEmpty {
                expected.append("\(p)_households_multi_operator")
                for op in operators {
                    let s = UnitColumns.slug(op)
                    expected += ["\(p)_op_\(s)_households", "\(p)_op_\(s)_household_share", "\(p)_op_\(s)_area_share"]
                }
            }
        }
        var made: [String] = []
        for n in names.measures {
            made += [n.available, n.households, n.householdShare, n.persons, n.personShare, n.areaShare, n.hamletShare]
            if n.key == .fibre { made.append("fibre_network_household_share") }
            if let multi = n.multiOperator {
                made.append(multi)
                for o in n.operators { made += [o.households, o.householdShare, o.areaShare] }
            }
        }
        #expect(made == expected)
        #expect(names.count == 14 + expected.count)
    }

    @Test func slugsFoldDiacritics() {
        #expect(UnitColumns.slug("Đông Á") == "dong_a")
        #expect(UnitColumns.slug("MobiFone") == "mobifone")
    }
}
