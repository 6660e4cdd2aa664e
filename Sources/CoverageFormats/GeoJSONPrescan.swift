/// A cheap first pass over a GeoJSON document's top-level members to find a legacy `crs` name.
///
/// The pass does not validate: it skips values by matching brackets and quotes. Any problem
/// simply ends the search; the full parse reports syntax errors precisely.
enum GeoJSONPrescan {
    /// The top-level `crs.properties.name`, wherever it appears among the top-level members.
    static func crsName(in bytes: UnsafeRawBufferPointer) -> String? {
        var s = JSONScanner(bytes)
        skipBOM(&s)
        do {
            guard try s.peek() == UInt8(ascii: "{") else { return nil }
            s.pos += 1
            while true {
                let c = try s.peek()
                if c == UInt8(ascii: "}") { return nil }
                if c == UInt8(ascii: ",") {
                    s.pos += 1
                    continue
                }
                guard c == UInt8(ascii: "\"") else { return nil }
                let key = try s.parseString()
                try s.expect(UInt8(ascii: ":"), "':'")
                s.skipWhitespace()
                if key == "crs" { return try parseCRS(&s) }
                guard fastSkip(&s) else { return nil }
            }
        } catch {
            return nil
        }
    }

    /// Skips a UTF-8 byte order mark at the start.
    static func skipBOM(_ s: inout JSONScanner) {
        if s.byte(at: 0) == 0xEF, s.byte(at: 1) == 0xBB, s.byte(at: 2) == 0xBF { s.pos = 3 }
    }

    private static func parseCRS(_ s: inout JSONScanner) throws(JSONIssue) -> String? {
        guard try s.peek() == UInt8(ascii: "{") else { return nil }
        try s.beginObject()
        var name: String?
        var first = true
        while let key = try s.nextKey(first: &first) {
            if key == "properties", try s.peek() == UInt8(ascii: "{") {
                try s.beginObject()
                var inner = true
                while let k = try s.nextKey(first: &inner) {
                    if k == "name", try s.peek() == UInt8(ascii: "\"") {
                        name = try s.parseString()
                    } else {
                        try s.skipValue()
                    }
                }
            } else {
                try s.skipValue()
            }
        }
        return name
    }

    /// Skips one value without validating it; false when the input ends first.
    private static func fastSkip(_ s: inout JSONScanner) -> Bool {
        var depth = 0
        let b = s.bytes
        var i = s.pos
        let n = s.count
        while i < n {
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < n, b[i] != UInt8(ascii: "\"") {
                    i += b[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
                if depth == 0 {
                    s.pos = i
                    return i <= n
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    s.pos = i
                    return true
                }
                depth -= 1
                if depth == 0 {
                    s.pos = i + 1
                    return true
                }
            case UInt8(ascii: ","):
                if depth == 0 {
                    s.pos = i
                    return true
                }
            default:
                break
            }
            i += 1
        }
        return false
    }
}
