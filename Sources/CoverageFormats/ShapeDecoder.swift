import CoverageModel

/// Decodes one shapefile record's content into a geometry.
enum ShapeDecoder {
    /// Decodes Null, Point, PolyLine, Polygon, MultiPoint and their Z/M variants (Z and M are ignored).
    ///
    /// - Throws: a reason string for unsupported or corrupt shapes.
    static func decode(_ c: UnsafeRawBufferPointer) throws(ShapeIssue) -> Geometry? {
        guard let type = c.int32LE(at: 0) else { throw ShapeIssue("record is too short for a shape type") }
        switch type {
        case 0:
            return nil
        case 1, 11, 21:
            let p = try point(c, 4)
            return .point(p)
        case 8, 18, 28:
            guard let n = c.int32LE(at: 36), n >= 0 else { throw ShapeIssue("MultiPoint point count is invalid") }
            let points = try points(c, from: 40, count: Int(n))
            return points.isEmpty ? nil : .multiPoint(points)
        case 3, 13, 23, 5, 15, 25:
            let parts = try self.parts(c)
            guard !parts.isEmpty else { return nil }
            if type % 10 == 3 {
                return parts.count == 1 ? .lineString(parts[0]) : .multiLineString(parts)
            }
            return RingAssembler.assemble(parts)
        case 31:
            throw ShapeIssue("MultiPatch shapes are not supported")
        default:
            throw ShapeIssue("unknown shape type \(type)")
        }
    }

    private static func point(_ c: UnsafeRawBufferPointer, _ offset: Int) throws(ShapeIssue) -> Coordinate {
        guard let x = c.float64LE(at: offset), let y = c.float64LE(at: offset + 8) else {
            throw ShapeIssue("record is truncated inside a point")
        }
        guard x.isFinite, y.isFinite else { throw ShapeIssue("coordinate is not finite") }
        return Coordinate(x, y)
    }

    private static func points(_ c: UnsafeRawBufferPointer, from offset: Int, count: Int) throws(ShapeIssue)
        -> [Coordinate]
    {
        guard count <= (c.count - offset) / 16 else {
            throw ShapeIssue("record is too short for \(count) points")
        }
        var result: [Coordinate] = []
        result.reserveCapacity(count)
        for i in 0..<count { result.append(try point(c, offset + 16 * i)) }
        return result
    }

    /// The parts of a PolyLine or Polygon record, each as its own coordinate list.
    private static func parts(_ c: UnsafeRawBufferPointer) throws(ShapeIssue) -> [[Coordinate]] {
        guard let np = c.int32LE(at: 36), let nv = c.int32LE(at: 40), np >= 0, nv >= 0 else {
            throw ShapeIssue("part or point count is invalid")
        }
        let partCount = Int(np)
        let pointCount = Int(nv)
        guard partCount <= (c.count - 44) / 4 else { throw ShapeIssue("record is too short for \(partCount) parts") }
        var starts: [Int] = []
        starts.reserveCapacity(partCount)
        for i in 0..<partCount {
            guard let s = c.int32LE(at: 44 + 4 * i) else { throw ShapeIssue("record is truncated in the part index") }
            let start = Int(s)
            guard start >= 0, start <= pointCount, start >= (starts.last ?? 0) else {
                throw ShapeIssue("part \(i) starts at point \(start), outside 0...\(pointCount) or out of order")
            }
            starts.append(start)
        }
        let all = try points(c, from: 44 + 4 * partCount, count: pointCount)
        var parts: [[Coordinate]] = []
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : pointCount
            if end > start { parts.append(Array(all[start..<end])) }
        }
        return parts
    }
}

/// Why a shape could not be decoded.
struct ShapeIssue: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Groups shapefile rings into polygons: clockwise rings are exteriors, counter-clockwise rings holes.
enum RingAssembler {
    /// Assigns each hole to the smallest exterior containing it; a hole inside none becomes an exterior.
    static func assemble(_ rings: [[Coordinate]]) -> Geometry? {
        var outers: [(ring: [Coordinate], area: Double, box: BoundingBox?)] = []
        var holes: [[Coordinate]] = []
        for ring in rings {
            let a = signedArea(ring)
            if a < 0 { outers.append((ring, -a, box(ring))) } else { holes.append(ring) }
        }
        var polygons = outers.map { [$0.ring] }
        for hole in holes {
            guard let probe = hole.first else { continue }
            var best: Int?
            for (i, o) in outers.enumerated() {
                guard let b = o.box, b.contains(probe), contains(o.ring, probe) else { continue }
                if best.map({ o.area < outers[$0].area }) ?? true { best = i }
            }
            if let best {
                polygons[best].append(hole)
            } else {
                polygons.append([hole])
            }
        }
        switch polygons.count {
        case 0: return nil
        case 1: return .polygon(Polygon(rings: polygons[0]))
        default: return .multiPolygon(polygons.map { Polygon(rings: $0) })
        }
    }

    /// Twice-free shoelace area: negative for clockwise rings (y up).
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var prev = ring[ring.count - 1]
        for c in ring {
            sum += (prev.x * c.y) - (c.x * prev.y)
            prev = c
        }
        return sum / 2
    }

    /// Even-odd ray casting test.
    static func contains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        guard ring.count >= 3 else { return false }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside
    }

    private static func box(_ ring: [Coordinate]) -> BoundingBox? {
        guard let first = ring.first else { return nil }
        var b = BoundingBox(first)
        for c in ring { b.extend(c) }
        return b
    }
}
