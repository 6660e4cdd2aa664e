import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

/// An audit of a claim set computes its parameter sets together first (`Auditor.prepare`); the
/// outcomes must equal those of auditing each claim on its own, where every parameter set is a
/// separate `CoverageAnalyzer.evaluate()` run.
@Suite struct AuditPreparedTests {
    /// The verdict tests' claims, plus a broadband claim with a 4G minimum (another base), a
    /// fibre-only households claim and a download claim (no coverage run).
    static let claimsJSON = """
        {"claims":[
          {"id":"5g","text":"x","metric":"households","technologies":["5G"],"comparator":">","threshold":0},
          {"id":"bb99","text":"x","metric":"households","technologies":["fibre","3G","4G"],"threshold":"99%"},
          {"id":"bb4g","text":"x","metric":"area","technologies":["fibre","4G"],"threshold":"50%"},
          {"id":"fibre-hh","text":"x","metric":"population","technologies":["fibre"],"threshold":"80%"},
          {"id":"bad-unit","text":"x","metric":"households","technologies":["4G"],"threshold":"50%","filter":{"units":["99999"]}},
          {"id":"schools","text":"x","metric":"institutions","technologies":["fixed"],"filter":{"kind":"school"},"threshold":1},
          {"id":"fibre-communes","text":"x","metric":"communes","technologies":["fibre"],"threshold":"95%"},
          {"id":"hamlets-4g","text":"x","metric":"hamlets","technologies":["4G"],"threshold":"40%"},
          {"id":"speed","text":"x","metric":"download","mbps":25,"threshold":"50%"}
        ]}
        """

    static func encoded(_ outcomes: [ClaimOutcome]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try outcomes.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }

    @Test func preparedAuditEqualsClaimByClaim() throws {
        let (_, store) = try FictionalStores.demoStore()
        let claims = try AuditFixture.claims(Self.claimsJSON)
        var together = try Auditor(store: store, base: CoverageParameters())
        var messages: [String] = []
        together.progress = { messages.append($0) }
        let report = try together.audit(claims)
        var alone = try Auditor(store: store, base: CoverageParameters())
        let outcomes = try claims.claims.map { try alone.audit($0) }
        #expect(try Self.encoded(report.outcomes) == Self.encoded(outcomes))
        #expect(report.evaluations == alone.evaluations)
        #expect(together.warnings == alone.warnings)
        // Base and 4G-minimum bases, three other hamlet rules each, planned routes for both.
        #expect(report.evaluations == 10)
        // Every evaluation was announced before the first claim was audited (none computed late).
        let firstClaim = try #require(messages.firstIndex { $0.hasPrefix("audit: claim") })
        #expect(messages.filter { $0.hasPrefix("audit: evaluating") }.count == report.evaluations)
        #expect(messages[firstClaim...].allSatisfy { !$0.hasPrefix("audit: evaluating") })
    }

    @Test func downloadClaimsAloneRunNoCoverage() throws {
        let (_, store) = try FictionalStores.demoStore()
        var auditor = try Auditor(store: store, base: CoverageParameters())
        let report = try auditor.audit(
            try AuditFixture.claims(
                #"{"claims":[{"id":"speed","text":"x","metric":"download","mbps":25,"threshold":"50%"}]}"#))
        #expect(report.evaluations == 0)
        #expect(report.outcomes.first?.verdict == .cannotEvaluate)
    }
}
