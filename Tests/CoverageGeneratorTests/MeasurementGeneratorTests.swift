import CoverageFormats
import CoverageGenerator
import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// `generate --measurements`: synthetic tests consistent with the coverage, planted truth, speed tiles.
@Suite("Generator measurements")
struct MeasurementGeneratorTests {
    static let canonicalColumns =
        "id,time,operator,technology,download_mbps,upload_mbps,latency_ms,rsrp_dbm,rsrq_db,sinr_db,source,test_id,device_id,environment,lon,lat"

    /// The Wilson score interval at 95% for `k` of `n` (closed form).
    static func wilson(_ k: Int, _ n: Int) -> (low: Double, high: Double) {
        let z = 1.959_963_984_540_054, p = Double(k) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (centre - half, centre + half)
    }

    @Test("two runs are byte-identical and the territory's files equal a run without measurements")
    func deterministicAndTerritoryUnchanged() throws {
        let shared = try SharedMeasuredDemo.get()
        let again = try TestPaths.temporaryDirectory("covaudit-measured-again")
        _ = try generateTerritory(
            .defaults(for: .demo, seed: 20_250_701), outputDirectory: again,
            measurements: MeasurementParameters(count: 20_000, speedTiles: true))
        let plain = try TestPaths.temporaryDirectory("covaudit-measured-plain")
        _ = try generateTerritory(.defaults(for: .demo, seed: 20_250_701), outputDirectory: plain, progress: nil)
        for name in ["measurements.csv", "measurements-truth.json", "speed-tiles.csv", "probes.csv"] {
            let a = try Data(contentsOf: shared.directory.appendingPathComponent(name))
            #expect(a == (try Data(contentsOf: again.appendingPathComponent(name))), "\(name)")
        }
        let plainFiles = try FileManager.default.contentsOfDirectory(atPath: plain.path).sorted()
        #expect(!plainFiles.contains("measurements.csv"))
        for name in plainFiles {
            let a = try Data(contentsOf: plain.appendingPathComponent(name))
            #expect(a == (try Data(contentsOf: shared.directory.appendingPathComponent(name))), "\(name)")
            // The committed fictional province is the demo scale at the default seed.
            let committed = TestPaths.fictionalProvince.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: committed.path) {
                #expect(a == (try Data(contentsOf: committed)), "GeoData/fictional/\(name)")
            }
        }
    }

    @Test("columns, values and times: canonical header, plausible ranges, 94% valid in the window and hours")
    func columnsAndRanges() throws {
        let m = try SharedMeasuredDemo.get()
        #expect(m.header.joined(separator: ",") == Self.canonicalColumns)
        #expect(m.rows.count == 20_000)
        #expect(m.truth.measurements == 20_000)
        // 2026-01-01T00:00:00Z: the end of the as-of day 2025-12-31.
        let windowEnd = Date(timeIntervalSince1970: 1_767_225_600)
        let windowStart = windowEnd.addingTimeInterval(-365 * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        var valid = 0, stale = 0, night = 0
        var sources: [String: Int] = [:]
        let box = GeneratorParameters.defaults(for: .demo, seed: 1).region
        for r in m.rows {
            #expect(["Viettel", "VNPT", "MobiFone"].contains(r.operatorName))
            #expect(["4G", "5G"].contains(r.technology))
            #expect(r.download > 0 && r.download < 2_000 && r.upload > 0 && r.upload < 1_000)
            #expect(r.latency >= 1 && r.latency < 2_000)
            if let rsrp = r.rsrp { #expect(rsrp >= -140 && rsrp <= -44) }
            #expect(r.position.x > box.minLon - 0.05 && r.position.x < box.maxLon + 0.05)
            #expect(r.position.y > box.minLat - 0.05 && r.position.y < box.maxLat + 0.05)
            #expect(r.time < windowEnd)
            sources[r.source, default: 0] += 1
            let hour = calendar.component(.hour, from: r.time)
            let inHours = (6..<22).contains(hour)
            if r.time < windowStart { stale += 1 } else if !inHours { night += 1 } else { valid += 1 }
        }
        #expect(Set(sources.keys) == ["crowd-app", "drive-test"])
        #expect(Double(sources["drive-test"] ?? 0) / 20_000 > 0.15)
        let share = Double(valid) / 20_000
        #expect(share > 0.9 && share < 0.97, "valid share \(share)")
        #expect(stale > 200 && night > 200, "stale \(stale), night \(night)")
        #expect(m.rows.contains { $0.rsrp == nil })
    }

    @Test("planted cells hold their tests; they fail, the well-served pass, at the stated rates")
    func plantedAndServedRates() throws {
        let m = try SharedMeasuredDemo.get()
        #expect(m.truth.overDeclared.count == Int((0.1 * Double(m.truth.eligibleDeclaredCells)).rounded()))
        #expect(!m.truth.undeclaredServed.isEmpty)
        struct Key: Hashable {
            var quadkey: String
            var op: String
            var tech: String
        }
        var tally: [Key: (tests: Int, passing: Int)] = [:]
        let over = Set(m.truth.overDeclared.map { Key(quadkey: $0.quadkey, op: $0.operatorName, tech: $0.technology) })
        let under = Set(
            m.truth.undeclaredServed.map { Key(quadkey: $0.quadkey, op: $0.operatorName, tech: $0.technology) })
        var inside = (tests: 0, passing: 0), outside = (tests: 0, passing: 0)
        for r in m.rows {
            let quadkey = try #require(Quadkey(containing: r.position, zoom: 16)).digits
            let key = Key(quadkey: quadkey, op: r.operatorName, tech: r.technology)
            if over.contains(key) || under.contains(key) {
                tally[key, default: (0, 0)].tests += 1
                if r.passes { tally[key, default: (0, 0)].passing += 1 }
            } else if m.declared(r.position, r.operatorName, r.technology) {
                inside.tests += 1
                if r.passes { inside.passing += 1 }
            } else {
                outside.tests += 1
                if r.passes { outside.passing += 1 }
            }
        }
        for cell in m.truth.overDeclared + m.truth.undeclaredServed {
            let key = Key(quadkey: cell.quadkey, op: cell.operatorName, tech: cell.technology)
            let counted = tally[key] ?? (0, 0)
            #expect(counted.tests == cell.tests && counted.passing == cell.passing, "\(key)")
            #expect(cell.tests >= 20, "\(key)")
            let (low, high) = Self.wilson(cell.passing, cell.tests)
            if over.contains(key) {
                // A one-sided test at 95% finds the cell failing the usual 90% target, and well below half.
                #expect(high < 0.5, "\(key): \(cell.passing) of \(cell.tests)")
            } else {
                #expect(low > 0.7, "\(key): \(cell.passing) of \(cell.tests)")
            }
        }
        let overPassing = m.truth.overDeclared.map(\.passing).reduce(0, +)
        let overTests = m.truth.overDeclared.map(\.tests).reduce(0, +)
        #expect(Double(overPassing) / Double(overTests) < 0.15)
        let underPassing = m.truth.undeclaredServed.map(\.passing).reduce(0, +)
        let underTests = m.truth.undeclaredServed.map(\.tests).reduce(0, +)
        #expect(Double(underPassing) / Double(underTests) >= 0.9)
        #expect(inside.tests > 3_000 && Double(inside.passing) / Double(inside.tests) >= 0.9, "\(inside)")
        #expect(outside.tests > 1_000 && Double(outside.passing) / Double(outside.tests) <= 0.05, "\(outside)")
    }

    @Test(
        "a reference analysis (valid tests, ≥ 20 per cell, Wilson 95%) finds the planted cells: recall, precision ≥ 0.9"
    )
    func referenceAnalysisFindsThePlantedCells() throws {
        let m = try SharedMeasuredDemo.get()
        let windowEnd = Date(timeIntervalSince1970: 1_767_225_600)
        let windowStart = windowEnd.addingTimeInterval(-365 * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        struct Tally {
            var inside = 0, insidePassing = 0, outside = 0, outsidePassing = 0
        }
        var cells: [String: Tally] = [:]
        for r in m.rows where r.time >= windowStart && r.time < windowEnd {
            guard (6..<22).contains(calendar.component(.hour, from: r.time)) else { continue }
            let key = "\(Quadkey(containing: r.position, zoom: 16)?.digits ?? "") \(r.operatorName) \(r.technology)"
            if m.declared(r.position, r.operatorName, r.technology) {
                cells[key, default: Tally()].inside += 1
                if r.passes { cells[key, default: Tally()].insidePassing += 1 }
            } else {
                cells[key, default: Tally()].outside += 1
                if r.passes { cells[key, default: Tally()].outsidePassing += 1 }
            }
        }
        // Over-declared: significantly below the 90% a served cell reaches; served: significantly above half.
        let foundOver = Set(
            cells.filter { $0.value.inside >= 20 && Self.wilson($0.value.insidePassing, $0.value.inside).high < 0.9 }
                .keys)
        let foundServed = Set(
            cells.filter { $0.value.outside >= 20 && Self.wilson($0.value.outsidePassing, $0.value.outside).low > 0.5 }
                .keys)
        let truthOver = Set(m.truth.overDeclared.map { "\($0.quadkey) \($0.operatorName) \($0.technology)" })
        let truthServed = Set(m.truth.undeclaredServed.map { "\($0.quadkey) \($0.operatorName) \($0.technology)" })
        for (found, truth) in [(foundOver, truthOver), (foundServed, truthServed)] {
            let hits = Double(found.intersection(truth).count)
            #expect(hits / Double(truth.count) >= 0.9, "recall: \(hits) of \(truth.count)")
            #expect(hits / Double(max(1, found.count)) >= 0.9, "precision: \(hits) of \(found.count)")
        }
    }

    @Test("planted cells are zoom-16 tiles inside (or clear of) the declared polygons: own geometry and ST_Within")
    func plantedCellsAgainstDeclaredPolygons() throws {
        let m = try SharedMeasuredDemo.get()
        try Self.checkPlantedGeometry(m)
    }

    /// Checks every planted cell against the coverage file (corners in one polygon) and SpatiaLite.
    static func checkPlantedGeometry(_ m: MeasuredTerritory) throws {
        let dir = try FixtureDirectory("measured-store")
        let store = try dir.store()
        _ = try store.importFile(
            m.directory.appendingPathComponent("synthetic_coverage.geojson").path,
            options: ImportOptions(layer: .coverage))
        let db = try Connection(path: store.path, mode: .readOnly)
        func wkt(_ q: Quadkey) -> String {
            let b = q.bounds
            return "POLYGON((\(b.minX) \(b.minY), \(b.maxX) \(b.minY), \(b.maxX) \(b.maxY), \(b.minX) \(b.maxY), "
                + "\(b.minX) \(b.minY)))"
        }
        for cell in m.truth.overDeclared {
            let q = try #require(Quadkey(cell.quadkey))
            #expect(q.zoom == 16)
            let b = q.bounds
            let corners = [
                Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
                Coordinate(b.minX, b.maxY),
            ]
            let holding = m.areas.filter { area in
                area.operatorName == cell.operatorName && area.technology == cell.technology
                    && corners.allSatisfy { MeasuredTerritory.contains(area.polygon, $0) }
            }
            #expect(!holding.isEmpty, "\(cell.quadkey) \(cell.operatorName) \(cell.technology)")
            let within =
                try db.rows(
                    """
                    SELECT count(*) FROM coverage_areas WHERE operator = ? AND technology = ?
                    AND ST_Within(GeomFromText(?, 4326), geom) = 1
                    """, [cell.operatorName, cell.technology, wkt(q)]
                ) { $0.int(0) }.first ?? 0
            #expect(within >= 1, "ST_Within \(cell.quadkey) \(cell.operatorName)")
        }
        for cell in m.truth.undeclaredServed {
            let q = try #require(Quadkey(cell.quadkey))
            #expect(q.zoom == 16)
            let touching = try db.rows(
                """
                SELECT count(*) FROM coverage_areas WHERE operator = ? AND technology IN ('4G', '5G')
                AND ST_Intersects(GeomFromText(?, 4326), geom) = 1
                """, [cell.operatorName, wkt(q)]
            ) { $0.int(0) }.first
            #expect(touching == 0, "ST_Intersects \(cell.quadkey) \(cell.operatorName)")
        }
    }

    @Test("on the real territory: planted cells by ST_Within on a store, crowd-app and planted tests inside a commune")
    func onRealTerritory() throws {
        let territory = try RealTerritory.load(from: TestPaths.refdata)
        let dir = try TestPaths.temporaryDirectory("covaudit-measured-real")
        let (_, truth) = try generateOnTerritory(
            territory, .onTerritory(territory, seed: 11), outputDirectory: dir,
            measurements: MeasurementParameters(count: 30_000))
        let m = try MeasuredTerritory.read(dir, truth: try #require(truth))
        #expect(m.rows.count == 30_000)
        #expect(m.truth.overDeclared.count >= 20 && !m.truth.undeclaredServed.isEmpty)
        // Planted tests stay within half the tests.
        #expect((m.truth.overDeclared + m.truth.undeclaredServed).count * 30 <= 15_000)
        try Self.checkPlantedGeometry(m)

        let fixture = try FixtureDirectory("measured-real-communes")
        let db = try Connection(path: try fixture.storeWithRealCommunes().path, mode: .readOnly)
        let planted = Set((m.truth.overDeclared + m.truth.undeclaredServed).map(\.quadkey))
        var sampled = 0, outside = 0
        for (n, r) in m.rows.enumerated() where r.source == "crowd-app" {
            let inPlanted = planted.contains(Quadkey(containing: r.position, zoom: 16)?.digits ?? "")
            guard n % (inPlanted ? 10 : 50) == 0 else { continue }
            let units =
                try db.rows(
                    """
                    SELECT count(*) FROM admin_units WHERE MbrWithin(MakePoint(?, ?, 4326), geom)
                    AND ST_Within(MakePoint(?, ?, 4326), geom) = 1
                    """, [r.position.x, r.position.y, r.position.x, r.position.y]
                ) { $0.int(0) }.first ?? 0
            sampled += 1
            if units == 0 { outside += 1 }
        }
        #expect(sampled > 500)
        #expect(outside == 0, "\(outside) of \(sampled) crowd-app tests outside every commune")
    }

    @Test("speed tiles equal a recomputation from measurements.csv (crowd-app tests per zoom-16 tile)")
    func speedTilesRecompute() throws {
        let m = try SharedMeasuredDemo.get()
        struct Sums {
            var d = 0.0, u = 0.0, l = 0.0, tests = 0
            var devices = Set<String>()
        }
        var expected: [String: Sums] = [:]
        for r in m.rows where r.source == "crowd-app" {
            let q = try #require(Quadkey(containing: r.position, zoom: 16)).digits
            var s = expected[q] ?? Sums()
            s.d += r.download * 1000
            s.u += r.upload * 1000
            s.l += r.latency
            s.tests += 1
            s.devices.insert(r.device)
            expected[q] = s
        }
        let reader = try CSVReader(path: m.directory.appendingPathComponent("speed-tiles.csv").path)
        #expect(reader.header == ["quadkey", "tile", "avg_d_kbps", "avg_u_kbps", "avg_lat_ms", "tests", "devices"])
        var seen = 0
        var previous = ""
        try reader.forEachRecord { r in
            let q = r["quadkey"] ?? ""
            #expect(q > previous)
            previous = q
            guard let s = expected[q], let quadkey = Quadkey(q) else {
                Issue.record("tile \(q) has no crowd-app test")
                return
            }
            seen += 1
            let n = Double(s.tests)
            #expect(abs((Double(r["avg_d_kbps"] ?? "") ?? -1) - s.d / n) <= 0.5 + 1e-6, "\(q)")
            #expect(abs((Double(r["avg_u_kbps"] ?? "") ?? -1) - s.u / n) <= 0.5 + 1e-6, "\(q)")
            #expect(abs((Double(r["avg_lat_ms"] ?? "") ?? -1) - s.l / n) <= 0.5 + 1e-6, "\(q)")
            #expect(Int(r["tests"] ?? "") == s.tests)
            #expect(Int(r["devices"] ?? "") == s.devices.count)
            let b = quadkey.bounds
            let corner = String(format: "%.7f %.7f", b.minX, b.minY)
            #expect((r["tile"] ?? "").hasPrefix("POLYGON((\(corner), "), "\(q)")
        }
        #expect(seen == expected.count)
        #expect(m.truth.speedTiles == expected.count)
    }

    @Test("bad measurement options are refused before anything is written; 0 writes no measurement file")
    func badOptions() throws {
        let dir = try TestPaths.temporaryDirectory("covaudit-measured-bad")
        for bad in [
            MeasurementParameters(count: 10, overDeclaredShare: 1.5),
            MeasurementParameters(count: 10, asOf: "2025-13-01"),
            MeasurementParameters(count: -1), MeasurementParameters(count: 10, undeclaredShare: -0.1),
        ] {
            #expect(throws: GeneratorError.self) {
                _ = try generateTerritory(.defaults(for: .demo, seed: 3), outputDirectory: dir, measurements: bad)
            }
            #expect((try FileManager.default.contentsOfDirectory(atPath: dir.path)).isEmpty)
        }
        let (_, truth) = try generateTerritory(
            .defaults(for: .demo, seed: 3), outputDirectory: dir, measurements: MeasurementParameters(count: 0))
        #expect(truth == nil)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("measurements.csv").path))
    }
}
