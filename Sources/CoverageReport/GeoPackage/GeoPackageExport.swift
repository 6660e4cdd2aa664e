import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageStore
import Foundation
import GDALVector
import SpatialSQL

/// Writes the latest coverage run's layers into one GeoPackage, styled for QGIS.
public enum GeoPackageExport {
    /// The layers written, in order: name, geometry type and the single-symbol style of the non-choropleths.
    static let layers: [(ExportLayer, String, GeoPackageWriter.LayerGeometry, kind: String, colour: String)] = [
        (.gapClusters, "gap_clusters", .point, "point", "#d73027"),
        (.gapAreas, "gap_areas", .multiPolygon, "fill", "#d73027"),
        (.routes, "routes", .multiLineString, "line", "#2c7bb6"),
        (.sites, "sites", .point, "point", "#7b3294"),
        (.institutions, "institutions", .point, "point", "#1a1a1a"),
    ]

    /// Writes the GeoPackage as an output file: GDAL writes a hidden scratch file beside `path`, whose
    /// bytes then go through `OutputFile` (temporary file, renamed over `path` only when complete; a
    /// link, device or folder at `path` is refused). Returns the feature count per layer.
    @discardableResult
    public static func write(
        store: Store, to path: String, mapTechnology: Measure = .broadband,
        breaks: [Double] = MapPalette.defaultBreaks
    ) throws -> [(String, Int)] {
        try OutputFile.checkTarget(path)
        let (bytes, counts) = try encode(
            store: store, scratchFolder: (path as NSString).deletingLastPathComponent, mapTechnology: mapTechnology,
            breaks: breaks)
        try OutputFile.write(bytes, to: path)
        return counts
    }

    /// The GeoPackage's bytes and the feature count per layer, written by GDAL to a hidden scratch
    /// file in `scratchFolder` (removed afterwards).
    static func encode(
        store: Store, scratchFolder: String, mapTechnology: Measure, breaks: [Double]
    ) throws -> ([UInt8], [(String, Int)]) {
        let folder = scratchFolder.isEmpty ? "." : scratchFolder
        let scratch = (folder as NSString).appendingPathComponent(
            ".covaudit-gpkg-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).gpkg")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let counts = try writeFile(store: store, to: scratch, mapTechnology: mapTechnology, breaks: breaks)
        guard let data = FileManager.default.contents(atPath: scratch) else {
            throw ReportError(message: "\(scratch): GDAL wrote no GeoPackage")
        }
        return ([UInt8](data), counts)
    }

    /// Writes a new GeoPackage file at `path` with GDAL.
    private static func writeFile(
        store: Store, to path: String, mapTechnology: Measure, breaks: [Double]
    ) throws -> [(String, Int)] {
        let writer = try GeoPackageWriter(path: path)
        var counts: [(String, Int)] = []
        counts.append(("communes", try writeCommunes(store, writer)))
        let prefix = UnitColumns.columnPrefix(mapTechnology)
        writer.addStyle(
            layer: "communes", name: "\(prefix) households",
            qml: QGISStyle.shareChoropleth(attribute: "\(prefix)_household_share", breaks: breaks), isDefault: true)
        writer.addStyle(
            layer: "communes", name: "fibre households",
            qml: QGISStyle.shareChoropleth(attribute: "fibre_household_share", breaks: breaks), isDefault: false)
        for (layer, name, geometry, kind, colour) in layers {
            counts.append((name, try writeQuery(store, writer, name, geometry, layer.sql, [])))
            writer.addStyle(layer: name, name: name, qml: QGISStyle.single(kind, colour: colour), isDefault: true)
        }
        try writer.finish()
        return counts
    }

    /// The communes of the latest run's vintage (when it was the default: the latest imported) with their
    /// figures, one column per measure.
    private static func writeCommunes(_ store: Store, _ writer: GeoPackageWriter) throws -> Int {
        guard let run = try store.db.scalar("SELECT max(id) FROM coverage_runs").int else {
            throw ReportError(message: "the store holds no coverage run; run covaudit coverage first")
        }
        let technologies = try store.db.rows(
            "SELECT DISTINCT technology FROM unit_coverage WHERE run_id = ? AND operator = '' ORDER BY technology",
            [run], { $0.text(0) ?? "" }
        ).compactMap(Measure.init(rawValue:))
        var columns = ""
        var bindings: [any SQLBindable] = []
        for key in technologies {
            let p = UnitColumns.columnPrefix(key)
            for (column, source) in [
                ("households", "households_covered"), ("household_share", "household_share"),
                ("persons", "persons_covered"), ("person_share", "person_share"), ("area_share", "area_share"),
            ] {
                columns += ", max(CASE WHEN uc.technology = ? THEN uc.\(source) END) AS \(p)_\(column)"
                bindings.append(key.rawValue)
            }
        }
        let sql = """
            SELECT a.code, a.name, a.level, a.parent_code, a.vintage, max(uc.locations) AS locations,
              max(uc.households) AS households, max(uc.persons) AS persons\(columns), AsBinary(a.geom)
            FROM admin_units a JOIN coverage_runs r ON r.id = \(run)
            JOIN unit_coverage uc ON uc.run_id = r.id AND uc.operator = '' AND uc.unit_code = a.code
              AND uc.unit_level = a.level
            WHERE a.level = 'commune' AND a.vintage = COALESCE(json_extract(r.parameters, '$.vintage'),
              (SELECT vintage FROM admin_units WHERE level = 'commune' ORDER BY dataset_id DESC LIMIT 1))
            GROUP BY a.code, a.level ORDER BY a.code
            """
        return try writeQuery(store, writer, "communes", .multiPolygon, sql, bindings)
    }

    /// SpatiaLite geometry column types and BLOB: not attribute fields.
    static let geometryTypes: Set<String> = [
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRY",
        "GEOMETRYCOLLECTION", "BLOB",
    ]

    /// Writes a query whose last column is the WKB geometry; field types from the values (two passes).
    private static func writeQuery(
        _ store: Store, _ writer: GeoPackageWriter, _ name: String, _ geometry: GeoPackageWriter.LayerGeometry,
        _ sql: String, _ bindings: [any SQLBindable]
    ) throws -> Int {
        let scan = try store.db.prepare(sql).bind(bindings)
        let count = scan.columnCount - 1
        let names = (0..<count).map { scan.columnName($0) }
        // Declared column types first (a layer without rows is typed too); expressions by their values.
        var kinds = [GeoPackageWriter.FieldKind?](repeating: nil, count: count)
        var blob = [Bool](repeating: false, count: count)
        var declared = [Bool](repeating: false, count: count)
        for i in 0..<count {
            guard let type = scan.columnDeclaredType(i) else { continue }
            declared[i] = true
            if geometryTypes.contains(type) {
                blob[i] = true
            } else if type.contains("INT") {
                kinds[i] = .integer
            } else if type.contains("REAL") || type.contains("DOUB") || type.contains("FLOA") {
                kinds[i] = .real
            } else if type.contains("TEXT") || type.contains("CHAR") {
                kinds[i] = .text
            } else {
                kinds[i] = .text
            }
        }
        try scan.forEachRow { row in
            for i in 0..<count where !declared[i] {
                switch (row.value(i), kinds[i]) {
                case (.null, _): break
                case (.blob, _): blob[i] = true
                case (.integer, nil): kinds[i] = .integer
                case (.real, nil), (.real, .integer?): kinds[i] = .real
                case (.text, _): kinds[i] = .text
                default: break
                }
            }
        }
        let kept = (0..<count).filter { !blob[$0] }
        let fields = kept.map { (names[$0], kinds[$0] ?? .text) }
        var written = 0
        try writer.writeLayer(name, geometry: geometry, fields: fields) { emit in
            try store.db.prepare(sql).bind(bindings).forEachRow { row in
                let values: [GeoPackageWriter.FieldValue] = kept.map { i in
                    switch row.value(i) {
                    case .integer(let v): kinds[i] == .text ? .text(String(v)) : .integer(v)
                    case .real(let v): kinds[i] == .text ? .text(String(v)) : .real(v)
                    case .text(let v): .text(v)
                    case .null, .blob: .null
                    }
                }
                let g: Geometry? = row.isNull(count) ? nil : try row.withBlob(count) { try WKB.decode($0) }
                try emit(g, values)
                written += 1
            }
        }
        return written
    }
}
