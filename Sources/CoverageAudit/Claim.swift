import CoverageModel
import Foundation

/// What a claim counts (see docs/CLAIMS.md).
public enum ClaimMetric: String, Sendable, Codable, Hashable, CaseIterable {
    /// Share of households (unit counts) covered.
    case households
    /// Share of persons covered.
    case population
    /// Share of hamlets covered under a hamlet rule.
    case hamlets
    /// Share of the land area covered.
    case area
    /// Share of institutions on fixed broadband.
    case institutions
    /// Share of communes meeting the technology condition.
    case communes
    /// Share of communes whose measured download (median or 10th percentile of the valid tests)
    /// reaches `mbps` (see `ClaimStatistic`).
    case download
}

/// How the measured value is compared with the threshold.
public enum Comparator: String, Sendable, Codable, Hashable, CaseIterable {
    case atLeast = ">="
    case greater = ">"
    case atMost = "<="
    case less = "<"
    case equal = "=="

    /// True when `value <comparator> threshold` holds (equality within 1e-9).
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        let eps = 1e-9
        switch self {
        case .atLeast: return value >= threshold - eps
        case .greater: return value > threshold + eps
        case .atMost: return value <= threshold + eps
        case .less: return value < threshold - eps
        case .equal: return abs(value - threshold) <= eps
        }
    }

    /// True when larger values are better for the claim (units below the threshold fall short).
    public var wantsMore: Bool { self == .atLeast || self == .greater || self == .equal }
}

/// Which units or institutions a claim is about.
public struct ClaimFilter: Sendable, Codable, Hashable {
    /// Institution kinds (school, health, state office, business); nil or empty: every kind.
    public var kinds: [InstitutionKind]?
    /// Commune codes to aggregate; nil or empty: the whole province.
    public var units: [String]?

    public init(kinds: [InstitutionKind]? = nil, units: [String]? = nil) {
        self.kinds = kinds
        self.units = units
    }

    enum CodingKeys: String, CodingKey { case kind, units }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let one = try? c.decode(String.self, forKey: .kind) {
            kinds = [try Self.kind(one, c.codingPath)]
        } else if let many = try c.decodeIfPresent([String].self, forKey: .kind) {
            kinds = try many.map { try Self.kind($0, c.codingPath) }
        }
        units = try c.decodeIfPresent([String].self, forKey: .units)
        if kinds?.isEmpty == true {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "filter.kind is an empty list; omit it to count every kind")
        }
        if units?.isEmpty == true {
            throw DecodingError.dataCorruptedError(
                forKey: .units, in: c, debugDescription: "filter.units is an empty list; omit it for every unit")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(kinds?.map(\.rawValue), forKey: .kind)
        try c.encodeIfPresent(units, forKey: .units)
    }

    private static func kind(_ text: String, _ path: [any CodingKey]) throws -> InstitutionKind {
        guard let k = InstitutionKind(lenient: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: path,
                    debugDescription: "unknown institution kind '\(text)'; use school, health, state office, business"))
        }
        return k
    }
}

/// A published claim, as data.
public struct Claim: Sendable, Codable, Hashable {
    /// A short identifier, unique in the file.
    public var id: String
    /// The original wording (any language).
    public var text: String
    public var metric: ClaimMetric
    /// Technologies combined with OR: "2G", "3G", "4G", "5G", "fibre" (and "fixed" for institutions).
    public var technologies: [String]
    public var filter: ClaimFilter?
    public var comparator: Comparator
    /// A fraction 0…1 (written as a number, or as a string like "99%").
    public var threshold: Double
    public var asOf: String?
    public var source: String?
    /// Free notes (e.g. the English translation).
    public var notes: String?
    /// Download claims: the speed a commune's statistic must reach, in Mbps.
    public var mbps: Double?
    /// Download claims: which statistic of the commune's valid tests (nil: the median).
    public var statistic: ClaimStatistic?
    /// Download claims: only this operator's tests (nil: every operator's).
    public var operatorName: String?

    public init(
        id: String, text: String, metric: ClaimMetric, technologies: [String], filter: ClaimFilter? = nil,
        comparator: Comparator, threshold: Double, asOf: String? = nil, source: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.text = text
        self.metric = metric
        self.technologies = technologies
        self.filter = filter
        self.comparator = comparator
        self.threshold = threshold
        self.asOf = asOf
        self.source = source
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case id, text, metric, technologies, filter, comparator, threshold, source, notes, mbps, statistic
        case asOf = "as_of"
        case operatorName = "operator"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        guard !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "claim id is empty")
        }
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        metric = try c.decode(ClaimMetric.self, forKey: .metric)
        technologies = try c.decodeIfPresent([String].self, forKey: .technologies) ?? []
        filter = try c.decodeIfPresent(ClaimFilter.self, forKey: .filter)
        comparator = try c.decodeIfPresent(Comparator.self, forKey: .comparator) ?? .atLeast
        if let number = try? c.decode(Double.self, forKey: .threshold) {
            threshold = number
        } else if let textValue = try? c.decode(String.self, forKey: .threshold) {
            guard let parsed = Claim.parseThreshold(textValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .threshold, in: c,
                    debugDescription: "threshold '\(textValue)' is neither a fraction nor a percentage")
            }
            threshold = parsed
        } else {
            guard c.contains(.threshold) else {
                throw DecodingError.keyNotFound(
                    CodingKeys.threshold, .init(codingPath: c.codingPath, debugDescription: "no threshold"))
            }
            throw DecodingError.dataCorruptedError(
                forKey: .threshold, in: c,
                debugDescription:
                    "threshold is not a finite number: write a fraction 0…1 (0.99) or a percentage string (\"99%\")")
        }
        guard threshold.isFinite, threshold >= 0, threshold <= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .threshold, in: c,
                debugDescription:
                    "threshold \(threshold) is outside 0…1; write a fraction (0.99) or a percentage string (\"99%\")")
        }
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        try decodeSpeedFields(c)
    }

    /// Parses "99%", "99.5 %" or "0.99".
    public static func parseThreshold(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") {
            t.removeLast()
            return Double(t.trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
        }
        return Double(t)
    }
}

/// A claims file: `{"claims": [...]}`.
public struct ClaimSet: Sendable, Codable, Hashable {
    public var claims: [Claim]

    public init(claims: [Claim]) { self.claims = claims }

    /// Reads and validates a claims file (unique ids, known technologies, the download fields).
    public static func load(path: String) throws -> ClaimSet {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ClaimError(message: "cannot read claims file \(path): \(error.localizedDescription)")
        }
        return try parse(data, source: path)
    }

    /// Parses and validates claims JSON; `source` names the file in messages.
    public static func parse(_ data: Data, source: String = "claims") throws -> ClaimSet {
        let set: ClaimSet
        do {
            set = try JSONDecoder().decode(ClaimSet.self, from: data)
        } catch let error as DecodingError {
            throw ClaimError(message: "\(source): \(ClaimError.describe(error))")
        }
        var seen: Set<String> = []
        for claim in set.claims {
            guard seen.insert(claim.id).inserted else {
                throw ClaimError(message: "\(source): claim id '\(claim.id)' appears twice")
            }
            do {
                try claim.validate()
            } catch let error as ClaimError {
                throw ClaimError(message: "\(source): claim '\(claim.id)': \(error.message)")
            }
        }
        return set
    }
}

/// A claims file that cannot be read or is not valid.
public struct ClaimError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }

    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing '\(key.stringValue)' at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx): return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        @unknown default: return "\(error)"
        }
    }
}
