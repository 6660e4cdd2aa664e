import CoverageModel
import Foundation

/// How a hamlet counts as covered.
public enum HamletRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// At least one of its locations is served.
    case any
    /// At least this fraction (0…1) of its households is served.
    case share(Double)
    /// Its representative point is served.
    case centroid

    /// Parses `any`, `centroid`, `share>=0.8` or `share>=80%`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "any": self = .any
        case "centroid": self = .centroid
        default:
            guard t.hasPrefix("share>=") else { return nil }
            var number = String(t.dropFirst("share>=".count))
            var scale = 1.0
            if number.hasSuffix("%") {
                number.removeLast()
                scale = 0.01
            }
            guard let v = Double(number).map({ $0 * scale }), v > 0, v <= 1 else { return nil }
            self = .share(v)
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .centroid: "centroid"
        case .share(let x): "share>=\(x)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let rule = HamletRule(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bad hamlet rule \(text)"))
        }
        self = rule
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The level results are reported at.
public enum Grouping: String, Sendable, Codable, CaseIterable {
    case province, commune, hamlet
}

/// Every definition a coverage run depends on; reported with the results.
public struct CoverageParameters: Sendable, Codable, Hashable {
    /// The admin vintage whose communes are the units (nil: the newest vintage in the store).
    public var vintage: String?
    public var grouping: Grouping = .commune
    /// The measures to report.
    public var technologies: [Measure] = Measure.allCases
    /// Only this operator's coverage and routes count (nil: any operator, i.e. the union).
    public var operatorName: String?
    /// Fibre drop distance in metres.
    public var fibreDistanceMetres: Double = 500
    /// Count planned routes and nodes as fibre.
    public var includePlanned = false
    public var hamletRule: HamletRule = .any
    /// The weakest mobile generation that counts as broadband.
    public var broadbandMinimum: Technology = .g3
    /// The measure whose gaps (uncovered clusters and areas) are computed.
    public var gapTechnology: Measure = .broadband
    /// Uncovered locations closer than this are in one gap cluster.
    public var gapLinkMetres: Double = 500
    /// Compute area shares (ellipsoidal, integrated in Swift); off skips the area work.
    public var computeAreas = true
    /// The measures whose area shares are computed (nil: every reported measure). Fibre reach and
    /// broadband cost the most (round buffers).
    public var areaTechnologies: [Measure]?
    /// Also compute each operator's area share per mobile measure of `areaMeasures` (needs `computeAreas`).
    public var operatorAreas = false
    /// Also compute the uncovered-area polygons of the gap measure (GEOS; needs `computeAreas`).
    public var gapAreas = false
    /// Institutions count as connected from this evidence grade up.
    public var minimumEvidence: EvidenceGrade = .declared
    /// Institutions count as connected only with a measured speed at least this (Mbps), when set.
    public var minimumSpeedMbps: Double?
    /// Store per-location results in `location_coverage`.
    public var storeLocationResults = true

    public init() {}

    /// The measures that get an area share.
    public var areaMeasures: [Measure] {
        guard computeAreas else { return [] }
        return areaTechnologies.map { keys in technologies.filter(keys.contains) } ?? technologies
    }

    enum CodingKeys: String, CodingKey {
        case vintage, grouping, technologies
        case operatorName = "operator"
        case fibreDistanceMetres = "fibre_distance_m"
        case includePlanned = "include_planned"
        case hamletRule = "hamlet_rule"
        case broadbandMinimum = "broadband_minimum"
        case gapTechnology = "gap_technology"
        case gapLinkMetres = "gap_link_m"
        case computeAreas = "compute_areas"
        case gapAreas = "gap_areas"
        case operatorAreas = "operator_areas"
        case areaTechnologies = "area_technologies"
        case minimumEvidence = "minimum_evidence"
        case minimumSpeedMbps = "minimum_speed_mbps"
        case storeLocationResults = "store_location_results"
    }
}
