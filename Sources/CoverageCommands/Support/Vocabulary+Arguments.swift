import ArgumentParser
import CoverageModel
import CoverageStore

extension Layer: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}

/// Vocabulary enums parse from the command line leniently (case-insensitive).
extension ExpressibleByArgument where Self: LenientlyParsable {
    public init?(argument: String) { self.init(lenient: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Technology: ExpressibleByArgument {}
extension Medium: ExpressibleByArgument {}
extension InfrastructureStatus: ExpressibleByArgument {}
extension RouteLevel: ExpressibleByArgument {}
extension CoverageSource: ExpressibleByArgument {}
extension NodeKind: ExpressibleByArgument {}
extension InstitutionKind: ExpressibleByArgument {}
extension ConnectionKind: ExpressibleByArgument {}
extension EvidenceGrade: ExpressibleByArgument {}
extension AdminLevel: ExpressibleByArgument {}
extension MeasurementSource: ExpressibleByArgument {}
extension SpeedTileKind: ExpressibleByArgument {}
