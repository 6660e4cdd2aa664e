import CoverageAnalysis
import CoverageReport
import Foundation

/// The institutions part of `covaudit evidence`'s table: what each institution's probes measured.
enum EvidenceInstitutionsTable {
    /// The table (empty when no probe test names an institution) and a line on unattached probes.
    static func render(_ result: EvidenceResult) -> String {
        var text = ""
        if !result.institutions.isEmpty {
            var t = TextTable(
                [
                    "institution", "probe tests", "served", "share served", "median Mbps", "newest test (UTC)",
                    "evidence",
                ],
                numeric: [1, 2, 3, 4])
            for i in result.institutions {
                t.add([
                    i.institutionID, Formatting.grouped(i.tests), Formatting.grouped(i.passing),
                    i.tests > 0 ? Formatting.percent(Double(i.passing) / Double(i.tests)) : "—",
                    i.medianDownloadMbps.map { Formatting.fixed($0, 1) } ?? "—", i.newestTime.map(day) ?? "—",
                    i.strength.rawValue,
                ])
            }
            text += "\nInstitutions with probes (served = both speeds reach the served tier):\n" + t.render()
        }
        if result.unattachedProbeTests > 0 {
            text +=
                "\(result.unattachedProbeTests) probe tests name an institution id that is not stored (not attached).\n"
        }
        return text
    }

    /// "2025-12-31T08:00:00Z" for seconds since 1970.
    private static func day(_ seconds: Double) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: seconds))
    }
}
