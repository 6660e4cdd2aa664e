import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageStore
import Foundation
import GDALVector

/// Writes the latest coverage run's layers into one GeoPackage, styled for QGIS.
public enum GeoPackageExport {
    /// Starts opening GDAL on a background thread, for a command that writes a GeoPackage later
    /// (GDAL is opened on first use, D49: its libraries then load while the command computes).
    public static func preload() { GDALLibrary.preload() }

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
    /// With `evidence`, the layers of its flagged cells and their tests follow the run's layers.
    static func encode(
        store: Store, scratchFolder: String, mapTechnology: Measure, breaks: [Double],
        evidence: ReportEvidence? = nil
    ) throws -> ([UInt8], [(String, Int)]) {
        try scratchBytes(in: scratchFolder) {
            try writeFile(store: store, to: $0, mapTechnology: mapTechnology, breaks: breaks, evidence: evidence)
        }
    }

    /// Writes the evidence layers alone (`challenge_candidates`, `challenge_tests`, `served_undeclared`)
    /// as a GeoPackage output file, as `write` does; returns the feature count per layer.
    @discardableResult
    public static func writeEvidence(
        _ result: EvidenceResult, tests: [String: CoverageModel.Measurement], to path: String
    ) throws -> [(String, Int)] {
        try OutputFile.checkTarget(path)
        let (bytes, counts) = try scratchBytes(in: (path as NSString).deletingLastPathComponent) { scratch in
            let writer = try GeoPackageWriter(path: scratch)
            let counts = try EvidenceExports.writeLayers(result, tests: tests, to: writer)
            try writer.finish()
            return counts
        }
        try OutputFile.write(bytes, to: path)
        return counts
    }

    /// The bytes GDAL wrote through `write` to a hidden scratch file in `scratchFolder` (removed afterwards).
    private static func scratchBytes(
        in scratchFolder: String, _ write: (String) throws -> [(String, Int)]
    ) throws -> ([UInt8], [(String, Int)]) {
        let folder = scratchFolder.isEmpty ? "." : scratchFolder
        removeStaleScratch(in: folder)
        let scratch = (folder as NSString).appendingPathComponent(
            "\(scratchPrefix)\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).gpkg")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let counts = try write(scratch)
        guard let data = FileManager.default.contents(atPath: scratch) else {
            throw ReportError(message: "\(scratch): GDAL wrote no GeoPackage")
        }
        return ([UInt8](data), counts)
    }

    /// The hidden prefix of scratch GeoPackages (then the writing process's id).
    private static let scratchPrefix = ".covaudit-gpkg-"

    /// Removes scratch GeoPackages (and their SQLite side files) left by covaudit processes that no
    /// longer run (a killed report), as `OutputFile` does for its temporary files.
    private static func removeStaleScratch(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(scratchPrefix) {
            let rest = name.dropFirst(scratchPrefix.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }), pid > 0 else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink((folder as NSString).appendingPathComponent(name)) }
        }
    }

    /// Writes a new GeoPackage file at `path` with GDAL.
    private static func writeFile(
        store: Store, to path: String, mapTechnology: Measure, breaks: [Double], evidence: ReportEvidence?
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
            counts.append((name, try writeQuery(store, writer, name, geometry, .layer(layer))))
            writer.addStyle(layer: name, name: name, qml: QGISStyle.single(kind, colour: colour), isDefault: true)
        }
        if let evidence {
            counts += try EvidenceExports.writeLayers(evidence.result, tests: evidence.candidateTests, to: writer)
        }
        try writer.finish()
        return counts
    }

    /// The communes of the latest run's vintage (when it was the default: the latest imported) with their
    /// figures, one column per measure.
    private static func writeCommunes(_ store: Store, _ writer: GeoPackageWriter) throws -> Int {
        guard let run = try store.latestRunID() else {
            throw ReportError(message: "the store holds no coverage run; run covaudit coverage first")
        }
        let technologies = try store.runTechnologies(run).compactMap(Measure.init(rawValue:))
        let measures = technologies.map { (technology: $0.rawValue, prefix: UnitColumns.columnPrefix($0)) }
        return try writeQuery(store, writer, "communes", .multiPolygon, .communeFigures(run: run, measures: measures))
    }

    /// SpatiaLite geometry column types and BLOB: not attribute fields.
    static let geometryTypes: Set<String> = [
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRY",
        "GEOMETRYCOLLECTION", "BLOB",
    ]

    /// Writes the rows of `source` (properties, then the geometry); field types from the declared
    /// column types, else from the values (two passes).
    private static func writeQuery(
        _ store: Store, _ writer: GeoPackageWriter, _ name: String, _ geometry: GeoPackageWriter.LayerGeometry,
        _ source: ExportSource
    ) throws -> Int {
        var names: [String] = []
        // Declared column types first (a layer without rows is typed too); expressions by their values.
        var kinds: [GeoPackageWriter.FieldKind?] = []
        var blob: [Bool] = []
        var declared: [Bool] = []
        try store.exportRows(
            source,
            columns: { columns in
                names = columns.map(\.name)
                kinds = [GeoPackageWriter.FieldKind?](repeating: nil, count: columns.count)
                blob = [Bool](repeating: false, count: columns.count)
                declared = [Bool](repeating: false, count: columns.count)
                for (i, column) in columns.enumerated() {
                    guard let type = column.declaredType else { continue }
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
            }
        ) { row in
            for i in names.indices where !declared[i] {
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
        let kept = names.indices.filter { !blob[$0] }
        let fields = kept.map { (names[$0], kinds[$0] ?? .text) }
        var written = 0
        try writer.writeLayer(name, geometry: geometry, fields: fields) { emit in
            try store.exportRows(source, columns: { _ in }) { row in
                let values: [GeoPackageWriter.FieldValue] = kept.map { i in
                    switch row.value(i) {
                    case .integer(let v): kinds[i] == .text ? .text(String(v)) : .integer(v)
                    case .real(let v): kinds[i] == .text ? .text(String(v)) : .real(v)
                    case .text(let v): .text(v)
                    case .null, .blob: .null
                    }
                }
                try emit(try row.geometry(), values)
                written += 1
            }
        }
        return written
    }
}
