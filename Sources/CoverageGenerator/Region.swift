import CoverageModel
import Foundation

/// The territory's outline (one simple ring, not closed) and point tests against it.
struct RegionShape {
    let outline: [Coordinate]
    let box: BoundingBox

    init(outline: [Coordinate]) {
        self.outline = outline
        var b = BoundingBox(outline.first ?? Coordinate(0, 0))
        for c in outline { b.extend(c) }
        box = b
    }

    /// The outline for the parameters: the fixed outline, or an irregular blob drawn in the box.
    static func make(_ spec: RegionSpec, seed: UInt64) -> RegionShape {
        if let fixed = spec.outline, fixed.count >= 3 {
            return RegionShape(outline: fixed.compactMap { $0.count >= 2 ? Coordinate($0[0], $0[1]) : nil })
        }
        var rng = Rng(seed: seed, stream: 1)
        let cx = (spec.minLon + spec.maxLon) / 2, cy = (spec.minLat + spec.maxLat) / 2
        let hw = (spec.maxLon - spec.minLon) / 2, hh = (spec.maxLat - spec.minLat) / 2
        let phases = (0..<7).map { _ in rng.uniform(0, 6.3) }
        let n = 96
        var ring: [Coordinate] = []
        for s in 0..<n {
            let t = 2 * Double.pi * Double(s) / Double(n)
            var r = 0.9
            for k in 2...6 { r += 0.05 * sin(Double(k) * t + phases[k]) / Double(k).squareRoot() }
            let lon = min(max(cx + hw * r * cos(t), spec.minLon), spec.maxLon)
            let lat = min(max(cy + hh * r * sin(t), spec.minLat), spec.maxLat)
            ring.append(Coordinate(lon, lat))
        }
        return RegionShape(outline: ring)
    }

    /// The x values where the outline crosses the horizontal line at `y`, sorted.
    func crossings(atY y: Double) -> [Double] {
        var xs: [Double] = []
        var j = outline.count - 1
        for i in 0..<outline.count {
            let a = outline[i], b = outline[j]
            if (a.y > y) != (b.y > y) {
                xs.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y))
            }
            j = i
        }
        xs.sort()
        return xs
    }
}

/// Conversions between degrees and metres near a latitude (spherical approximation).
enum Metres {
    static let perDegreeLat = 110_574.0
    static let perDegreeLonAtEquator = 111_320.0

    /// Metres per degree of longitude at `lat`.
    static func perDegreeLon(atLat lat: Double) -> Double { perDegreeLonAtEquator * cos(lat * .pi / 180) }

    /// The coordinate `dxMetres` east and `dyMetres` north of `c`.
    static func offset(_ c: Coordinate, _ dxMetres: Double, _ dyMetres: Double) -> Coordinate {
        Coordinate(c.x + dxMetres / perDegreeLon(atLat: c.y), c.y + dyMetres / perDegreeLat)
    }

    /// Approximate distance in metres between two nearby coordinates.
    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let dx = (b.x - a.x) * perDegreeLon(atLat: (a.y + b.y) / 2)
        let dy = (b.y - a.y) * perDegreeLat
        return (dx * dx + dy * dy).squareRoot()
    }
}
