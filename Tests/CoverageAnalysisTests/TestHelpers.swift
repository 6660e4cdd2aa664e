import CoverageAnalysis
import CoverageModel
import CoverageTestSupport
import Foundation
import GeometryKernels
import SpatialSQL

/// A deterministic pseudo-random generator for reproducible fixtures (the model's one SplitMix64).
typealias SplitMix = SplitMix64

/// Shortest round-trip text of a double (so SpatiaLite parses back the identical value).
func wktNumber(_ v: Double) -> String { "\(v)" }

/// WKT for a ring list.
func wktRings(_ rings: [Ring]) -> String {
    "("
        + rings.map { r in "(" + r.map { "\(wktNumber($0.x)) \(wktNumber($0.y))" }.joined(separator: ",") + ")" }
        .joined(separator: ",") + ")"
}

/// WKT for a polygonal geometry (always written as MULTIPOLYGON).
func wkt(_ g: Geometry) -> String {
    "MULTIPOLYGON(" + g.polygons.map { wktRings($0.rings) }.joined(separator: ",") + ")"
}

/// WKT for a line string.
func wktLine(_ l: [Coordinate]) -> String {
    "LINESTRING(" + l.map { "\(wktNumber($0.x)) \(wktNumber($0.y))" }.joined(separator: ",") + ")"
}

/// A new SpatiaLite database with spatial metadata, in a fresh temporary directory.
func spatialDatabase() throws -> Connection {
    let dir = try TestPaths.temporaryDirectory("covaudit-kernels")
    let db = try Connection(path: dir.appendingPathComponent("k.sqlite").path, mode: .create)
    _ = try db.scalar("SELECT InitSpatialMetadata(1)")
    return db
}

/// Loads polygons into table `polys(id, geom, minx, miny, maxx, maxy)` and points into `pts(id, x, y, geom)`,
/// then returns every (polygon id, point id) pair where GEOS `ST_Covers(polygon, point)` holds.
func geosCoverPairs(db: Connection, polygons: [Geometry], points: [Coordinate]) throws -> Set<Int64> {
    try db.execute(
        """
        CREATE TABLE polys(id INTEGER PRIMARY KEY, geom BLOB, minx REAL, miny REAL, maxx REAL, maxy REAL);
        CREATE TABLE pts(id INTEGER PRIMARY KEY, x REAL, y REAL, geom BLOB);
        """)
    try db.transaction {
        let ins = try db.prepare(
            "INSERT INTO polys(id, geom) VALUES (?, GeomFromText(?, 4326))")
        for (i, g) in polygons.enumerated() { try ins.bind([i, wkt(g)]).run() }
        try db.execute(
            "UPDATE polys SET minx = MbrMinX(geom), miny = MbrMinY(geom), maxx = MbrMaxX(geom), maxy = MbrMaxY(geom)")
        let insP = try db.prepare("INSERT INTO pts(id, x, y, geom) VALUES (?, ?, ?, MakePoint(?, ?, 4326))")
        for (i, p) in points.enumerated() { try insP.bind([i, p.x, p.y, p.x, p.y]).run() }
    }
    try db.execute("CREATE INDEX pts_xy ON pts(x, y)")
    var pairs = Set<Int64>()
    // Polygons drive the loop so SpatiaLite reuses one prepared GEOS geometry per polygon; the
    // inclusive bounding-box filter only skips points that cannot be covered.
    try db.prepare(
        """
        SELECT p.id, q.id FROM polys p CROSS JOIN pts q
        WHERE q.x BETWEEN p.minx AND p.maxx AND q.y BETWEEN p.miny AND p.maxy AND ST_Covers(p.geom, q.geom) = 1
        """
    ).forEachRow { row in pairs.insert(row.int(0) << 32 | row.int(1)) }
    return pairs
}

/// Our pairs in the same encoding as `geosCoverPairs`.
func indexCoverPairs(_ index: PolygonIndex, points: [Coordinate]) -> Set<Int64> {
    var pairs = Set<Int64>()
    var hits: [Int] = []
    for (j, p) in points.enumerated() {
        index.allContaining(p, into: &hits)
        for i in hits { pairs.insert(Int64(i) << 32 | Int64(j)) }
    }
    return pairs
}
