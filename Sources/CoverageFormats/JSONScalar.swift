/// A scalar value written as a JSON property or a CSV field.
public enum JSONScalar: Hashable, Sendable {
    /// JSON `null` (an empty CSV field).
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written without a decimal point.
    case int(Int64)
    /// A double in its shortest round-trip form (non-finite values are written as `null`).
    case number(Double)
    /// A double with exactly `decimals` digits after the point (non-finite values become `null`).
    case fixed(Double, decimals: Int)
    /// A string, escaped as JSON (or quoted as CSV when needed).
    case string(String)

    /// An integer value from any `Int`.
    public static func integer(_ value: Int) -> JSONScalar { .int(Int64(value)) }
}

extension JSONScalar: ExpressibleByStringLiteral {
    /// A string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONScalar: ExpressibleByIntegerLiteral {
    /// An integer value from a literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONScalar: ExpressibleByBooleanLiteral {
    /// A boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
