import Foundation

/// Which statistic of a commune's valid download tests a `download` claim compares with its `mbps`.
public enum ClaimStatistic: String, Sendable, Codable, Hashable, CaseIterable {
    /// The median download.
    case median
    /// The 10th-percentile download (nine tests in ten are at least this fast).
    case p10

    /// The quantile level, 0.5 or 0.1.
    public var level: Double { self == .median ? 0.5 : 0.1 }

    /// "median" or "10th-percentile".
    public var label: String { self == .median ? "median" : "10th-percentile" }
}

extension Claim {
    /// The statistic a download claim uses (the median when not given).
    public var downloadStatistic: ClaimStatistic { statistic ?? .median }

    /// Reads `mbps`, `statistic` and `operator`, refusing values that cannot be meant.
    mutating func decodeSpeedFields(_ c: KeyedDecodingContainer<CodingKeys>) throws {
        if c.contains(.mbps) {
            guard let value = try? c.decode(Double.self, forKey: .mbps) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .mbps, in: c, debugDescription: "mbps is not a number: write the speed in Mbps (25)")
            }
            guard value.isFinite, value > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .mbps, in: c, debugDescription: "mbps \(value) must be a positive finite number of Mbps")
            }
            mbps = value
        }
        if let text = try c.decodeIfPresent(String.self, forKey: .statistic) {
            guard let s = ClaimStatistic(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .statistic, in: c, debugDescription: "unknown statistic '\(text)'; use median or p10")
            }
            statistic = s
        }
        if let name = try c.decodeIfPresent(String.self, forKey: .operatorName) {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: .operatorName, in: c, debugDescription: "operator is empty; omit it for every operator")
            }
            operatorName = name
        }
    }

    /// Checks the fields that depend on each other: the download fields only with metric `download`
    /// (where `mbps` is required, and technologies and `filter.kind` do not apply), and the technology
    /// set of every other metric.
    public func validate() throws {
        guard metric == .download else {
            for (name, given) in [
                ("mbps", mbps != nil), ("statistic", statistic != nil), ("operator", operatorName != nil),
            ]
            where given {
                throw ClaimError(message: "'\(name)' applies to metric download only")
            }
            _ = try ClaimMeasure(claim: self)
            return
        }
        guard mbps != nil else {
            throw ClaimError(
                message: "metric download needs 'mbps', the speed each commune's statistic must reach (e.g. 25)")
        }
        guard technologies.isEmpty else {
            throw ClaimError(
                message: "technologies do not apply to metric download (the statistic is over every valid test "
                    + "of the operator, whatever its technology); omit them")
        }
        guard filter?.kinds == nil else { throw ClaimError(message: "filter.kind applies to metric institutions only") }
    }
}
