import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// `EvidenceTotals`: every commune's tests pooled per operator, checked against the tests themselves
/// (brute-force classification of `EvidenceClassificationTests`) and against the commune rows' sums.
@Suite struct EvidenceTotalsTests {
    typealias F = EvidenceFixture

    @Test func pooledRowsAreTheSumsOfTheCommunesAndThePooledTestsMedian() throws {
        let tests = EvidenceClassificationTests.randomTests()
        let parameters = EvidenceParameters()
        let inputs = EvidenceInputs(communes: F.communes, coverage: F.coverage, measurements: tests)
        let result = try EvidenceAnalysis.run(inputs, parameters: parameters, asOf: F.asOf)
        let totals = try EvidenceTotals.rows(inputs, parameters: parameters, asOf: F.asOf)
        #expect(totals.map(\.operatorName) == [nil] + result.operators.map(Optional.some))
        for row in totals {
            let op = row.operatorName
            #expect(row.communeCode == EvidenceTotals.code)
            let communes = result.rows.filter { $0.operatorName == op }
            #expect(row.tests == communes.reduce(0) { $0 + $1.tests }, "\(op ?? "all")")
            #expect(row.valid == communes.reduce(0) { $0 + $1.valid })
            #expect(row.insideDeclared == communes.reduce(0) { $0 + $1.insideDeclared })
            #expect(row.insidePassing == communes.reduce(0) { $0 + $1.insidePassing })
            // The median of the valid downloads of the tests in either commune, computed here.
            let downloads = tests.filter { m in
                (F.communeA.contains(m.position) || F.communeB.contains(m.position))
                    && (op == nil || m.operatorName == op)
                    && EvidenceClassificationTests.expected(m, parameters).reason == nil
            }.compactMap(\.downloadMbps).sorted()
            let n = downloads.count
            try #require(n > 10)
            let median = n % 2 == 1 ? downloads[n / 2] : (downloads[n / 2 - 1] + downloads[n / 2]) / 2
            #expect(abs((row.medianDownloadMbps ?? .nan) - median) < 1e-9, "\(op ?? "all")")
        }
    }

    @Test func noCommunesNoTotals() throws {
        let inputs = EvidenceInputs(communes: [], coverage: F.coverage, measurements: [])
        #expect(try EvidenceTotals.rows(inputs, parameters: EvidenceParameters(), asOf: F.asOf).isEmpty)
    }
}
