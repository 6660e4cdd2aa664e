/// A position as longitude (x) and latitude (y) in degrees, or easting/northing in a projected CRS.
public struct Coordinate: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    /// True when both ordinates are finite numbers (not NaN or infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A closed ring of coordinates; the first and last coordinates are equal.
public typealias Ring = [Coordinate]

/// A polygon: the first ring is the exterior, the others are holes.
///
/// Made with `init(validating:label:)` from input, or `init(closedRings:)` when closed by construction.
public struct Polygon: Hashable, Sendable {
    public var rings: [Ring]

    /// The exterior ring (empty for an empty polygon).
    public var exterior: Ring { rings.first ?? [] }

    /// The interior rings (holes).
    public var holes: ArraySlice<Ring> { rings.dropFirst() }
}

/// The kinds of simple-feature geometry the store holds.
public enum GeometryKind: String, Hashable, Sendable, CaseIterable {
    case point = "Point"
    case lineString = "LineString"
    case polygon = "Polygon"
    case multiPoint = "MultiPoint"
    case multiLineString = "MultiLineString"
    case multiPolygon = "MultiPolygon"
}

/// A simple-feature geometry in pure Swift (OGC / RFC 7946 model, 2D).
public enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])

    /// The geometry's kind.
    public var kind: GeometryKind {
        switch self {
        case .point: .point
        case .lineString: .lineString
        case .polygon: .polygon
        case .multiPoint: .multiPoint
        case .multiLineString: .multiLineString
        case .multiPolygon: .multiPolygon
        }
    }

    /// True when the geometry has no coordinates at all.
    public var isEmpty: Bool { vertexCount == 0 }

    /// Every coordinate, in order, across parts and rings.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let c): try body(c)
        case .lineString(let cs), .multiPoint(let cs): for c in cs { try body(c) }
        case .polygon(let p): for r in p.rings { for c in r { try body(c) } }
        case .multiLineString(let ls): for l in ls { for c in l { try body(c) } }
        case .multiPolygon(let ps): for p in ps { for r in p.rings { for c in r { try body(c) } } }
        }
    }

    /// The number of coordinates.
    public var vertexCount: Int {
        switch self {
        case .point: 1
        case .lineString(let cs), .multiPoint(let cs): cs.count
        case .polygon(let p): p.rings.reduce(0) { $0 + $1.count }
        case .multiLineString(let ls): ls.reduce(0) { $0 + $1.count }
        case .multiPolygon(let ps): ps.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
        }
    }

    /// The bounding box, or nil for an empty geometry.
    public var boundingBox: BoundingBox? {
        // Array by array without a closure or an optional per coordinate (what-if runs box every
        // coverage area: 5.7 M vertices at national scale). The same box as extending one
        // coordinate at a time: extending a box by its own first coordinate changes nothing.
        var box: BoundingBox?
        func add(_ cs: [Coordinate]) {
            guard let first = cs.first else { return }
            var b = box ?? BoundingBox(first)
            for c in cs { b.extend(c) }
            box = b
        }
        switch self {
        case .point(let c): return BoundingBox(c)
        case .lineString(let cs), .multiPoint(let cs): add(cs)
        case .polygon(let p): for r in p.rings { add(r) }
        case .multiLineString(let ls): for l in ls { add(l) }
        case .multiPolygon(let ps): for p in ps { for r in p.rings { add(r) } }
        }
        return box
    }

    /// The polygons of a polygonal geometry (empty for other kinds).
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        default: []
        }
    }

    /// The line parts of a lineal geometry (empty for other kinds).
    public var lines: [[Coordinate]] {
        switch self {
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        default: []
        }
    }

    /// The geometry promoted to its multi-part kind (a Polygon becomes a one-part MultiPolygon).
    public var promotedToMulti: Geometry {
        switch self {
        case .point(let c): .multiPoint([c])
        case .lineString(let l): .multiLineString([l])
        case .polygon(let p): .multiPolygon([p])
        default: self
        }
    }
}

/// An axis-aligned bounding box in the geometry's coordinates.
public struct BoundingBox: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// A degenerate box around one coordinate.
    public init(_ c: Coordinate) { self.init(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y) }

    /// Grows the box to include a coordinate.
    public mutating func extend(_ c: Coordinate) {
        minX = Swift.min(minX, c.x)
        minY = Swift.min(minY, c.y)
        maxX = Swift.max(maxX, c.x)
        maxY = Swift.max(maxY, c.y)
    }

    /// Grows the box to include another box.
    public mutating func extend(_ b: BoundingBox) {
        minX = Swift.min(minX, b.minX)
        minY = Swift.min(minY, b.minY)
        maxX = Swift.max(maxX, b.maxX)
        maxY = Swift.max(maxY, b.maxY)
    }

    /// True when the coordinate lies inside or on the box.
    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    /// True when the boxes share at least one point.
    public func intersects(_ b: BoundingBox) -> Bool {
        b.minX <= maxX && b.maxX >= minX && b.minY <= maxY && b.maxY >= minY
    }

    /// The box grown by `d` on every side.
    public func expanded(by d: Double) -> BoundingBox {
        BoundingBox(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }
}
