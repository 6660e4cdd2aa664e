import Foundation

/// Parses a case from a user-supplied string, ignoring case and surrounding spaces.
public protocol LenientlyParsable: RawRepresentable, CaseIterable where RawValue == String {}

extension LenientlyParsable {
    /// The case whose raw value or alias equals `text` ignoring case, or nil.
    public init?(lenient text: String) {
        // The exact spelling first (no raw values of one type differ only in case): 10 M imported rows
        // spell their vocabulary exactly, and trimming through Foundation costs more than the rest.
        if let exact = Self(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            return nil
        }
        self = match
    }

    /// The accepted spellings, for error messages.
    public static var spellings: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A mobile radio technology generation.
public enum Technology: String, Hashable, Sendable, CaseIterable, Codable, Comparable, LenientlyParsable {
    case g2 = "2G"
    case g3 = "3G"
    case g4 = "4G"
    case g5 = "5G"

    /// Maps OpenCelliD radio names (GSM, UMTS, CDMA, LTE, NR) to a generation.
    public init?(openCellID radio: String) {
        switch radio.uppercased() {
        case "GSM": self = .g2
        case "UMTS", "CDMA": self = .g3
        case "LTE": self = .g4
        case "NR", "NBIOT": self = radio.uppercased() == "NR" ? .g5 : .g4
        default: return nil
        }
    }

    public static func < (a: Technology, b: Technology) -> Bool { a.rawValue < b.rawValue }
}

/// The physical medium of a transmission route.
public enum Medium: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case fibre, microwave, copper
}

/// The network level of a transmission route.
public enum RouteLevel: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case backbone
    case intraProvince = "intra-province"
    case access
}

/// Whether infrastructure is in service or only planned.
public enum InfrastructureStatus: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case active, planned
}

/// The kind of a network node.
public enum NodeKind: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case pop, olt, splice, cabinet
}

/// The kind of an institution.
public enum InstitutionKind: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case school, health
    case stateOffice = "state office"
    case business
}

/// An institution's recorded connection.
public enum ConnectionKind: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case fibre, fixed, mobile, none, unknown

    /// True for fixed broadband (fibre or other fixed line).
    public var isFixedBroadband: Bool { self == .fibre || self == .fixed }
}

/// How well a recorded connection is evidenced, from weakest to strongest.
public enum EvidenceGrade: String, Hashable, Sendable, CaseIterable, Codable, Comparable, LenientlyParsable {
    case declared, contract, measured

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: EvidenceGrade, b: EvidenceGrade) -> Bool { a.rank < b.rank }
}

/// Where a coverage area comes from.
public enum CoverageSource: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case declared, predicted, measured
}

/// The kind of a location (household point).
public enum LocationKind: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case residential, institution, business
}

/// The level of an administrative unit.
public enum AdminLevel: String, Hashable, Sendable, CaseIterable, Codable, LenientlyParsable {
    case province, district, commune
}
