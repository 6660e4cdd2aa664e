import CoverageModel
import Foundation

/// Per-institution figures from the probe tests attached to institutions (definitions in
/// docs/DEFINITIONS.md, "Measured evidence", probes).
enum InstitutionProbes {
    /// What the probes say per institution, by id ascending, and the probe tests whose institution id
    /// is not in `stored` (none are when `stored` is nil).
    static func evidence(
        _ tests: EvidenceTestSet, judge: TestJudge, parameters: EvidenceParameters, stored: Set<String>?
    ) -> (institutions: [InstitutionEvidence], unattachedTests: Int) {
        struct Tally {
            var tests = 0
            var passing = 0
            var stale = 0
            var downloads: [Double] = []
            var newest: Double?
        }
        var tallies = [Tally?](repeating: nil, count: tests.institutionIDs.count)
        var unattached = 0
        for link in tests.institutionLinks {
            let i = Int(link.institution)
            if let stored, !stored.contains(tests.institutionIDs[i]) {
                unattached += 1
                continue
            }
            var t = tallies[i] ?? Tally()
            let r = tests.records[link.test]
            let j = judge.judgeProbe(r)
            if j.exclusion == .stale { t.stale += 1 }
            if j.exclusion == nil {
                t.tests += 1
                if j.served { t.passing += 1 }
                t.downloads.append(r.downloadMbps)
                t.newest = max(t.newest ?? -.infinity, r.time)
            }
            tallies[i] = t
        }
        let institutions = tallies.indices.compactMap { i -> InstitutionEvidence? in
            guard let t = tallies[i] else { return nil }
            return InstitutionEvidence(
                institutionID: tests.institutionIDs[i], tests: t.tests, passing: t.passing,
                medianDownloadMbps: EvidenceStatistics.quantile(t.downloads, 0.5), newestTime: t.newest,
                strength: EvidenceStrength.judge(
                    passing: t.passing, of: t.tests, stale: t.stale, parameters: parameters))
        }
        return (institutions.sorted { $0.institutionID < $1.institutionID }, unattached)
    }
}
