import CoverageAudit
import Foundation

/// Claims for the audit tests (the stores are `FictionalStores` in CoverageTestSupport).
enum AuditFixture {
    /// A claim set parsed from JSON text.
    static func claims(_ json: String) throws -> ClaimSet { try ClaimSet.parse(Data(json.utf8)) }
}
