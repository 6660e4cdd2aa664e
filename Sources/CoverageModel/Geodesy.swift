import Foundation

/// Geodesic helpers on the WGS 84 ellipsoid's mean sphere; good to ~0.3% for distances under 100 km.
public enum Geodesy {
    /// The IUGG mean Earth radius in metres.
    public static let meanRadius = 6_371_008.8

    /// The point `distance` metres from `origin` along initial `bearing` degrees (spherical).
    public static func destination(from origin: Coordinate, distance: Double, bearing: Double) -> Coordinate {
        let d = distance / meanRadius
        let b = bearing * .pi / 180
        let lat1 = origin.y * .pi / 180
        let lon1 = origin.x * .pi / 180
        let lat2 = asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(b))
        let lon2 = lon1 + atan2(sin(b) * sin(d) * cos(lat1), cos(d) - sin(lat1) * sin(lat2))
        return Coordinate(lon2 * 180 / .pi, lat2 * 180 / .pi)
    }

    /// A closed counter-clockwise ring approximating a circle of `radius` metres with `segments` sides.
    public static func circle(center: Coordinate, radius: Double, segments: Int = 32) -> Ring {
        let n = max(segments, 8)
        var ring: Ring = (0..<n).map { i in
            // Bearings run clockwise from north; walk them backwards for a CCW ring.
            destination(from: center, distance: radius, bearing: 360 - Double(i) * 360 / Double(n))
        }
        ring.append(ring[0])
        return ring
    }

    /// Haversine distance in metres between two lon/lat coordinates.
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let dLat = (b.y - a.y) * .pi / 180
        let dLon = (b.x - a.x) * .pi / 180
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(a.y * .pi / 180) * cos(b.y * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * meanRadius * asin(min(1, sqrt(h)))
    }
}
