import CoverageAnalysis

/// Share computations over a set of units (the province row, or a list of communes summed).
enum UnitAggregate {
    /// The figure a unit-based metric reads from one measure.
    enum Figure: Hashable, Sendable {
        case households, persons, hamlets, area
        /// Fibre households within reach along the route network (strict method).
        case networkHouseholds
    }

    /// The share of `figure` for measure `key` over `units` (nil when the denominator is 0 or unknown).
    static func share(_ units: [UnitFigures], key: Measure, figure: Figure) -> Double? {
        var num = 0.0
        var den = 0.0
        for u in units {
            let m = u.coverage[key]
            switch figure {
            case .households:
                num += Double(m?.households ?? 0)
                den += Double(u.households)
            case .persons:
                num += Double(m?.persons ?? 0)
                den += Double(u.persons)
            case .hamlets:
                guard let covered = m?.hamletsCovered, let total = u.hamlets else { continue }
                num += Double(covered)
                den += Double(total)
            case .area:
                guard let share = m?.areaShare, let km2 = u.areaKm2 else { return nil }
                num += share * km2
                den += km2
            case .networkHouseholds:
                guard let n = m?.networkHouseholds else { return nil }
                num += Double(n)
                den += Double(u.households)
            }
        }
        return den > 0 ? num / den : nil
    }

    /// The province row when no unit filter applies (exact, includes hamlets not placed in a commune),
    /// else the filtered communes.
    static func scope(_ result: CoverageResult, units codes: [String]?) -> [UnitFigures] {
        guard let codes, !codes.isEmpty else { return [result.province] }
        let wanted = Set(codes)
        return result.units.filter { wanted.contains($0.code) }
    }
}
