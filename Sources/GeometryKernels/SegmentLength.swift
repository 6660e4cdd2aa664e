import Foundation

/// Fast ellipsoidal lengths of short segments near one reference latitude.
///
/// The model is `Ellipsoid.distance`: a local plane at the segment's mean latitude φ with
/// dx = Δλ·N(φ)·cosφ and dy = Δφ·M(φ) (relative error ~(L/R)², below 1e-5 up to ~20 km). Only the
/// trigonometry is cheaper: sinφ and cosφ come from the reference latitude's by angle addition,
/// with Taylor series of the small difference (exact to ~1e-18 within 0.5° of the reference;
/// farther away sin and cos are called directly).
struct SegmentLength {
    private let phi0: Double
    private let sin0: Double
    private let cos0: Double

    /// A length model around `latitude` (degrees); segments anywhere are measured correctly.
    init(latitude: Double) {
        phi0 = latitude * Ellipsoid.radiansPerDegree
        sin0 = sin(phi0)
        cos0 = cos(phi0)
    }

    /// The length in metres of the segment (ax, ay)–(bx, by) in degrees.
    @inline(__always)
    func metres(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let d = Ellipsoid.radiansPerDegree
        let phi = (ay + by) * 0.5 * d
        let delta = phi - phi0
        let s: Double
        let c: Double
        if abs(delta) < 0.01 {
            let d2 = delta * delta
            let sd = delta * (1 - d2 / 6 * (1 - d2 / 20 * (1 - d2 / 42)))
            let cd = 1 - d2 / 2 * (1 - d2 / 12 * (1 - d2 / 30))
            s = sin0 * cd + cos0 * sd
            c = cos0 * cd - sin0 * sd
        } else {
            s = sin(phi)
            c = cos(phi)
        }
        let e2 = Ellipsoid.eccentricitySquared
        let w = 1 - e2 * s * s
        let n = Ellipsoid.semiMajorAxis / w.squareRoot()
        let m = n * (1 - e2) / w
        let dx = (bx - ax) * d * n * c
        let dy = (by - ay) * d * m
        return (dx * dx + dy * dy).squareRoot()
    }
}
