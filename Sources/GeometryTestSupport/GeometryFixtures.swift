import CoverageModel
import Foundation

/// Fixtures and closed forms for geometry tests that need no store (kernels and analysis tests share them).
public enum GeometryFixtures {
    /// The WGS 84 area (m²) of the longitude/latitude rectangle `x1…x2` × `y1…y2`, in closed form
    /// (the authalic-latitude formula for a zone bounded by meridians and parallels).
    public static func rectangleArea(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
        let a = 6_378_137.0
        let f = 1 / 298.257_223_563
        let e2 = f * (2 - f)
        let e = e2.squareRoot()
        func q(_ lat: Double) -> Double {
            let s = sin(lat * .pi / 180)
            return s / (1 - e2 * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return a * a * (1 - e2) / 2 * ((x2 - x1) * .pi / 180) * (q(y2) - q(y1))
    }

    /// 120 random polylines of 2–8 vertices around 105.85 E, 21.6 N (seed 60), vertices rounded to 1e-7°.
    public static func randomLines() -> [[Coordinate]] {
        var rng = SplitMix64(seed: 60)
        return (0..<120).map { _ in
            var x = rng.range(105.80, 105.90)
            var y = rng.range(21.55, 21.65)
            var line = [Coordinate(x, y)]
            let heading = rng.range(0, 2 * Double.pi)
            for _ in 0..<Int(rng.range(1, 8)) {
                let a = heading + rng.range(-0.8, 0.8)
                let step = rng.range(0.0005, 0.012)
                x += step * cos(a)
                y += step * sin(a)
                line.append(Coordinate((x * 1e7).rounded() / 1e7, (y * 1e7).rounded() / 1e7))
            }
            return line
        }
    }

    /// 800 random query points around `randomLines()` (seed 61).
    public static func randomQueries() -> [Coordinate] {
        var rng = SplitMix64(seed: 61)
        return (0..<800).map { _ in Coordinate(rng.range(105.78, 105.92), rng.range(21.53, 21.67)) }
    }

    /// The repository root (the folder holding Package.swift), found from this file's path.
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The real 2025 Thái Nguyên communes (MultiPolygons) read with Foundation's JSON parser (an
    /// independent reader), or nil when `GeoData/thai-nguyen` is missing.
    public static func realCommunes() throws -> [Geometry]? {
        let url = repositoryRoot.appendingPathComponent("GeoData/thai-nguyen/tn_communes_2025.geojson")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { return nil }
        func ring(_ any: Any) -> Ring {
            (any as? [[Double]] ?? []).map { Coordinate($0[0], $0[1]) }
        }
        func polygon(_ any: Any) -> Polygon { Polygon(closedRings: (any as? [Any] ?? []).map(ring)) }
        return features.compactMap { f in
            guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String,
                let coords = g["coordinates"]
            else { return nil }
            switch type {
            case "Polygon": return .polygon(polygon(coords))
            case "MultiPolygon": return .multiPolygon((coords as? [Any] ?? []).map(polygon))
            default: return nil
            }
        }
    }
}
