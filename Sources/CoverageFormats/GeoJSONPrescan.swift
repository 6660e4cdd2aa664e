/// A legacy (GeoJSON 2008) top-level `crs` member: named (`properties.name`) or linked (`properties.href`).
public struct LegacyCRS: Sendable, Hashable {
    /// `crs.type`: "name", "link" or whatever the file says; nil when absent.
    public var type: String?
    /// `crs.properties.name` of a named CRS.
    public var name: String?
    /// `crs.properties.href` of a linked CRS.
    public var href: String?
    /// `crs.properties.type` of a linked CRS, such as "proj4" or "ogcwkt".
    public var linkType: String?

    public init(type: String? = nil, name: String? = nil, href: String? = nil, linkType: String? = nil) {
        self.type = type
        self.name = name
        self.href = href
        self.linkType = linkType
    }
}

/// A cheap first pass over a GeoJSON document's top-level members to find a legacy `crs` member.
///
/// The pass does not validate: it skips values by matching brackets and quotes. Any problem
/// simply ends the search; the full parse reports syntax errors precisely.
enum GeoJSONPrescan {
    /// The top-level `crs` object, wherever it appears among the top-level members (`null`: none).
    static func legacyCRS(in bytes: UnsafeRawBufferPointer) -> LegacyCRS? {
        scan(in: bytes, cutFeaturesEvery: nil).crs
    }

    /// The top-level `crs` object (as ``legacyCRS(in:)``) and, when `cutFeaturesEvery` is given, the
    /// first top-level `features` array cut into chunks of about that many bytes (nil when the
    /// document has none or the pass meets anything it does not expect: the parse is then sequential).
    ///
    /// Without `cutFeaturesEvery` the pass ends at the `crs` member; with it, it goes on to the end of
    /// the top-level object (the `features` array is skipped either way, so that costs nothing more
    /// when `crs` comes after it or is absent).
    static func scan(
        in bytes: UnsafeRawBufferPointer, cutFeaturesEvery: Int?, splitAbove: Int = splitPassBytes
    ) -> (
        crs: LegacyCRS?, chunks: FeatureChunks?
    ) {
        var s = JSONScanner(bytes)
        skipBOM(&s)
        var crs: LegacyCRS?
        var sawCRS = false
        var chunks: FeatureChunks?
        do {
            guard try s.peek() == UInt8(ascii: "{") else { return (nil, nil) }
            s.pos += 1
            while true {
                let c = try s.peek()
                if c == UInt8(ascii: "}") { return (crs, chunks) }
                if c == UInt8(ascii: ",") {
                    s.pos += 1
                    continue
                }
                guard c == UInt8(ascii: "\"") else { return (crs, nil) }
                let key = try s.parseString()
                try s.expect(UInt8(ascii: ":"), "':'")
                s.skipWhitespace()
                if key == "crs", !sawCRS {
                    sawCRS = true
                    crs = try parseCRS(&s)
                    guard cutFeaturesEvery != nil else { return (crs, nil) }
                    if crs != nil { continue }  // the object was read; else the value is still to skip
                } else if key == "features", chunks == nil, let every = cutFeaturesEvery,
                    s.byte(at: s.pos) == UInt8(ascii: "[")
                {
                    guard let found = cutFeatures(&s, every: every, splitAbove: splitAbove) else { return (crs, nil) }
                    chunks = found
                    continue
                }
                guard fastSkip(&s) else { return (crs, nil) }
            }
        } catch {
            return (crs, nil)
        }
    }

    /// Skips a UTF-8 byte order mark at the start.
    static func skipBOM(_ s: inout JSONScanner) {
        if s.byte(at: 0) == 0xEF, s.byte(at: 1) == 0xBB, s.byte(at: 2) == 0xBF { s.pos = 3 }
    }

    static func parseCRS(_ s: inout JSONScanner) throws(JSONIssue) -> LegacyCRS? {
        guard try s.peek() == UInt8(ascii: "{") else { return nil }
        try s.beginObject()
        var crs = LegacyCRS()
        var first = true
        while let key = try s.nextKey(first: &first) {
            if key == "type", try s.peek() == UInt8(ascii: "\"") {
                crs.type = try s.parseString()
            } else if key == "properties", try s.peek() == UInt8(ascii: "{") {
                try s.beginObject()
                var inner = true
                while let k = try s.nextKey(first: &inner) {
                    guard ["name", "href", "type"].contains(k), try s.peek() == UInt8(ascii: "\"") else {
                        try s.skipValue()
                        continue
                    }
                    let value = try s.parseString()
                    switch k {
                    case "name": crs.name = value
                    case "href": crs.href = value
                    default: crs.linkType = value
                    }
                }
            } else {
                try s.skipValue()
            }
        }
        return crs
    }

    /// The bytes ``fastSkip(_:)`` must look at: quotes, brackets, braces, commas and control bytes
    /// other than JSON whitespace.
    static let skipStops: [Bool] = (0..<256).map { b in
        b < 0x20 ? ![0x09, 0x0A, 0x0D].contains(b) : [0x22, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(b)
    }

    /// Skips one value without validating it; false when the input ends first.
    private static func fastSkip(_ s: inout JSONScanner) -> Bool {
        skipStops.withUnsafeBufferPointer { fastSkip(&s, stops: $0) }
    }

    /// ``fastSkip(_:)`` with the table of bytes that matter at hand.
    private static func fastSkip(_ s: inout JSONScanner, stops: UnsafeBufferPointer<Bool>) -> Bool {
        var depth = 0
        let b = s.bytes
        var i = s.pos
        let n = s.count
        while i < n {
            // Most bytes (digits, letters, '.', '-', spaces) change nothing: skip them by table.
            while i < n, !stops[Int(b[i])] { i += 1 }
            guard i < n else { break }
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
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            case ..<0x20:
                return false  // a control byte is never valid outside strings: binary, not JSON
            default:
                break
            }
            i += 1
        }
        return false
    }
}
