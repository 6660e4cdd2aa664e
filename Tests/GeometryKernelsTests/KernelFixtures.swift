import CoverageModel
import Foundation

/// A deterministic pseudo-random generator (SplitMix64) for reproducible fixtures.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func range(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }
}

/// Reference values and real data for the kernel tests, without the store (test targets share no code,
/// so these mirror `CoverageFixture.rectangleArea` and `loadCommunes` of CoverageAnalysisTests).
enum KernelFixtures {
    /// The WGS 84 area (m²) of the longitude/latitude rectangle `x1…x2` × `y1…y2`, in closed form.
    static func rectangleArea(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
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

    /// The repository root (the folder holding Package.swift), found from this file's path.
    static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// Loads the real 2025 Thái Nguyên communes (MultiPolygons) with Foundation's JSON parser, or nil
    /// when `GeoData/thai-nguyen` is missing.
    static func loadCommunes() throws -> [Geometry]? {
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
