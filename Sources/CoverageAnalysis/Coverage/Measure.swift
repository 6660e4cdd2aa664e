import CoverageModel
import Foundation

/// A measure a coverage figure is computed for: one mobile generation, 4G+ (4G or 5G), fibre reach or
/// broadband (fibre reach or a minimum mobile generation or better).
///
/// The one place that knows a measure's spellings, its names and what it covers; results are keyed
/// by it. The raw value is the key written in every output ("2G", "4G+", "fibre", "broadband"), and
/// a dictionary keyed by it encodes as an object keyed by that raw value (`CodingKeyRepresentable`).
public enum Measure: String, Sendable, CaseIterable, Codable, Hashable, CodingKeyRepresentable {
    case g2 = "2G"
    case g3 = "3G"
    case g4 = "4G"
    case g5 = "5G"
    /// 4G or 5G (4G ∪ 5G).
    case g4plus = "4G+"
    /// Within the fibre drop distance of an active fibre route or node.
    case fibre
    /// Fibre reach, or mobile coverage of the broadband minimum generation (3G) or better.
    case broadband

    /// The measure of one mobile generation.
    public init(_ generation: Technology) {
        switch generation {
        case .g2: self = .g2
        case .g3: self = .g3
        case .g4: self = .g4
        case .g5: self = .g5
        }
    }

    /// Parses "4g", "4G+", "fibre"/"fiber", "broadband" case-insensitively, ignoring surrounding spaces.
    public init?(lenient text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "fiber" {
            self = .fibre
            return
        }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == t }) else { return nil }
        self = match
    }

    /// The single mobile generation, for 2G…5G.
    public var generation: Technology? {
        switch self {
        case .g2: .g2
        case .g3: .g3
        case .g4: .g4
        case .g5: .g5
        default: nil
        }
    }

    /// True for the measures made of mobile coverage only (2G…5G and 4G+): those with operators.
    public var isMobile: Bool { generation != nil || self == .g4plus }

    /// The base layers a measure unions: mobile generations (ascending) and fibre reach.
    public struct Components: Sendable, Hashable {
        /// The mobile generations whose coverage counts, ascending.
        public var generations: [Technology]
        /// Fibre reach counts.
        public var fibre: Bool
    }

    /// What the measure covers: the generations and whether fibre reach counts; broadband counts
    /// `broadbandMinimum` and every newer generation.
    public func components(broadbandMinimum: Technology) -> Components {
        switch self {
        case .g2, .g3, .g4, .g5: Components(generations: generation.map { [$0] } ?? [], fibre: false)
        case .g4plus: Components(generations: [.g4, .g5], fibre: false)
        case .fibre: Components(generations: [], fibre: true)
        case .broadband:
            Components(generations: Technology.allCases.filter { $0 >= broadbandMinimum }, fibre: true)
        }
    }

    /// The base measures (one per layer) the measure unions, fibre first, then the generations ascending.
    public func baseMeasures(broadbandMinimum: Technology) -> [Measure] {
        let c = components(broadbandMinimum: broadbandMinimum)
        return (c.fibre ? [.fibre] : []) + c.generations.map(Measure.init)
    }

    /// A column-name prefix: "g4", "g4plus", "fibre", "broadband".
    public var columnPrefix: String {
        switch self {
        case .g2: "g2"
        case .g3: "g3"
        case .g4: "g4"
        case .g5: "g5"
        case .g4plus: "g4plus"
        case .fibre: "fibre"
        case .broadband: "broadband"
        }
    }

    /// The case's position in `allCases`: what equality and hashing use, instead of the raw value's
    /// characters (a dictionary keyed by measures hashes an integer, not a string).
    @inline(__always)
    var ordinal: Int {
        switch self {
        case .g2: 0
        case .g3: 1
        case .g4: 2
        case .g5: 3
        case .g4plus: 4
        case .fibre: 5
        case .broadband: 6
        }
    }

    /// Same case, compared by position (equal exactly when the raw values are equal).
    public static func == (a: Measure, b: Measure) -> Bool { a.ordinal == b.ordinal }

    /// Hashes the case's position (the default of a `String`-backed enum hashes the raw value's characters).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// A readable English description: "broadband (fibre or 3G+)", "4G+ (4G or 5G)", "4G".
    public func label(broadbandMinimum: Technology?) -> String {
        switch self {
        case .broadband: "broadband (fibre or \(broadbandMinimum?.rawValue ?? "3G")+)"
        case .g4plus: "4G+ (4G or 5G)"
        default: rawValue
        }
    }
}
