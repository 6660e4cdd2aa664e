import CoverageModel
import CoverageStore

/// Unit statistics for the run's vintage, directly or rolled up from an older vintage via the crosswalk.
enum CensusRollup {
    static func figures(_ store: ReadSnapshot, vintage: String, codes: [String]) throws -> [String: CensusFigures] {
        let direct = try store.unitStatistics(vintage: vintage)
        if !direct.isEmpty {
            var out: [String: CensusFigures] = [:]
            for code in codes {
                guard let s = direct[code] else { continue }
                out[code] = CensusFigures(
                    vintage: vintage, households: s.households.map(Double.init), persons: s.persons.map(Double.init),
                    method: "direct")
            }
            return out
        }
        let withStats = Set(try store.statisticsVintages())
        for old in try store.crosswalkSources(to: vintage) where withStats.contains(old) {
            let stats = try store.unitStatistics(vintage: old)
            var households: [String: Double] = [:]
            var persons: [String: Double] = [:]
            for link in try store.crosswalk(from: old, to: vintage) {
                guard let s = stats[link.oldCode] else { continue }
                if let h = s.households { households[link.newCode, default: 0] += Double(h) * link.share }
                if let p = s.persons { persons[link.newCode, default: 0] += Double(p) * link.share }
            }
            var out: [String: CensusFigures] = [:]
            for code in codes where households[code] != nil || persons[code] != nil {
                out[code] = CensusFigures(
                    vintage: vintage, households: households[code], persons: persons[code],
                    method: "crosswalk from \(old)")
            }
            return out
        }
        return [:]
    }
}
