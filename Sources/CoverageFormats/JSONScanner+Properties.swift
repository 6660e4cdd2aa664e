/// GeoJSON `properties` objects and feature `id` values.
extension JSONScanner {
    /// Parses a `properties` object (or `null` → empty).
    mutating func parseProperties() throws(JSONIssue) -> [String: PropertyValue] {
        let start = pos
        let c = try peek()
        if c == UInt8(ascii: "n") {
            try literal("null")
            return [:]
        }
        guard c == UInt8(ascii: "{") else {
            try skipValue()
            throw .semantic(offset: start, reason: "\"properties\" must be an object or null")
        }
        try beginObject()
        var properties: [String: PropertyValue] = [:]
        var first = true
        while let key = try nextKey(first: &first) {
            do {
                properties[key] = try parsePropertyValue()
            } catch .semantic(let offset, let reason) {
                throw .semantic(offset: offset, reason: "property \"\(key)\": \(reason)")
            }
        }
        return properties
    }

    /// Parses any JSON value as a property: scalars map to cases, arrays and objects to `.json(text)`,
    /// integers (no fraction or exponent) to `.integer(literal)` so that large ids stay exact.
    mutating func parsePropertyValue() throws(JSONIssue) -> PropertyValue {
        let c = try peek()
        switch c {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = pos
            try skipValue()
            guard pos - start <= Self.maxValueBytes else {
                throw .semantic(offset: start, reason: Self.tooLongReason("an array or object"))
            }
            return .json(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = pos
            let v = try parseNumber()
            guard v.isFinite else { throw .syntax(offset: start, reason: "number is out of range") }
            let literal = UnsafeRawBufferPointer(rebasing: bytes[start..<pos])
            if literal.allSatisfy({ $0 &- 0x30 < 10 || $0 == UInt8(ascii: "-") }) {
                return .integer(String(decoding: literal, as: UTF8.self))
            }
            return .number(v)
        default:
            throw unexpected(expected: "a JSON value")
        }
    }
}
