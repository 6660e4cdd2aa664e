import Testing

@testable import CoverageModel

/// Lenient parsing tries the exact raw value first; that is the same answer as the case-insensitive
/// search only while no two raw values of a type differ in case alone.
@Suite struct LenientParsingTests {
    static func lowerCasedRaws<T: LenientlyParsable>(_ type: T.Type) -> (Int, Int) {
        (T.allCases.count, Set(T.allCases.map { $0.rawValue.lowercased() }).count)
    }

    static let types: [(String, (Int, Int))] = [
        ("MeasurementSource", lowerCasedRaws(MeasurementSource.self)),
        ("TestEnvironment", lowerCasedRaws(TestEnvironment.self)),
        ("SpeedTileKind", lowerCasedRaws(SpeedTileKind.self)), ("Technology", lowerCasedRaws(Technology.self)),
        ("Medium", lowerCasedRaws(Medium.self)), ("RouteLevel", lowerCasedRaws(RouteLevel.self)),
        ("InfrastructureStatus", lowerCasedRaws(InfrastructureStatus.self)),
        ("NodeKind", lowerCasedRaws(NodeKind.self)), ("InstitutionKind", lowerCasedRaws(InstitutionKind.self)),
        ("ConnectionKind", lowerCasedRaws(ConnectionKind.self)),
        ("EvidenceGrade", lowerCasedRaws(EvidenceGrade.self)),
        ("CoverageSource", lowerCasedRaws(CoverageSource.self)),
        ("LocationKind", lowerCasedRaws(LocationKind.self)), ("AdminLevel", lowerCasedRaws(AdminLevel.self)),
    ]

    @Test(arguments: types.map(\.0))
    func rawValuesDifferBeyondCase(name: String) throws {
        let (cases, distinct) = try #require(Self.types.first { $0.0 == name }?.1)
        #expect(cases == distinct)
    }

    /// Exact, padded and differently cased spellings parse to the same case; others do not parse.
    @Test func spellings() {
        #expect(Technology(lenient: "4G") == .g4 && Technology(lenient: " 4g ") == .g4)
        #expect(MeasurementSource(lenient: "Crowd-App") == .crowdApp && MeasurementSource(lenient: "app") == nil)
    }
}
