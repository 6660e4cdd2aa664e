import CoverageTestSupport
import Foundation
import Testing

/// Bad files read through GDAL/OGR: each exits 1 naming the file (and the layer or feature) with
/// GDAL's reason, and leaves the store exactly as it was.
@Suite("Hostile input files through GDAL")
struct HostileGDALInputTests {
    /// One damaged dataset: how to make it from a good one, the import arguments, and what the message says.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        /// Damages the files in the folder, returns the path to import.
        var damage: @Sendable (String) throws -> String
        var extra: [String] = []
        var messageContains: [String]
        var testDescription: String { label }
    }

    static let communes = TestPaths.refdata.appendingPathComponent("tn_communes_2025.geojson").path

    /// Writes the real communes as `name` with ogr2ogr, plus `extra` arguments.
    static func ogr2ogr(_ dir: String, _ name: String, _ extra: [String] = []) throws -> String {
        let tool = try #require(ProcessRunner.which("ogr2ogr"), "ogr2ogr (gdal-bin) is required: run Scripts/setup.sh")
        let out = "\(dir)/\(name)"
        let made = try ProcessRunner.run(
            tool, extra + ["-lco", "ENCODING=UTF-8", out, communes].filter { !$0.isEmpty })
        try #require(made.status == 0, "\(made.stderr)")
        return out
    }

    static func shapefile(_ dir: String) throws -> String {
        try ogr2ogr(dir, "communes.shp", ["-t_srs", "EPSG:9213"])
    }

    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    static let cases: [Case] = [
        Case(
            label: "truncated .shp",
            damage: { dir in
                let shp = try shapefile(dir)
                try truncate(shp, to: 200_000)
                return shp
            }, messageContains: ["communes.shp", "layer communes", "feature", "GDAL:"]),
        Case(
            label: "missing .shx",
            damage: { dir in
                let shp = try shapefile(dir)
                try FileManager.default.removeItem(atPath: "\(dir)/communes.shx")
                return shp
            }, messageContains: ["communes.shp", "GDAL cannot open it", "communes.shx"]),
        Case(
            label: "missing .dbf",
            damage: { dir in
                let shp = try shapefile(dir)
                try FileManager.default.removeItem(atPath: "\(dir)/communes.dbf")
                return shp
            }, messageContains: ["communes.shp: layer communes: feature 0 (FID 0): no code"]),
        Case(
            label: "truncated .dbf",
            damage: { dir in
                let shp = try shapefile(dir)
                try truncate("\(dir)/communes.dbf", to: 3_000)
                return shp
            }, messageContains: ["communes.shp", "layer communes", "GDAL:"]),
        Case(
            label: "garbage .gpkg",
            damage: { dir in
                let path = "\(dir)/garbage.gpkg"
                try Data("SQLite format 3\u{0}this is not a database".utf8).write(to: URL(fileURLWithPath: path))
                return path
            }, messageContains: ["garbage.gpkg", "GDAL cannot open it", "GDAL:"]),
        Case(
            label: "GeoPackage with several layers, none named",
            damage: { dir in
                let path = try ogr2ogr(dir, "two.gpkg", ["-nln", "first"])
                _ = try ogr2ogr(dir, "two.gpkg", ["-update", "-nln", "second"])
                return path
            }, messageContains: ["two.gpkg", "has 2 layers (first, second); choose one with --layer NAME"]),
        Case(
            label: "wrong layer name",
            damage: { dir in try ogr2ogr(dir, "one.gpkg", ["-nln", "communes"]) }, extra: ["--layer", "xa"],
            messageContains: ["one.gpkg", "has no layer 'xa' (layers: communes)"]),
        Case(
            label: "--srid contradicting the .prj",
            damage: { dir in try shapefile(dir) }, extra: ["--srid", "3405"],
            messageContains: [
                "communes.shp", "--srid 3405 (VN-2000 / UTM zone 48N) contradicts the file's own CRS EPSG:9213",
                "--assume-srid 3405",
            ]),
        Case(
            label: "projected shapefile without a .prj",
            damage: { dir in
                let shp = try shapefile(dir)
                try FileManager.default.removeItem(atPath: "\(dir)/communes.prj")
                return shp
            },
            messageContains: [
                "communes.shp", "feature 0", "the file declares no CRS", "EPSG:9213 (VN-2000 / TM-3 106-30)",
            ]),
    ]

    @Test(arguments: cases)
    func failsCleanly(_ c: Case) throws {
        let f = try E2EFixture()
        let path = try c.damage(f.dir.url.path)
        try assertFailsCleanly(
            args: f.importArgs("communes", path, c.extra), store: f.store, messageContains: c.messageContains)
    }
}
