import CoverageGenerator
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

@Suite("Commune tiling checked with SpatiaLite/GEOS")
struct TilingTests {
    @Test(
        "communes are valid, tile the province without gaps or overlaps, and hold every household",
        arguments: [Scale.demo, .province])
    func tiling(scale: Scale) throws {
        let (dir, _) = try GeneratedFiles.generate(scale, seed: 99)
        defer { try? FileManager.default.removeItem(at: dir) }
        let communes = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_communes.geojson"))
        let province = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_province.geojson"))
        #expect(province.count == 1)

        // Shape checks on the JSON: exclaves (several parts) and enclaves (holes).
        let parts = communes.map { ($0.geometry["coordinates"] as? [[[[Double]]]]) ?? [] }
        #expect(communes.allSatisfy { $0.geometry["type"] as? String == "MultiPolygon" })
        #expect(parts.contains { $0.count > 1 }, "no commune has an exclave")
        #expect(parts.contains { $0.contains { $0.count > 1 } }, "no commune has a hole")

        let dbDir = try TestPaths.temporaryDirectory("covaudit-tiling")
        defer { try? FileManager.default.removeItem(at: dbDir) }
        let db = try Connection(path: dbDir.appendingPathComponent("t.sqlite").path, mode: .create)
        try db.execute("SELECT InitSpatialMetadata(1)")
        try db.execute("CREATE TABLE c(id INTEGER PRIMARY KEY, code TEXT, geom BLOB)")
        try db.execute("CREATE TABLE p(geom BLOB)")
        try db.execute("CREATE TABLE h(geom BLOB)")
        try db.transaction {
            for (i, f) in communes.enumerated() {
                try db.execute(
                    "INSERT INTO c VALUES(?, ?, SetSRID(GeomFromGeoJSON(?), 4326))",
                    [i, f.properties["code"] as? String ?? "", f.geometryJSON])
            }
            try db.execute("INSERT INTO p VALUES(SetSRID(GeomFromGeoJSON(?), 4326))", [province[0].geometryJSON])
            let rows = try GeneratedFiles.csvRows(dir.appendingPathComponent("synthetic_households.csv"))
            let stride = max(1, rows.count / 3_000)
            for (n, r) in rows.enumerated() where n % stride == 0 {
                try db.execute("INSERT INTO h VALUES(MakePoint(?, ?, 4326))", [Double(r[1]) ?? 0, Double(r[2]) ?? 0])
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM c WHERE geom IS NULL").int == 0)
        let invalid = try db.scalar("SELECT count(*) FROM c WHERE ST_IsValid(geom) <> 1").int
        #expect(invalid == 0, "invalid communes: \(String(describing: invalid))")
        #expect(try db.scalar("SELECT ST_IsValid(geom) FROM p").int == 1)

        try db.execute("CREATE TABLE u AS SELECT ST_Union(geom) AS geom FROM c")
        let sumArea = try #require(db.scalar("SELECT sum(ST_Area(geom)) FROM c").double)
        let unionArea = try #require(db.scalar("SELECT ST_Area(geom) FROM u").double)
        let regionArea = try #require(db.scalar("SELECT ST_Area(geom) FROM p").double)
        #expect(abs(sumArea - unionArea) / unionArea < 1e-6, "overlap: sum \(sumArea) union \(unionArea)")
        #expect(abs(unionArea - regionArea) / regionArea < 1e-9, "gap: union \(unionArea) region \(regionArea)")
        // The union is the province outline: no gaps inside (a single ring set equal to the province).
        let symDiff = try #require(
            db.scalar("SELECT coalesce(ST_Area(ST_SymDifference(u.geom, p.geom)), 0.0) FROM u, p").double)
        #expect(symDiff / regionArea < 1e-9)

        // Neighbours share boundaries exactly: no pair overlaps.
        let overlapping = try db.scalar(
            """
            SELECT count(*) FROM c a JOIN c b ON a.id < b.id AND MbrIntersects(a.geom, b.geom)
            WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 1e-12
            """
        ).int
        #expect(overlapping == 0)
        let touching =
            try db.scalar(
                """
                SELECT count(*) FROM c a JOIN c b ON a.id < b.id AND MbrIntersects(a.geom, b.geom)
                WHERE ST_Touches(a.geom, b.geom)
                """
            ).int ?? 0
        #expect(touching >= communes.count - 1)

        // Households fall inside the communes.
        let outside = try db.scalar("SELECT count(*) FROM h, u WHERE NOT ST_Within(h.geom, u.geom)").int
        #expect(outside == 0)
        #expect((try db.scalar("SELECT count(*) FROM h").int ?? 0) > 100)
    }
}
