import CoverageAnalysis
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import GeometryKernels
import GeometryTestSupport
import SpatialSQL
import Testing

/// Per-commune centroid, area and fibre length inside, computed in Swift (`PolygonMeasures`,
/// `LineClipping` through `CoverageAnalyzer`), against the GEOS SQL that used to compute them.
@Suite struct UnitFactsGEOSTests {
    /// One commune as GEOS sees it.
    struct GEOSFact {
        var centre: Coordinate
        var areaKm2: Double
        var fibreKm: Double
    }

    /// The oracle: the SpatiaLite/GEOS query `UnitFacts` ran before it moved to Swift (verbatim
    /// apart from the selected columns).
    static func geosFacts(_ db: Connection, vintage: String, includePlanned: Bool, operatorName: String?) throws
        -> [String: GEOSFact]
    {
        let statuses = includePlanned ? "'active','planned'" : "'active'"
        let op = operatorName == nil ? "" : " AND r.operator = ?2"
        var out: [String: GEOSFact] = [:]
        try db.prepare(
            """
            SELECT u.id, u.code, X(c), Y(c), ST_Area(u.geom, 1) / 1e6,
              (SELECT total(ST_Length(ST_Intersection(u.geom, r.geom), 1)) FROM routes r
                 WHERE r.medium = 'fibre' AND r.status IN (\(statuses))\(op)
                   AND r.id IN (SELECT pkid FROM idx_routes_geom WHERE xmin <= u.maxx AND xmax >= u.minx
                                AND ymin <= u.maxy AND ymax >= u.miny)) / 1000,
              u.minx, u.miny, u.maxx, u.maxy
            FROM (SELECT *, ST_Centroid(geom) AS c, MbrMinX(geom) AS minx, MbrMinY(geom) AS miny,
                    MbrMaxX(geom) AS maxx, MbrMaxY(geom) AS maxy FROM admin_units) u
            WHERE u.vintage = ?1 AND u.level = 'commune' ORDER BY u.vintage, u.code
            """
        ).bindAvailable([vintage, operatorName ?? ""]).forEachRow {
            out[$0.text(1) ?? ""] = GEOSFact(
                centre: Coordinate($0.double(2), $0.double(3)), areaKm2: $0.double(4), fibreKm: $0.double(5))
        }
        return out
    }

    static func lineFeature(_ line: [Coordinate], _ properties: String) -> String {
        let coords = line.map { "[\($0.x),\($0.y)]" }.joined(separator: ",")
        return GeoJSONText.feature("{\"type\":\"LineString\",\"coordinates\":[\(coords)]}", properties)
    }

    static func importRoutes(_ store: Store, _ dir: FixtureDirectory, _ features: [String]) throws {
        let path = try dir.write("routes.geojson", GeoJSONText.collection(features))
        _ = try store.importFile(path, options: ImportOptions(layer: .routes))
    }

    static func run(_ store: Store, _ configure: (inout CoverageParameters) -> Void = { _ in }) throws
        -> CoverageResult
    {
        var p = CoverageParameters()
        p.computeAreas = false
        configure(&p)
        return try CoverageAnalyzer(store: store, parameters: p).evaluate()
    }

    /// Synthetic routes over the real communes: random walks that cross boundaries, stretches copied
    /// from commune rings (so they run exactly along shared boundaries), and routes the filters drop.
    static func syntheticRoutes(_ communes: [AdminUnit]) -> [String] {
        var box = communes[0].geometry.boundingBox ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        for u in communes { if let b = u.geometry.boundingBox { box.extend(b) } }
        var rng = SplitMix(seed: 2025)
        var features: [String] = []
        let kinds = [
            #""operator":"Viettel","status":"active","medium":"fibre""#,
            #""operator":"VNPT","status":"active","medium":"fibre""#,
            #""operator":"Viettel","status":"planned","medium":"fibre""#,
            #""operator":"Viettel","status":"active","medium":"microwave""#,
        ]
        for i in 0..<240 {
            var p = Coordinate(rng.range(box.minX, box.maxX), rng.range(box.minY, box.maxY))
            var line = [p]
            var heading = rng.range(0, 2 * .pi)
            for _ in 0..<Int(rng.range(5, 60)) {
                // Steps of 50 m to 1.5 km, turning gently.
                let step = rng.range(50, 1_500) / 111_000
                heading += rng.range(-0.6, 0.6)
                p = Coordinate(p.x + step * cos(heading) / cos(p.y * .pi / 180), p.y + step * sin(heading))
                line.append(p)
            }
            features.append(lineFeature(line, "{\"id\":\"w\(i)\",\(kinds[i % kinds.count])}"))
        }
        // Boundary stretches: 2 to 40 consecutive ring vertices of every fourth commune.
        for (n, u) in communes.enumerated() where n % 4 == 0 {
            guard let ring = u.geometry.polygons.first?.exterior, ring.count > 50 else { continue }
            let start = Int(rng.range(0, Double(ring.count - 42)))
            let count = Int(rng.range(2, 41))
            features.append(
                lineFeature(Array(ring[start..<(start + count)]), "{\"id\":\"b\(n)\",\(kinds[n / 4 % 2])}"))
        }
        return features
    }

    @Test func realCommunesAndSyntheticRoutesMatchGEOS() throws {
        let dir = try FixtureDirectory("unit-facts-geos")
        let store = try dir.storeWithRealCommunes()
        let communes = try store.adminUnits(level: .commune)
        #expect(communes.count == 92)
        try Self.importRoutes(store, dir, Self.syntheticRoutes(communes))
        let db = try Connection(path: store.path, mode: .readOnly)
        let vintage = try #require(communes.first?.vintage)

        // Centroids: the kernel against ST_Centroid.
        let geos = try Self.geosFacts(db, vintage: vintage, includePlanned: false, operatorName: nil)
        var centreError = 0.0
        for u in communes {
            let ours = try #require(PolygonMeasures.centroid(u.geometry))
            let theirs = try #require(geos[u.code]).centre
            centreError = max(centreError, abs(ours.x - theirs.x), abs(ours.y - theirs.y))
        }
        #expect(centreError <= 1e-9)

        for (planned, op) in [(false, nil), (true, "Viettel")] as [(Bool, String?)] {
            let result = try Self.run(store) {
                $0.includePlanned = planned
                $0.operatorName = op
            }
            let oracle = try Self.geosFacts(db, vintage: vintage, includePlanned: planned, operatorName: op)
            #expect(result.units.count == oracle.count)
            var areaError = 0.0
            var fibreRelative = 0.0
            var fibreMetres = 0.0
            var withFibre = 0
            var totalKm = 0.0
            for unit in result.units {
                let g = try #require(oracle[unit.code], "commune \(unit.code)")
                let area = try #require(unit.areaKm2)
                areaError = max(areaError, abs(area - g.areaKm2) / g.areaKm2)
                let fibre = try #require(unit.fibre).routeLengthKm
                let metres = abs(fibre - g.fibreKm) * 1000
                if g.fibreKm > 0 {
                    withFibre += 1
                    fibreRelative = max(fibreRelative, metres / (g.fibreKm * 1000))
                }
                fibreMetres = max(fibreMetres, metres)
                totalKm += g.fibreKm
                #expect(
                    metres <= max(1, 1e-6 * g.fibreKm * 1000),
                    "fibre in \(unit.code): ours \(fibre) km, GEOS \(g.fibreKm) km")
                // Measured 2.6e-7: we integrate straight lon/lat edges exactly; SpatiaLite 5.0.1 (RTTOPO)
                // is itself within 5e-7 of GeographicLib's geodesic-edge area on these communes.
                #expect(abs(area - g.areaKm2) <= 1e-6 * g.areaKm2, "area of \(unit.code)")
            }
            print(
                "UnitFacts vs GEOS (92 Thái Nguyên communes, planned \(planned), operator \(op ?? "all")): "
                    + "centroid max |Δ| \(centreError)°, area max rel \(areaError), fibre max rel \(fibreRelative) / "
                    + "max abs \(fibreMetres) m over \(withFibre) communes with fibre, \(totalKm) km in all")
            // The fixture really exercises the clipping: many communes with routes, both filters matter.
            #expect(withFibre >= 30)
        }
    }

    /// Two hand-made communes: A, a 0.1° square with an off-centre hole; B, the square east of it
    /// plus an island (MultiPolygon). Expected values from closed formulas.
    @Test func handCasesMatchFormulasAndGEOS() throws {
        let dir = try FixtureDirectory("unit-facts-hand")
        let store = try dir.store()
        let rect = CoverageFixture.rect
        let communes = GeoJSONText.collection([
            GeoJSONText.feature(
                #"{"type":"Polygon","coordinates":[\#(rect(105.0, 21.0, 105.1, 21.1)),\#(rect(105.02, 21.06, 105.04, 21.08))]}"#,
                #"{"code":"00001","name":"A"}"#),
            GeoJSONText.feature(
                #"{"type":"MultiPolygon","coordinates":[[\#(rect(105.1, 21.0, 105.2, 21.1))],[\#(rect(105.3, 21.0, 105.32, 21.02))]]}"#,
                #"{"code":"00002","name":"B"}"#),
        ])
        _ = try store.importFile(try dir.write("communes.geojson", communes), options: ImportOptions(layer: .communes))
        let active = #""operator":"Viettel","status":"active""#
        func line(_ id: String, _ points: [(Double, Double)], _ props: String = active) -> String {
            Self.lineFeature(points.map { Coordinate($0.0, $0.1) }, "{\"id\":\"\(id)\",\(props)}")
        }
        try Self.importRoutes(
            store, dir,
            [
                // Crosses A and B along 21.02.
                line("r1", [(104.95, 21.02), (105.25, 21.02)]),
                // Through A's hole along 21.07: inside A on 105.01–105.02 and 105.04–105.05.
                line("r2", [(105.01, 21.07), (105.05, 21.07)]),
                // Along the edge A and B share: counts for both.
                line("r3", [(105.1, 21.03), (105.1, 21.05), (105.1, 21.07)]),
                // Along the hole's south edge: on A's boundary, counts for A.
                line("r4", [(105.025, 21.06), (105.035, 21.06)]),
                // Touches A's north-west corner only.
                line("r5", [(104.95, 21.15), (105.0, 21.1)]),
                // Inside B's island, diagonal.
                line("r6", [(105.305, 21.005), (105.315, 21.015)]),
                // Crosses A north–south along 105.07 (in and out across the south and north edges).
                line("r7", [(105.07, 20.95), (105.07, 21.15)]),
                // Planned: dropped by default.
                line("p1", [(104.95, 21.09), (105.25, 21.09)], #""operator":"Viettel","status":"planned""#),
            ])
        // Independent formulas: a parallel arc is N·cosφ·Δλ; a meridian arc is ∫M dφ (Simpson).
        let a = 6_378_137.0
        let f = 1 / 298.257_223_563
        let e2 = f * (2 - f)
        let rad = Double.pi / 180
        func parallel(_ lat: Double, _ dLon: Double) -> Double {
            let s = sin(lat * rad)
            return a * cos(lat * rad) / (1 - e2 * s * s).squareRoot() * dLon * rad
        }
        func meridian(_ lat1: Double, _ lat2: Double) -> Double {
            func m(_ lat: Double) -> Double {
                let s = sin(lat * rad)
                return a * (1 - e2) / pow(1 - e2 * s * s, 1.5)
            }
            let n = 200
            let h = (lat2 - lat1) / Double(n)
            var sum = m(lat1) + m(lat2)
            for i in 1..<n { sum += m(lat1 + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
            return sum * h / 3 * rad
        }
        func diagonal(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
            let lat = (y1 + y2) / 2
            let s = sin(lat * rad)
            let w = 1 - e2 * s * s
            let dx = (x2 - x1) * rad * a * cos(lat * rad) / w.squareRoot()
            let dy = (y2 - y1) * rad * a * (1 - e2) / pow(w, 1.5)
            return (dx * dx + dy * dy).squareRoot()
        }
        let expectedA =
            parallel(21.02, 0.1) + parallel(21.07, 0.02) + meridian(21.03, 21.07) + parallel(21.06, 0.01)
            + meridian(21.0, 21.1)
        let expectedB = parallel(21.02, 0.1) + meridian(21.03, 21.07) + diagonal(105.305, 21.005, 105.315, 21.015)
        let area = GeometryFixtures.rectangleArea
        let areaA = area(105.0, 21.0, 105.1, 21.1) - area(105.02, 21.06, 105.04, 21.08)
        let areaB = area(105.1, 21.0, 105.2, 21.1) + area(105.3, 21.0, 105.32, 21.02)

        let result = try Self.run(store)
        let units = try store.adminUnits(level: .commune)
        let db = try Connection(path: store.path, mode: .readOnly)
        let geos = try Self.geosFacts(db, vintage: units[0].vintage, includePlanned: false, operatorName: nil)
        for (code, km, m2) in [("00001", expectedA / 1000, areaA), ("00002", expectedB / 1000, areaB)] {
            let unit = try #require(result.units.first { $0.code == code })
            let ours = try #require(unit.fibre).routeLengthKm
            let g = try #require(geos[code])
            #expect(abs(ours - km) <= 1e-7 * km, "\(code): ours \(ours) km, formula \(km) km")
            #expect(abs(g.fibreKm - km) <= 1e-6 * km, "\(code): GEOS \(g.fibreKm) km, formula \(km) km")
            #expect(abs((unit.areaKm2 ?? 0) * 1e6 - m2) <= 1e-10 * m2, "\(code): area \(unit.areaKm2 ?? 0) km²")
            #expect(abs(g.areaKm2 * 1e6 - m2) <= 1e-5 * m2, "\(code): GEOS area \(g.areaKm2) km²")
        }
        // Planar centroids: A = square minus hole, B = square plus island (areas in square degrees).
        let centreA = try #require(PolygonMeasures.centroid(units[0].geometry))
        let centreB = try #require(PolygonMeasures.centroid(units[1].geometry))
        let expectedCentreA = Coordinate(
            (0.01 * 105.05 - 0.0004 * 105.03) / 0.0096, (0.01 * 21.05 - 0.0004 * 21.07) / 0.0096)
        let expectedCentreB = Coordinate(
            (0.01 * 105.15 + 0.0004 * 105.31) / 0.0104, (0.01 * 21.05 + 0.0004 * 21.01) / 0.0104)
        for (ours, expected, code) in [(centreA, expectedCentreA, "00001"), (centreB, expectedCentreB, "00002")] {
            #expect(abs(ours.x - expected.x) < 1e-11 && abs(ours.y - expected.y) < 1e-11, "\(code): \(ours)")
            let g = try #require(geos[code]).centre
            #expect(abs(ours.x - g.x) < 1e-11 && abs(ours.y - g.y) < 1e-11, "\(code): GEOS \(g)")
        }
    }

    @Test func kernelEdgeCases() {
        let square: Geometry = .polygon(
            Polygon(closedRings: [[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)]]))
        let index = PolygonIndex([square])
        func inside(_ lines: [[Coordinate]]) -> Double {
            LineClipping(lines: lines, segmentsPerPiece: 2).metresInside(index, item: 0)
        }
        // An unclosed ring is closed implicitly; a route in and out through a vertex.
        let through = inside([[Coordinate(-1, -1), Coordinate(0.5, 0.5), Coordinate(2, 2)]])
        let diagonal =
            Ellipsoid.distance(Coordinate(0, 0), Coordinate(0.5, 0.5))
            + Ellipsoid.distance(
                Coordinate(0.5, 0.5), Coordinate(1, 1))
        #expect(abs(through - diagonal) < 1e-6)
        // Along the whole south edge, extended both ways: only the edge counts.
        let along = inside([[Coordinate(-0.5, 0), Coordinate(1.5, 0)]])
        #expect(abs(along - Ellipsoid.distance(Coordinate(0, 0), Coordinate(1, 0))) < 1e-9 * along)
        // Along an oblique edge two triangles share: both count it, though the midpoint of the
        // route is not exactly on the edge in floating point.
        let p = Coordinate(0.1, 0.7)
        let q = Coordinate(0.37, 0.23)
        let shared = PolygonIndex([
            .polygon(Polygon(closedRings: [[p, q, Coordinate(0, 0), p]])),
            .polygon(Polygon(closedRings: [[p, Coordinate(1, 1), q, p]])),
        ])
        let edgeRoute = LineClipping(lines: [[q, p]])
        for item in 0..<2 {
            #expect(abs(edgeRoute.metresInside(shared, item: item) - Ellipsoid.distance(p, q)) < 1e-9, "item \(item)")
        }
        // Outside, touching a vertex; zero-length and non-finite vertices are ignored.
        #expect(inside([[Coordinate(1, 1), Coordinate(2, 1.5)], [Coordinate(3, 3), Coordinate(3, 3)]]) == 0)
        let wobble = [Coordinate(0.2, 0.2), Coordinate(.nan, 0), Coordinate(0.2, 0.2), Coordinate(0.4, 0.2)]
        #expect(abs(inside([wobble]) - Ellipsoid.distance(Coordinate(0.2, 0.2), Coordinate(0.4, 0.2))) < 1e-9)
        // Sharing a SegmentIndex's vertices gives the same lengths (its standalone points are ignored).
        let mixed = [[Coordinate(-1, 0.3), Coordinate(0.5, 0.6), Coordinate(2, 0.2)], [Coordinate(0.5, 0.5)]]
        let viaIndex = LineClipping(SegmentIndex(lines: mixed, points: [Coordinate(0.5, 0.5)]), segmentsPerPiece: 1)
        #expect(viaIndex.lineCount == 2)
        #expect(
            viaIndex.metresInside(index, item: 0)
                == LineClipping(lines: mixed, segmentsPerPiece: 1).metresInside(index, item: 0))
        #expect(viaIndex.metresInside(index, item: 0) > 100_000)
        // Empty inputs.
        #expect(LineClipping(lines: []).metresInside(index) == [0])
        #expect(PolygonMeasures.centroid(.multiPolygon([])) == nil)
        #expect(PolygonMeasures.ellipsoidalArea(.lineString([Coordinate(0, 0), Coordinate(1, 1)])) == 0)
        // A whole-degree rectangle (clockwise, unclosed): the closed formula to 1e-12.
        let degree: Geometry = .polygon(
            Polygon(closedRings: [[Coordinate(105, 21), Coordinate(105, 22), Coordinate(106, 22), Coordinate(106, 21)]])
        )
        let exact = GeometryFixtures.rectangleArea(105, 21, 106, 22)
        #expect(abs(PolygonMeasures.ellipsoidalArea(degree) - exact) < 1e-12 * exact)
        // A zero-area polygon falls back to the centroid of its edges.
        let flat: Geometry = .polygon(Polygon(closedRings: [[Coordinate(0, 0), Coordinate(2, 0), Coordinate(0, 0)]]))
        #expect(PolygonMeasures.centroid(flat) == Coordinate(1, 0))
    }
}
