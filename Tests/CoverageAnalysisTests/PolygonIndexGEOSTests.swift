import CoverageAnalysis
import CoverageModel
import Foundation
import GeometryKernels
import GeometryTestSupport
import SpatialSQL
import Testing

/// Differential tests: `PolygonIndex.allContaining` against GEOS `ST_Covers` via SpatiaLite.
@Suite struct PolygonIndexGEOSTests {
    /// Rounds to `decimals` places, or snaps to a 2⁻²⁰ grid (exact binary fractions) when `decimals` is nil.
    static func snap(_ v: Double, _ decimals: Int?) -> Double {
        guard let decimals else { return (v * 1_048_576).rounded() / 1_048_576 }
        let f = pow(10, Double(decimals))
        return (v * f).rounded() / f
    }

    /// A star-shaped (usually concave) closed ring around a centre, counter-clockwise.
    static func star(
        _ cx: Double, _ cy: Double, rMin: Double, rMax: Double, vertices n: Int, decimals: Int?,
        _ rng: inout SplitMix
    ) -> Ring {
        var ring: Ring = (0..<n).map { k in
            let a = 2 * Double.pi * Double(k) / Double(n)
            let r = rng.range(rMin, rMax)
            return Coordinate(snap(cx + r * cos(a), decimals), snap(cy + r * 0.9 * sin(a), decimals))
        }
        ring.append(ring[0])
        return ring
    }

    static func fixturePolygons() -> [Geometry] {
        var rng = SplitMix(seed: 2025)
        var out: [Geometry] = []
        for i in 0..<50 {
            let decimals: Int? = i % 3 == 0 ? nil : (i % 3 == 1 ? 6 : 7)
            let cx = rng.range(105.60, 105.90)
            let cy = rng.range(21.50, 21.80)
            let r = rng.range(0.02, 0.08)
            switch i % 5 {
            case 0:  // axis-aligned rectangle (horizontal and vertical edges)
                let x0 = snap(cx - r, decimals)
                let x1 = snap(cx + r, decimals)
                let y0 = snap(cy - r / 2, decimals)
                let y1 = snap(cy + r / 2, decimals)
                out.append(
                    .polygon(
                        Polygon(closedRings: [
                            [
                                Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1),
                                Coordinate(x0, y0),
                            ]
                        ])))
            case 1:  // concave star
                out.append(
                    .polygon(
                        Polygon(closedRings: [
                            star(cx, cy, rMin: r * 0.4, rMax: r, vertices: 12 + i * 3, decimals: decimals, &rng)
                        ])))
            case 2:  // star with a star hole
                let shell = star(cx, cy, rMin: r * 0.6, rMax: r, vertices: 40, decimals: decimals, &rng)
                let hole = star(cx, cy, rMin: r * 0.15, rMax: r * 0.45, vertices: 9, decimals: decimals, &rng)
                out.append(.polygon(Polygon(closedRings: [shell, Array(hole.reversed())])))
            case 3:  // multipolygon: two disjoint stars, the second with a hole
                let a = star(cx, cy, rMin: r * 0.3, rMax: r * 0.5, vertices: 15, decimals: decimals, &rng)
                let b = star(cx + r * 1.2, cy, rMin: r * 0.4, rMax: r * 0.6, vertices: 25, decimals: decimals, &rng)
                let h = star(cx + r * 1.2, cy, rMin: r * 0.1, rMax: r * 0.3, vertices: 6, decimals: decimals, &rng)
                out.append(.multiPolygon([Polygon(closedRings: [a]), Polygon(closedRings: [b, Array(h.reversed())])]))
            default:  // long thin wedge (coverage-sector-like, ~40 vertices)
                var ring: Ring = [Coordinate(snap(cx, decimals), snap(cy, decimals))]
                let start = rng.range(0, 2 * Double.pi)
                for k in 0...38 {
                    let a = start + 1.2 * Double(k) / 38
                    ring.append(Coordinate(snap(cx + r * cos(a), decimals), snap(cy + r * sin(a), decimals)))
                }
                ring.append(ring[0])
                out.append(.polygon(Polygon(closedRings: [ring])))
            }
        }
        return out
    }

    /// Random points, every vertex, edge midpoints, and points level with vertices (ray-through-vertex cases).
    static func fixturePoints(_ polygons: [Geometry]) -> [Coordinate] {
        var rng = SplitMix(seed: 7)
        var pts: [Coordinate] = (0..<20_000).map { i in
            let x = rng.range(105.50, 106.05)
            let y = rng.range(21.42, 21.88)
            return i % 2 == 0 ? Coordinate(snap(x, 6), snap(y, 6)) : Coordinate(x, y)
        }
        for g in polygons {
            for p in g.polygons {
                for r in p.rings {
                    for k in 0..<(r.count - 1) {
                        let a = r[k]
                        let b = r[k + 1]
                        pts.append(a)
                        pts.append(Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2))
                        pts.append(Coordinate(a.x - 0.001, a.y))
                        pts.append(Coordinate(a.x + 1e-7, a.y))
                    }
                }
            }
        }
        return pts
    }

    @Test func randomPolygonsMatchGEOS() throws {
        let polygons = Self.fixturePolygons()
        let points = Self.fixturePoints(polygons)
        let db = try spatialDatabase()
        let geos = try geosCoverPairs(db: db, polygons: polygons, points: points)
        let invalid = try db.scalar("SELECT count(*) FROM polys WHERE ST_IsValid(geom) = 0").int
        #expect(invalid == 0)
        let index = PolygonIndex(polygons)
        let ours = indexCoverPairs(index, points: points)
        let missing = geos.subtracting(ours)
        let extra = ours.subtracting(geos)
        print(
            "PolygonIndex vs GEOS (synthetic): \(polygons.count) polygons × \(points.count) points = "
                + "\(polygons.count * points.count) pairs, \(geos.count) covered, mismatches \(missing.count + extra.count)"
        )
        #expect(missing.isEmpty, "covered by GEOS only: \(missing.prefix(5).map { ($0 >> 32, $0 & 0xFFFF_FFFF) })")
        #expect(extra.isEmpty, "covered by the index only: \(extra.prefix(5).map { ($0 >> 32, $0 & 0xFFFF_FFFF) })")
        #expect(geos.count > 5_000)  // the fixture really exercises coverage
        // firstContaining and contains agree with allContaining.
        var hits: [Int] = []
        for p in points.prefix(5_000) {
            index.allContaining(p, into: &hits)
            #expect(index.firstContaining(p) == hits.first)
            #expect(index.contains(p) == !hits.isEmpty)
        }
    }

    @Test func thaiNguyenCommunesMatchGEOS() throws {
        // The real communes are in the repository (GeoData/thai-nguyen): missing data fails.
        let communes = try #require(
            try GeometryFixtures.realCommunes(), "tn_communes_2025.geojson not found in GeoData/thai-nguyen")
        #expect(communes.count == 92)
        let index = PolygonIndex(communes)
        var box = index.boundingBox(0)
        for i in 1..<index.count { box.extend(index.boundingBox(i)) }
        var rng = SplitMix(seed: 92)
        var points: [Coordinate] = (0..<20_000).map { _ in
            Coordinate(rng.range(box.minX, box.maxX), rng.range(box.minY, box.maxY))
        }
        // Exact vertices and midpoints of commune boundaries (shared boundaries give two communes).
        for g in communes {
            for p in g.polygons {
                for r in p.rings {
                    for k in stride(from: 0, to: r.count - 1, by: 97) {
                        points.append(r[k])
                        points.append(Coordinate((r[k].x + r[k + 1].x) / 2, (r[k].y + r[k + 1].y) / 2))
                    }
                }
            }
        }
        let db = try spatialDatabase()
        let geos = try geosCoverPairs(db: db, polygons: communes, points: points)
        let ours = indexCoverPairs(index, points: points)
        let mismatches = geos.symmetricDifference(ours)
        print(
            "PolygonIndex vs GEOS (Thái Nguyên communes): \(communes.count) communes × \(points.count) points = "
                + "\(communes.count * points.count) pairs, \(geos.count) covered, mismatches \(mismatches.count)")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { ($0 >> 32, $0 & 0xFFFF_FFFF) })")
        // Every random point inside the province is in a commune; a few may be in two (overlaps).
        let multi = Dictionary(grouping: ours, by: { $0 & 0xFFFF_FFFF }).values.filter { $0.count > 1 }.count
        #expect(multi > 0)
    }
}
