import CoverageModel
import CoverageStore
import CoverageTestSupport
import Foundation
import GDALVector
import Testing

/// The real 2025 communes written by ogr2ogr in each VN-2000 projection (ESRI `.prj` without an
/// EPSG code, as ArcGIS writes it) and imported without `--srid`: every vertex within 0.5 m.
@Suite("GDAL import accuracy on the real communes")
struct GDALAccuracyTests {
    static let source = TestPaths.refdata.appendingPathComponent("tn_communes_2025.geojson").path

    /// One projection and DBF encoding to write the communes in.
    struct Case: Sendable, CustomTestStringConvertible {
        var epsg: Int
        var encoding: String
        var testDescription: String { "EPSG:\(epsg) \(encoding)" }
    }

    static let cases = [
        Case(epsg: 3405, encoding: "UTF-8"),  // VN-2000 / UTM 48N
        Case(epsg: 3406, encoding: "CP1258"),  // VN-2000 / UTM 49N
        Case(epsg: 9213, encoding: "CP1258"),  // VN-2000 / TM-3 106-30 (Thái Nguyên's provincial zone)
        Case(epsg: 9210, encoding: "UTF-8"),  // VN-2000 / TM-3 105-45
        Case(epsg: 4756, encoding: "CP1258"),  // VN-2000 geographic
    ]

    /// Writes the communes as an ESRI shapefile in `epsg` with its `.prj` as ESRI WKT (no EPSG code).
    static func writeShapefile(epsg: Int, encoding: String, in dir: FixtureDirectory) throws -> String {
        let ogr2ogr = try #require(
            ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let srsinfo = try #require(ProcessRunner.which("gdalsrsinfo"), "gdalsrsinfo (gdal-bin) is required")
        let shp = dir.path("communes_\(epsg).shp")
        let made = try ProcessRunner.run(
            ogr2ogr, ["-f", "ESRI Shapefile", "-t_srs", "EPSG:\(epsg)", "-lco", "ENCODING=\(encoding)", shp, source])
        try #require(made.status == 0, "\(made.stderr)")
        let esri = try ProcessRunner.run(srsinfo, ["-o", "wkt_esri", "--single-line", "EPSG:\(epsg)"])
        let wkt = esri.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(esri.status == 0 && !wkt.contains("EPSG"), "\(esri.stderr)")
        try Data(wkt.utf8).write(to: URL(fileURLWithPath: dir.path("communes_\(epsg).prj")))
        return shp
    }

    /// Metres between two lon/lat points (haversine on the mean Earth radius).
    static func metres(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let dLat = (b.y - a.y) * rad, dLon = (b.x - a.x) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * rad) * cos(b.y * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }

    /// The largest vertex displacement between two rings, aligning their orientation.
    static func worst(_ a: Ring, _ b: Ring) -> Double? {
        guard a.count == b.count else { return nil }
        let direct = zip(a, b).map(metres).max() ?? 0
        let reversed = zip(a, b.reversed()).map(metres).max() ?? 0
        return min(direct, reversed)
    }

    @Test(arguments: cases)
    func everyVertexWithinHalfAMetreAndNamesExact(_ c: Case) throws {
        let dir = try FixtureDirectory()
        let shp = try Self.writeShapefile(epsg: c.epsg, encoding: c.encoding, in: dir)
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        options.vintage = "shp"
        let result = try store.importFile(shp, options: options)
        #expect(result.sourceSRID == c.epsg)
        #expect(result.rows == 92)
        options.vintage = "original"
        _ = try store.importFile(Self.source, options: options)
        let original = Dictionary(uniqueKeysWithValues: try store.adminUnits(vintage: "original").map { ($0.code, $0) })
        var worst = 0.0
        for unit in try store.adminUnits(vintage: "shp") {
            let o = try #require(original[unit.code], "commune \(unit.code)")
            #expect(
                unit.name.precomposedStringWithCanonicalMapping == o.name.precomposedStringWithCanonicalMapping,
                "\(unit.code): \(unit.name) ≠ \(o.name)")
            let rings = unit.geometry.polygons.flatMap(\.rings), originalRings = o.geometry.polygons.flatMap(\.rings)
            try #require(rings.count == originalRings.count, "\(unit.code): ring count")
            for (r, s) in zip(rings, originalRings) {
                worst = max(worst, try #require(Self.worst(r, s), "\(unit.code): vertex count"))
            }
        }
        FileHandle.standardError.write(Data("EPSG:\(c.epsg) \(c.encoding): worst vertex \(worst) m\n".utf8))
        #expect(worst < 0.5, "worst vertex \(worst) m")
    }

    @Test func vn2000UsesTheOfficialSevenParameterTransformation() throws {
        // EPSG:6960 (Vietnam onshore), the TOWGS84 of EPSG:4756 — not EPSG:5194 (two Mekong-delta blocks).
        let official = try SpatialReference(
            definition: "+proj=longlat +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,"
                + "0.00928836,-0.01975479,0.00427372,0.252906278 +no_defs")
        let fromCode = try CoordinateTransform(from: SpatialReference(epsg: 4756))
        let fromParameters = try CoordinateTransform(from: official)
        for (lon, lat) in [(105.8, 21.6), (106.7, 10.8), (108.2, 16.05), (103.0, 22.3)] {
            let a = try #require(fromCode.transform(x: lon, y: lat))
            let b = try #require(fromParameters.transform(x: lon, y: lat))
            #expect(Self.metres(Coordinate(a.lon, a.lat), Coordinate(b.lon, b.lat)) < 0.001, "\(lon), \(lat)")
            #expect(Self.metres(Coordinate(a.lon, a.lat), Coordinate(lon, lat)) > 100)  // a real datum shift
        }
    }

    @Test func fileCRSAndTheSRIDOptionReprojectTheSame() throws {
        // The streaming GeoJSON path (--srid) and the GDAL path (.prj) use one OGR/PROJ transformation.
        let dir = try FixtureDirectory()
        let shp = try Self.writeShapefile(epsg: 9213, encoding: "UTF-8", in: dir)
        let ogr2ogr = try #require(ProcessRunner.which("ogr2ogr"))
        let geojson = dir.path("communes_9213.geojson")
        let made = try ProcessRunner.run(
            ogr2ogr, ["-f", "GeoJSON", "-t_srs", "EPSG:9213", "-lco", "RFC7946=NO", geojson, Self.source])
        try #require(made.status == 0, "\(made.stderr)")
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        options.vintage = "shp"
        _ = try store.importFile(shp, options: options)
        options.vintage = "geojson"
        options.sourceSRID = 9213
        _ = try store.importFile(geojson, options: options)
        let byCode = Dictionary(uniqueKeysWithValues: try store.adminUnits(vintage: "geojson").map { ($0.code, $0) })
        for unit in try store.adminUnits(vintage: "shp") {
            let other = try #require(byCode[unit.code])
            let worst =
                zip(unit.geometry.polygons.flatMap(\.rings), other.geometry.polygons.flatMap(\.rings))
                .compactMap { Self.worst($0, $1) }.max() ?? .infinity
            #expect(worst < 0.001, "\(unit.code): \(worst) m")
        }
    }

    @Test func aWrongPrjIsOverriddenWithAssumeSRID() throws {
        // A TM-3 106-30 file whose .prj says UTM 48N: read as the .prj says it lands ~155 km west;
        // --assume-srid 9213 puts it back.
        let dir = try FixtureDirectory()
        let shp = try Self.writeShapefile(epsg: 9213, encoding: "UTF-8", in: dir)
        let srsinfo = try #require(ProcessRunner.which("gdalsrsinfo"))
        let utm = try ProcessRunner.run(srsinfo, ["-o", "wkt_esri", "--single-line", "EPSG:3405"]).stdout
        try Data(utm.utf8).write(to: URL(fileURLWithPath: dir.path("communes_9213.prj")))
        let store = try dir.store()
        var options = ImportOptions(layer: .communes)
        options.vintage = "assumed"
        options.sourceSRID = 9213
        #expect(throws: ImportError.self) { try store.importFile(shp, options: options) }
        options.sourceSRID = nil
        options.assumeSRID = 9213
        let result = try store.importFile(shp, options: options)
        #expect(result.sourceSRID == 9213)
        let box = try #require(try store.adminUnits(vintage: "assumed").compactMap(\.geometry.boundingBox).first)
        #expect(box.minX > 105.4 && box.maxX < 106.3, "\(box)")
    }
}
