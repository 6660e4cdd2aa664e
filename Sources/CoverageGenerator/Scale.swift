/// The size of a generated synthetic territory.
public enum Scale: String, Sendable, CaseIterable, Codable {
    case demo, province, national
}
