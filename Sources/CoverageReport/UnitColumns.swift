import CoverageAnalysis
import CoverageFormats
import Foundation

/// Flattens unit figures into ordered (column, value) pairs: one CSV row or GeoJSON properties.
public enum UnitColumns {
    /// The columns for a unit, measures in the run's order; mobile measures get one pair of columns per
    /// operator of `operators` (households, share, area share) and the households covered by two or more
    /// operators (the wide form).
    public static func columns(_ u: UnitFigures, measures: [Measure], operators: [String] = [])
        -> [(String, JSONScalar)]
    {
        columns(u, names: UnitColumnNames(measures: measures, operators: operators))
    }

    /// The columns for a unit with the run's column names made beforehand (once for every unit).
    public static func columns(_ u: UnitFigures, names: UnitColumnNames) -> [(String, JSONScalar)] {
        var out: [(String, JSONScalar)] = [
            ("level", .string(u.level)), ("code", .string(u.code)), ("name", .string(u.name)),
            ("parent_code", u.parentCode.map(JSONScalar.string) ?? .null),
            ("locations", .integer(u.locations)), ("households", .integer(u.households)),
            ("persons", .integer(u.persons)), ("area_km2", fixed(u.areaKm2, 3)),
            ("hamlets", u.hamlets.map(JSONScalar.integer) ?? .null),
        ]
        out.reserveCapacity(names.count)
        for n in names.measures {
            // A measure without data has empty counts and shares, never 0.
            let m = u.coverage[n.key].flatMap { $0.available ? $0 : nil }
            out += [
                (n.available, .bool(m != nil)),
                (n.households, m.map { .integer($0.households) } ?? .null),
                (n.householdShare, fixed(m?.householdShare, 6)),
                (n.persons, m.map { .integer($0.persons) } ?? .null),
                (n.personShare, fixed(m?.personShare, 6)),
                (n.areaShare, fixed(m?.areaShare, 6)),
                (n.hamletShare, fixed(m?.hamletShare, 6)),
            ]
            if n.key == .fibre {
                out.append(("fibre_network_household_share", fixed(m?.networkHouseholdShare, 6)))
            }
            if let multi = n.multiOperator {
                out.append((multi, m?.householdsMultiOperator.map { .integer($0) } ?? .null))
                for (op, o) in zip(names.operators, n.operators) {
                    let f = m?.operators?[op]
                    out += [
                        (o.households, f.map { .integer($0.households) } ?? .null),
                        (o.householdShare, fixed(f?.householdShare, 6)),
                        (o.areaShare, fixed(f?.areaShare, 6)),
                    ]
                }
            }
        }
        let fibre = u.coverage[.fibre]?.available == false ? nil : u.fibre
        out += [
            ("has_fibre", fibre.map { .bool($0.hasFibre) } ?? .null),
            ("fibre_route_km", fixed(fibre?.routeLengthKm, 3)),
            ("fibre_centre_distance_m", fixed(fibre?.centreDistanceM, 1)),
            ("census_households", fixed(u.census?.households, 1)),
            ("census_persons", fixed(u.census?.persons, 1)),
        ]
        return out
    }

    /// A column-name prefix for a measure: "g4", "g4plus", "fibre", "broadband" (`Measure.columnPrefix`).
    public static func columnPrefix(_ key: Measure) -> String { key.columnPrefix }

    /// An operator name as a column-name part: lower-case ASCII letters and digits, "_" otherwise.
    public static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "đ", with: "d")
        return String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    static func fixed(_ v: Double?, _ decimals: Int) -> JSONScalar {
        v.map { .fixed($0, decimals: decimals) } ?? .null
    }
}
