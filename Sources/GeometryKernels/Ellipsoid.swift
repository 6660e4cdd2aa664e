import CoverageModel
import Foundation

/// WGS 84 ellipsoid constants and short-distance geodesy in longitude/latitude degrees.
public enum Ellipsoid {
    /// The WGS 84 semi-major axis in metres.
    public static let semiMajorAxis = 6_378_137.0
    /// The WGS 84 flattening.
    public static let flattening = 1.0 / 298.257_223_563
    /// The WGS 84 first eccentricity squared.
    public static let eccentricitySquared = flattening * (2 - flattening)
    /// Radians per degree.
    public static let radiansPerDegree = Double.pi / 180

    /// The meridional radius of curvature M at a latitude in degrees, in metres.
    public static func meridionalRadius(latitude: Double) -> Double {
        let s = sin(latitude * radiansPerDegree)
        let w = 1 - eccentricitySquared * s * s
        return semiMajorAxis * (1 - eccentricitySquared) / (w * w.squareRoot())
    }

    /// The prime-vertical radius of curvature N at a latitude in degrees, in metres.
    public static func primeVerticalRadius(latitude: Double) -> Double {
        let s = sin(latitude * radiansPerDegree)
        return semiMajorAxis / (1 - eccentricitySquared * s * s).squareRoot()
    }

    /// Square metres per square degree of longitude × latitude at a latitude in degrees: M·N·cosφ·(π/180)².
    public static func squareMetresPerSquareDegree(latitude: Double) -> Double {
        let phi = latitude * radiansPerDegree
        let s = sin(phi)
        let w = 1 - eccentricitySquared * s * s
        return semiMajorAxis * semiMajorAxis * (1 - eccentricitySquared) * cos(phi) / (w * w) * radiansPerDegree
            * radiansPerDegree
    }

    /// The area in m² of a longitude/latitude box (closed form with the authalic latitude).
    public static func rectangleArea(_ box: BoundingBox) -> Double {
        let e = eccentricitySquared.squareRoot()
        func q(_ latitude: Double) -> Double {
            let s = sin(latitude * radiansPerDegree)
            return s / (1 - eccentricitySquared * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return semiMajorAxis * semiMajorAxis * (1 - eccentricitySquared) / 2 * (box.maxX - box.minX)
            * radiansPerDegree * (q(box.maxY) - q(box.minY))
    }

    /// The ellipsoidal distance in metres between two nearby positions (mean-latitude local plane).
    ///
    /// Uses M and N at the mean latitude: relative error below 1e-5 up to ~20 km, 1e-4 up to ~100 km.
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        LocalScale(latitude: (a.y + b.y) / 2).distance(a, b)
    }
}

/// Metres per degree of longitude and latitude around one latitude (a local tangent-plane scale).
public struct LocalScale: Hashable, Sendable {
    /// The latitude in degrees the scale was computed for.
    public let latitude: Double
    /// Metres per degree of longitude at `latitude` (N·cosφ·π/180).
    public let metresPerDegreeX: Double
    /// Metres per degree of latitude at `latitude` (M·π/180).
    public let metresPerDegreeY: Double
    /// d(metresPerDegreeX)/d(latitude degrees) ≈ −N·sinφ·(π/180)²: first-order change of the x scale.
    @usableFromInline let xScaleSlope: Double

    /// The local scale at a latitude in degrees.
    ///
    /// Bit-identical to composing `Ellipsoid.primeVerticalRadius` and `meridionalRadius`, with one
    /// sine and one cosine instead of three sines and a cosine (it runs once per point query).
    public init(latitude: Double) {
        self.latitude = latitude
        let phi = latitude * Ellipsoid.radiansPerDegree
        let s = sin(phi)
        let w = 1 - Ellipsoid.eccentricitySquared * s * s
        let n = Ellipsoid.semiMajorAxis / w.squareRoot()
        let m = Ellipsoid.semiMajorAxis * (1 - Ellipsoid.eccentricitySquared) / (w * w.squareRoot())
        metresPerDegreeX = n * cos(phi) * Ellipsoid.radiansPerDegree
        metresPerDegreeY = m * Ellipsoid.radiansPerDegree
        xScaleSlope = -n * s * Ellipsoid.radiansPerDegree * Ellipsoid.radiansPerDegree
    }

    /// The distance in metres between two positions, using the x scale at their mean latitude.
    ///
    /// The x scale is corrected to first order for the mean latitude, so `a` and `b` need not be at
    /// `latitude`; accurate for separations up to tens of kilometres around `latitude`.
    @inlinable @inline(__always)
    public func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let meanLat = (a.y + b.y) * 0.5
        let kx = metresPerDegreeX + xScaleSlope * (meanLat - latitude)
        let dx = (b.x - a.x) * kx
        let dy = (b.y - a.y) * metresPerDegreeY
        return (dx * dx + dy * dy).squareRoot()
    }
}
