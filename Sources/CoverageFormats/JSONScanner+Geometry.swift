import CoverageModel

/// GeoJSON geometry objects and coordinate arrays.
extension JSONScanner {
    /// Parses a geometry object or `null` (→ nil). Coordinates may come before or after `type`.
    mutating func parseGeometry() throws(JSONIssue) -> Geometry? {
        let start = pos
        let c = try peek()
        if c == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        guard c == UInt8(ascii: "{") else {
            try skipValue()
            throw .semantic(offset: start, reason: "\"geometry\" must be an object or null")
        }
        try beginObject()
        var kind: GeometryKind?
        var deferredCoordinates: Int?
        var sawGeometries = false
        var result: Geometry?
        var first = true
        while let key = try nextKey(first: &first) {
            switch key {
            case "type":
                kind = try parseGeometryType()
            case "coordinates":
                if let kind {
                    result = try parseCoordinates(kind)
                } else {
                    deferredCoordinates = pos
                    try skipValue()
                }
            case "geometries":
                sawGeometries = true
                try skipValue()
            default:
                try skipValue()
            }
        }
        guard let kind else {
            throw .semantic(
                offset: start,
                reason: sawGeometries ? "GeometryCollection is not supported" : "geometry has no \"type\" member")
        }
        if result == nil, let offset = deferredCoordinates {
            let resume = pos
            pos = offset
            result = try parseCoordinates(kind)
            pos = resume
        }
        guard let result else {
            throw .semantic(offset: start, reason: "\(kind.rawValue) geometry has no \"coordinates\" member")
        }
        return result
    }

    /// Parses a geometry `type` string into a kind, rejecting collections and unknown names.
    mutating func parseGeometryType() throws(JSONIssue) -> GeometryKind {
        let start = pos
        guard try peek() == UInt8(ascii: "\"") else {
            try skipValue()
            throw .semantic(offset: start, reason: "geometry \"type\" must be a string")
        }
        let name = try parseString()
        if let kind = GeometryKind(rawValue: name) { return kind }
        if name == "GeometryCollection" {
            throw .semantic(offset: start, reason: "GeometryCollection is not supported")
        }
        throw .semantic(offset: start, reason: "unknown geometry type '\(name)'")
    }

    /// Parses the `coordinates` value for a geometry of `kind`.
    mutating func parseCoordinates(_ kind: GeometryKind) throws(JSONIssue) -> Geometry {
        switch kind {
        case .point:
            return .point(try parsePosition(kind))
        case .lineString:
            return .lineString(try parsePositions(kind))
        case .multiPoint:
            return .multiPoint(try parsePositions(kind))
        case .polygon:
            let start = pos
            return .polygon(try validPolygon(try parseRings(kind), label: "Polygon", at: start))
        case .multiLineString:
            return .multiLineString(try parseRings(kind))
        case .multiPolygon:
            try beginShape(kind)
            var polygons: [Polygon] = []
            var first = true
            while try nextElement(first: &first) {
                let start = pos
                let rings = try parseRings(kind)
                polygons.append(try validPolygon(rings, label: "polygon \(polygons.count)", at: start))
            }
            return .multiPolygon(polygons)
        }
    }

    private func shapeReason(_ kind: GeometryKind) -> String {
        switch kind {
        case .point: "coordinates of a Point must be a position [x, y]"
        case .lineString, .multiPoint: "coordinates of a \(kind.rawValue) must be an array of positions"
        case .polygon: "coordinates of a Polygon must be an array of rings"
        case .multiLineString: "coordinates of a MultiLineString must be an array of lines"
        case .multiPolygon: "coordinates of a MultiPolygon must be an array of polygons"
        }
    }

    /// Opens an array that is part of the coordinate nesting, or reports the wrong shape.
    @inline(__always)
    private mutating func beginShape(_ kind: GeometryKind) throws(JSONIssue) {
        let c = try peek()
        guard c == UInt8(ascii: "[") else {
            if c == UInt8(ascii: "-") || c &- 0x30 < 10 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "{")
                || c == UInt8(ascii: "n") || c == UInt8(ascii: "t") || c == UInt8(ascii: "f")
            {
                throw .semantic(offset: pos, reason: shapeReason(kind))
            }
            throw unexpected(expected: "'['")
        }
        try beginArray()
    }

    /// The polygon of `rings`, or the ring problem as the import has always reported it.
    private func validPolygon(_ rings: [Ring], label: String, at start: Int) throws(JSONIssue) -> Polygon {
        do {
            return try Polygon(validating: rings, label: label)
        } catch {
            throw .semantic(offset: start, reason: error.description)
        }
    }

    private mutating func parseRings(_ kind: GeometryKind) throws(JSONIssue) -> [[Coordinate]] {
        try beginShape(kind)
        var rings: [[Coordinate]] = []
        var first = true
        while try nextElement(first: &first) {
            rings.append(try parsePositions(kind))
        }
        return rings
    }

    private mutating func parsePositions(_ kind: GeometryKind) throws(JSONIssue) -> [Coordinate] {
        try beginShape(kind)
        var positions: [Coordinate] = []
        var first = true
        while try nextElement(first: &first) {
            positions.append(try parsePosition(kind))
            // `,` and a plain position: on to it without the general element step, which takes over
            // (from the comma) for anything else.
            while pos < count, bytes[pos] == UInt8(ascii: ",") {
                let comma = pos
                pos += 1
                skipWhitespace()
                guard let next = plainPosition() else {
                    pos = comma
                    break
                }
                positions.append(next)
            }
        }
        return positions
    }

    /// Parses `[x, y, ...]`, keeping x and y and checking extra ordinates are numbers.
    @inline(__always)
    private mutating func parsePosition(_ kind: GeometryKind) throws(JSONIssue) -> Coordinate {
        if let position = plainPosition() { return position }
        let start = pos
        try beginShape(kind)
        var values = (0.0, 0.0)
        var n = 0
        var first = true
        while try nextElement(first: &first) {
            let c = byte(at: pos)
            guard c == UInt8(ascii: "-") || c &- 0x30 < 10 else {
                if c == UInt8(ascii: "[") { throw .semantic(offset: pos, reason: shapeReason(kind)) }
                if nonFiniteLiteral() != nil { throw unexpected() }
                let at = pos
                try skipValue()
                throw .semantic(offset: at, reason: "position must contain only numbers")
            }
            let numberStart = pos
            let v = try parseNumber()
            guard v.isFinite else { throw .syntax(offset: numberStart, reason: "coordinate is not finite") }
            if n == 0 { values.0 = v } else if n == 1 { values.1 = v }
            n += 1
        }
        guard n >= 2 else { throw .semantic(offset: start, reason: "position has fewer than 2 numbers") }
        return Coordinate(values.0, values.1)
    }
}
