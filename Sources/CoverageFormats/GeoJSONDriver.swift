import CoverageModel

/// Walks a whole GeoJSON document and hands each feature to a callback.
struct GeoJSONDriver {
    var s: JSONScanner
    let file: String
    /// The feature being parsed, for semantic errors.
    private var currentFeature: Int?
    /// The index the next feature read gets.
    var nextIndex = 0
    /// Delivers the top-level `features` array's features parsed elsewhere (in parallel), if set.
    var featureArray: (any FeatureArrayDelivery)?

    init(scanner: JSONScanner, file: String) {
        self.s = scanner
        self.file = file
    }

    /// Parses the document, converting scanner issues to `FormatError`.
    mutating func run(_ body: (Feature) throws -> Void) throws {
        do {
            try document(body)
        } catch let issue as JSONIssue {
            throw formatError(issue)
        }
    }

    private func formatError(_ issue: JSONIssue) -> FormatError {
        switch issue {
        case .syntax(let offset, let reason):
            return FormatError(file: file, location: .line(s.line(ofOffset: offset)), reason: reason)
        case .semantic(let offset, let reason):
            let location: InputLocation = currentFeature.map { .feature($0) } ?? .line(s.line(ofOffset: offset))
            return FormatError(file: file, location: location, reason: reason)
        }
    }

    private mutating func document(_ body: (Feature) throws -> Void) throws {
        GeoJSONPrescan.skipBOM(&s)
        skipSeparators()
        guard !s.atEnd else {
            throw JSONIssue.syntax(offset: s.pos, reason: "unexpected end of file: the file is empty")
        }
        let firstWasFeature: Bool
        switch s.byte(at: s.pos) {
        case UInt8(ascii: "["):
            try s.beginArray()
            var first = true
            while try s.nextElement(first: &first) { try body(try feature()) }
            firstWasFeature = false
        case UInt8(ascii: "{"):
            firstWasFeature = try topObject(body)
        default:
            throw s.unexpected(expected: "'{'")
        }
        skipSeparators()
        // Newline-delimited GeoJSON: more Feature objects follow the first one.
        while !s.atEnd {
            guard firstWasFeature, s.byte(at: s.pos) == UInt8(ascii: "{") else {
                throw s.unexpected(expected: "the end of the file")
            }
            try body(try feature())
            skipSeparators()
        }
    }

    /// Skips whitespace and record separators (RFC 8142 GeoJSON text sequences).
    private mutating func skipSeparators() {
        while true {
            s.skipWhitespace()
            guard s.byte(at: s.pos) == 0x1E else { return }
            s.pos += 1
        }
    }

    /// The top-level object: a FeatureCollection (streamed), a Feature, or a bare geometry.
    /// Returns true when it was a single Feature.
    private mutating func topObject(_ body: (Feature) throws -> Void) throws -> Bool {
        let start = s.pos
        try s.beginObject()
        var type: String?
        var sawFeatures = false
        var sawGeometries = false
        var coordinatesOffset: Int?
        var geometry: Geometry?
        var properties: [String: PropertyValue] = [:]
        var id: PropertyValue?
        var first = true
        while let key = try s.nextKey(first: &first) {
            switch key {
            case "type":
                let at = s.pos
                guard try s.peek() == UInt8(ascii: "\"") else {
                    try s.skipValue()
                    throw JSONIssue.semantic(offset: at, reason: "\"type\" must be a string")
                }
                type = try s.parseString()
            case "features":
                sawFeatures = true
                let at = s.pos
                guard try s.peek() == UInt8(ascii: "[") else {
                    try s.skipValue()
                    throw JSONIssue.semantic(offset: at, reason: "\"features\" must be an array")
                }
                try s.beginArray()
                var firstFeature = true
                if let delivery = featureArray, s.depth == 2, s.pos == delivery.arrayStart + 1 {
                    featureArray = nil
                    // The features the chunks held; the rest (all of them after a chunk that
                    // failed) are read below as always.
                    let resume = try delivery.deliver()
                    s.pos = resume.position
                    firstFeature = resume.first
                    nextIndex = resume.nextIndex
                }
                while try s.nextElement(first: &firstFeature) { try body(try feature()) }
            case "geometry":
                currentFeature = 0
                geometry = try s.parseGeometry()
                currentFeature = nil
            case "properties":
                currentFeature = 0
                properties = try s.parseProperties()
                currentFeature = nil
            case "id":
                id = try s.parsePropertyValue()
            case "coordinates":
                coordinatesOffset = s.pos
                try s.skipValue()
            case "geometries":
                sawGeometries = true
                try s.skipValue()
            default:
                try s.skipValue()
            }
        }
        switch type {
        case "FeatureCollection":
            guard sawFeatures else {
                throw JSONIssue.semantic(offset: start, reason: "FeatureCollection has no \"features\" array")
            }
            return false
        case "Feature":
            nextIndex = 1
            try body(Feature(index: 0, geometry: geometry, properties: properties, id: id))
            return true
        case "GeometryCollection":
            currentFeature = 0
            throw JSONIssue.semantic(offset: start, reason: "GeometryCollection is not supported")
        case nil:
            if sawFeatures { return false }
            throw JSONIssue.semantic(
                offset: start,
                reason: sawGeometries
                    ? "GeometryCollection is not supported" : "top-level object has no \"type\" member")
        case let name?:
            guard let kind = GeometryKind(rawValue: name) else {
                throw JSONIssue.semantic(offset: start, reason: "unknown GeoJSON type '\(name)'")
            }
            currentFeature = 0
            guard let offset = coordinatesOffset else {
                throw JSONIssue.semantic(offset: start, reason: "\(name) geometry has no \"coordinates\" member")
            }
            let resume = s.pos
            s.pos = offset
            let g = try s.parseCoordinates(kind)
            s.pos = resume
            currentFeature = nil
            nextIndex = 1
            try body(Feature(index: 0, geometry: g, properties: [:]))
            return false
        }
    }

    /// One Feature object (in a `features` array or on its own line).
    mutating func feature() throws -> Feature {
        let index = nextIndex
        currentFeature = index
        let start = s.pos
        let c = try s.peek()
        guard c == UInt8(ascii: "{") else {
            try s.skipValue()
            throw JSONIssue.semantic(offset: start, reason: "a feature must be a JSON object")
        }
        try s.beginObject()
        var geometry: Geometry?
        var properties: [String: PropertyValue] = [:]
        var id: PropertyValue?
        var first = true
        while let key = try s.nextKey(first: &first) {
            switch key {
            case "type":
                let at = s.pos
                let value = try s.parsePropertyValue()
                guard value == .string("Feature") else {
                    let shown = value.text ?? "null"
                    throw JSONIssue.semantic(
                        offset: at, reason: "expected an object of type 'Feature', found '\(shown)'")
                }
            case "geometry":
                geometry = try s.parseGeometry()
            case "properties":
                properties = try s.parseProperties()
            case "id":
                id = try s.parsePropertyValue()
            default:
                try s.skipValue()
            }
        }
        currentFeature = nil
        nextIndex = index + 1
        return Feature(index: index, geometry: geometry, properties: properties, id: id)
    }
}
