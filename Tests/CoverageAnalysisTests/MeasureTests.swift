import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// `Measure`: its spellings, what it covers, and results keyed by it encoding as before.
@Suite struct MeasureTests {
    @Test func lenientSpellings() {
        #expect(Measure(lenient: " 4g ") == .g4)
        #expect(Measure(lenient: "4G+") == .g4plus)
        #expect(Measure(lenient: "Fiber") == .fibre)
        #expect(Measure(lenient: "FIBRE") == .fibre)
        #expect(Measure(lenient: "broadband") == .broadband)
        #expect(Measure(lenient: "lte") == nil)
        #expect(Measure(lenient: "4g plus") == nil)
        for g in Technology.allCases { #expect(Measure(g).generation == g && Measure(g).rawValue == g.rawValue) }
    }

    @Test func components() {
        #expect(Measure.g3.components(broadbandMinimum: .g4) == .init(generations: [.g3], fibre: false))
        #expect(Measure.g4plus.components(broadbandMinimum: .g2) == .init(generations: [.g4, .g5], fibre: false))
        #expect(Measure.fibre.components(broadbandMinimum: .g2) == .init(generations: [], fibre: true))
        #expect(
            Measure.broadband.components(broadbandMinimum: .g4) == .init(generations: [.g4, .g5], fibre: true))
        #expect(Measure.broadband.baseMeasures(broadbandMinimum: .g3) == [.fibre, .g3, .g4, .g5])
        #expect(Measure.allCases.filter(\.isMobile) == [.g2, .g3, .g4, .g5, .g4plus])
    }

    /// The evaluator's compiled rules agree with the definition, for every combination of layers.
    @Test func evaluatorFollowsComponents() {
        for minimum in Technology.allCases {
            var parameters = CoverageParameters()
            parameters.broadbandMinimum = minimum
            let evaluator = MeasureEvaluator(parameters: parameters)
            for layers in 0..<32 {
                var c = PointClass()
                for slot in 0..<4 where layers & (1 << slot) != 0 { c.addOperator(1 << UInt32(slot), slot: slot) }
                if layers & 16 != 0 { c.fibreMetres = 10 }
                for key in Measure.allCases {
                    let parts = key.components(broadbandMinimum: minimum)
                    let mask = parts.generations.reduce(UInt32(0)) { $0 | c.mask($1) }
                    let covered = mask != 0 || (parts.fibre && c.fibreMetres != nil)
                    let got = evaluator.evaluate(c, key)
                    #expect(got.covered == covered && got.operators == mask, "\(key.rawValue), layers \(layers)")
                }
            }
        }
    }

    /// Equality and hashing go by position: the same as by raw value, and every case hashes apart.
    @Test func positionHashing() {
        for (i, a) in Measure.allCases.enumerated() {
            #expect(a.ordinal == i)
            for b in Measure.allCases { #expect((a == b) == (a.rawValue == b.rawValue)) }
            #expect(a.hashValue == Measure(rawValue: a.rawValue)?.hashValue)
        }
        #expect(Set(Measure.allCases).count == Measure.allCases.count)
        let byKey = Dictionary(uniqueKeysWithValues: Measure.allCases.map { ($0, $0.rawValue) })
        for key in Measure.allCases { #expect(byKey[key] == key.rawValue) }
    }

    /// A dictionary keyed by measure encodes as an object keyed by the raw values, as `[String: …]` did.
    @Test func keyedResultsEncodeAsBefore() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let byMeasure: [Measure: Int] = [.g4: 1, .g4plus: 2, .fibre: 3, .broadband: 4, .g2: 5]
        let byString = Dictionary(uniqueKeysWithValues: byMeasure.map { ($0.key.rawValue, $0.value) })
        let ours = String(decoding: try encoder.encode(byMeasure), as: UTF8.self)
        #expect(ours == String(decoding: try encoder.encode(byString), as: UTF8.self))
        #expect(ours == #"{"2G":5,"4G":1,"4G+":2,"broadband":4,"fibre":3}"#)
        #expect(try JSONDecoder().decode([Measure: Int].self, from: Data(ours.utf8)) == byMeasure)
    }
}
