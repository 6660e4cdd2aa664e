/// The size of a generated synthetic territory.
public enum Scale: String, Sendable, CaseIterable {
    case demo, province, national
}
