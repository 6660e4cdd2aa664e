import CoverageAnalysis
import CoverageAudit
import CoverageFormats
import CoverageModel
import CoverageTestSupport
import Foundation
import Testing

@testable import CoverageReport

/// `ReportBundleJSONWriter` (coverage.json of the report folder) against the reference it replaced:
/// `ReportJSON.encode` over the `Encodable` conformances plus a newline, byte for byte.
@Suite struct ReportBundleJSONWriterTests {
    /// Expects the writer's bytes for `bundle` to equal the encoder's.
    static func expectIdentical(_ bundle: ReportBundle, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let want = Array(try ReportJSON.encode(bundle).utf8) + [UInt8(ascii: "\n")]
        let got = try ReportBundleJSONWriter.bytes(bundle)
        #expect(got == want, "\(ByteDifference.describe(got, want))", sourceLocation: sourceLocation)
    }

    /// The demo store's result as `report` runs it, and the audit of the demo claims.
    static func demo() throws -> (CoverageResult, AuditReport) {
        let (_, store) = try FictionalStores.demoStore()
        var parameters = CoverageParameters()
        parameters.operatorAreas = true
        let result = try CoverageAnalyzer(store: store, parameters: parameters).run()
        let claimsPath = FictionalStores.geoData.appendingPathComponent("claims.json").path
        var auditor = try Auditor(store: store, base: parameters, baseResult: result)
        return (result, try auditor.audit(try ClaimSet.load(path: claimsPath)))
    }

    @Test func theDemoResultWithItsAuditIsWrittenAsTheEncoderWritesIt() throws {
        let (result, audit) = try Self.demo()
        #expect(!audit.outcomes.isEmpty && !result.units.isEmpty)
        try Self.expectIdentical(ReportBundle(coverage: result, audit: audit))
    }

    @Test func aBundleWithoutAuditLeavesTheMemberOut() throws {
        let (result, _) = try Self.demo()
        try Self.expectIdentical(ReportBundle(coverage: result, audit: nil))
    }

    /// Names that need escaping (quote, backslash, slash, controls) and non-ASCII text, in the
    /// result and in the audit.
    @Test func escapedAndNonASCIITextIsWrittenAsTheEncoderWritesIt() throws {
        var (result, audit) = try Self.demo()
        let awkward = "Xã \"Minh\" Lương \\ 1/2\t\u{1}\u{7F} — 東 😀\u{2028}"
        result.units[0].name = awkward
        result.province.name = awkward + "/"
        result.notes.append(awkward)
        audit.outcomes[0].claim.text = awkward
        audit.outcomes[0].definition = awkward
        try Self.expectIdentical(ReportBundle(coverage: result, audit: audit))
    }
}
