/// Why a list of rings is not a polygon; the text is the one imports have always reported.
public struct PolygonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, such as "exterior ring of Polygon is not closed (first point ≠ last point)".
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension Polygon {
    /// A polygon whose rings each have at least 4 positions with the first equal to the last;
    /// `label` names it in the error ("Polygon", or "polygon 2" inside a MultiPolygon).
    public init(validating rings: [Ring], label: String = "Polygon") throws(PolygonError) {
        if let problem = Self.ringProblem(rings, label: label) { throw PolygonError(problem) }
        self.init(closedRings: rings)
    }

    /// A polygon from rings closed by construction (generated, transformed from a checked polygon,
    /// or made by GEOS); nothing is checked.
    public init(closedRings rings: [Ring]) { self.rings = rings }

    /// The first problem with `rings` as a polygon's rings, or nil when they are closed rings.
    static func ringProblem(_ rings: [Ring], label: String) -> String? {
        if rings.isEmpty || rings[0].isEmpty { return "empty geometry" }
        for (i, r) in rings.enumerated() {
            let ring = i == 0 ? "exterior ring" : "ring \(i)"
            if r.count < 4 {
                return "\(ring) of \(label) has \(r.count) points; a closed ring needs at least 4"
            }
            if r.first != r.last { return "\(ring) of \(label) is not closed (first point ≠ last point)" }
        }
        return nil
    }
}

extension Geometry {
    /// The geometry with every polygon checked by `Polygon(validating:label:)` (labelled as
    /// `structuralProblem` labels them); other kinds, and geometries with a non-finite number (whose
    /// problem `structuralProblem` reports first), are returned as they are.
    public func validatingPolygons() throws(PolygonError) -> Geometry {
        switch self {
        case .polygon(let p):
            guard p.rings.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return self }
            return .polygon(try Polygon(validating: p.rings))
        case .multiPolygon(let ps):
            guard ps.allSatisfy({ $0.rings.allSatisfy { $0.allSatisfy(\.isFinite) } }) else { return self }
            var checked: [Polygon] = []
            checked.reserveCapacity(ps.count)
            for (i, p) in ps.enumerated() { checked.append(try Polygon(validating: p.rings, label: "polygon \(i)")) }
            return .multiPolygon(checked)
        default:
            return self
        }
    }
}
