import CoverageFormats
import CoverageModel
import Foundation

/// A file read as a stream of `InputRecord`s.
protocol RecordSource {
    /// The EPSG code the file declares (GeoJSON `crs`, a GDAL layer's CRS), if any.
    var declaredSRID: Int? { get }
    /// Why the coordinate system the file declares cannot be used (e.g. an unknown `crs`), if so.
    var crsProblem: String? { get }
    /// True when the records' geometries are already reprojected to WGS 84.
    var reprojects: Bool { get }
    /// The format recorded with the dataset when it is not the `InputFormat`'s own name (a GDAL driver's name).
    var formatName: String? { get }
    /// The EPSG code of the coordinates as read, from the options and the file's declaration.
    func sourceSRID(options: ImportOptions, file: String) throws -> Int
    /// Calls `body` for each record in file order.
    func forEach(_ body: (InputRecord) throws -> Void) throws
    /// Calls `body` for each record in file order, each record first passed through `prepare` on a
    /// parse thread where the reader has them; a reader without them does not call `prepare`.
    func forEach(
        preparing prepare: @escaping @Sendable (InputRecord) -> InputRecord, _ body: (InputRecord) throws -> Void
    ) throws
}

extension RecordSource {
    var crsProblem: String? { nil }
    var reprojects: Bool { false }
    var formatName: String? { nil }

    /// A reader without parse threads passes its records on as they are (`prepare` is not called).
    func forEach(
        preparing prepare: @escaping @Sendable (InputRecord) -> InputRecord, _ body: (InputRecord) throws -> Void
    ) throws {
        try forEach(body)
    }

    /// `--assume-srid`, else `--srid` (refused when the file declares another), else the file's, else 4326.
    func sourceSRID(options: ImportOptions, file: String) throws -> Int {
        if let assumed = options.assumeSRID { return assumed }
        if let given = options.sourceSRID, let declared = declaredSRID, given != declared {
            throw ImportError(
                file: file, location: .file,
                reason:
                    "--srid \(given) contradicts the file's own CRS EPSG:\(declared); drop --srid to use the file's CRS, "
                    + "or pass --assume-srid \(given) if the file's CRS is wrong")
        }
        return options.sourceSRID ?? declaredSRID ?? 4326
    }
}

/// Opens the right reader for a format: streaming GeoJSON and CSV readers, GDAL/OGR for the rest.
func makeRecordSource(path: String, format: InputFormat, options: ImportOptions) throws -> any RecordSource {
    switch format {
    case .geojson:
        return try FeatureRecords.geojson(path: path, proveRings: options.layer.acceptedKinds.contains(.polygon))
    case .csv:
        // Evidence layers find their position columns themselves (many spellings; tiles by quadkey).
        return try CSVRecords(
            path: path, pointColumns: !options.layer.acceptedKinds.isEmpty && !options.layer.isEvidence,
            openCellID: false)
    case .opencellid: return try CSVRecords(path: path, pointColumns: true, openCellID: true)
    default: return try GDALRecords(path: path, format: format, options: options)
    }
}

/// Lower-cases property names so lookups ignore case.
func lowered(_ properties: [String: PropertyValue]) -> [String: PropertyValue] {
    // Most files name their properties in lower-case ASCII already: the dictionary is then its own
    // result (no two of its names can lower-case to the same one), kept without a copy.
    if !properties.keys.contains(where: { $0.utf8.contains(where: { (65...90).contains($0) || $0 >= 0x80 }) }) {
        return properties
    }
    var out: [String: PropertyValue] = [:]
    out.reserveCapacity(properties.count)
    for (k, v) in properties where out[k.lowercased()] == nil { out[k.lowercased()] = v }
    return out
}

/// Features of a GeoJSON file as records, parsed on worker threads for a FeatureCollection.
struct FeatureRecords: RecordSource {
    let declaredSRID: Int?
    var crsProblem: String? = nil
    /// The file's features.
    private let reader: GeoJSONReader
    /// Whether each polygon's simple-ring proof is worked out on the parse threads.
    private let proveRings: Bool

    /// A GeoJSON file, read in parallel chunks when it is a FeatureCollection.
    ///
    /// A legacy `crs` member declares the SRID. With `proveRings`, the simple-ring
    /// proof of each polygon is worked out where the feature is parsed (see `GeometryPipeline`).
    static func geojson(path: String, proveRings: Bool) throws -> FeatureRecords {
        let reader = try GeoJSONReader(path: path, parallel: true)
        let crs = reader.legacyCRS.map(SRIDDetection.fromLegacyCRS)
        return FeatureRecords(
            declaredSRID: crs?.srid, crsProblem: crs?.problem, reader: reader, proveRings: proveRings)
    }

    /// The record of a feature: lower-cased property names, the feature's `id` unless a property
    /// has that name, and the ring proof of a polygon when asked for.
    static func record(_ f: Feature, proveRings: Bool) -> InputRecord {
        var values = lowered(f.properties)
        if let id = f.id, values["id"] == nil { values["id"] = id }
        var record = InputRecord(location: .feature(f.index), geometry: f.geometry, values: values)
        if proveRings, let g = f.geometry, g.kind == .polygon || g.kind == .multiPolygon {
            record.provedSimpleShell = g.isProvedSimpleShell
        }
        return record
    }

    /// The features as records, parsed (and their rings proved) on the worker threads.
    func forEach(_ body: (InputRecord) throws -> Void) throws {
        let proveRings = self.proveRings
        try reader.forEachFeature(prepare: { Self.record($0, proveRings: proveRings) }, body)
    }

    /// The features as records, each also passed through `prepare` on the worker thread that parsed it.
    func forEach(
        preparing prepare: @escaping @Sendable (InputRecord) -> InputRecord, _ body: (InputRecord) throws -> Void
    ) throws {
        let proveRings = self.proveRings
        try reader.forEachFeature(prepare: { prepare(Self.record($0, proveRings: proveRings)) }, body)
    }
}

/// CSV rows as records; point geometry from lon/lat columns when `pointColumns` is set.
struct CSVRecords: RecordSource {
    static let openCellIDColumns = [
        "radio", "mcc", "net", "area", "cell", "unit", "lon", "lat", "range", "samples", "changeable",
        "created", "updated", "averagesignal",
    ]

    let reader: CSVReader
    let path: String
    let pointColumns: Bool
    let header: [String]
    let headerIsData: Bool
    var declaredSRID: Int? { nil }

    init(path: String, pointColumns: Bool, openCellID: Bool) throws {
        reader = try CSVReader(path: path)
        self.path = path
        self.pointColumns = pointColumns
        let fileHeader = reader.header.map { $0.lowercased() }
        if openCellID, fileHeader.first != "radio" {
            // OpenCelliD dumps come with or without a header line.
            header = Self.openCellIDColumns
            headerIsData = true
        } else {
            header = fileHeader
            headerIsData = false
        }
        var seen = Set<String>()
        for name in header where !name.isEmpty {
            guard seen.insert(name).inserted else {
                throw ImportError(
                    file: path, location: .line(1), reason: "column '\(name)' appears twice in the header")
            }
        }
        if pointColumns {
            for (label, names) in [("lon", FieldNames.lon), ("lat", FieldNames.lat)]
            where !names.contains(where: header.contains) {
                throw ImportError(
                    file: path, location: .line(1),
                    reason: "missing column '\(label)' (header: \(header.joined(separator: ",")))")
            }
        }
    }

    func forEach(_ body: (InputRecord) throws -> Void) throws {
        if headerIsData {
            try emit(fields: reader.header, line: 1, body)
        }
        try reader.forEachRecord { record in
            try emit(fields: record.fields, line: record.line, body)
        }
    }

    /// A row with `count` fields where the header has another number.
    func fieldCountError(_ count: Int, line: Int) -> ImportError {
        ImportError(file: path, location: .line(line), reason: "has \(count) fields, the header has \(header.count)")
    }

    private func emit(fields: [String], line: Int, _ body: (InputRecord) throws -> Void) throws {
        if fields.count == 1, fields[0].trimmingCharacters(in: .whitespaces).isEmpty { return }  // blank line
        guard fields.count == header.count else { throw fieldCountError(fields.count, line: line) }
        var values: [String: PropertyValue] = [:]
        values.reserveCapacity(header.count)
        for (name, field) in zip(header, fields) { values[name] = .string(field) }
        var record = InputRecord(location: .line(line), geometry: nil, values: values)
        if pointColumns {
            let lon = try record.number(FieldNames.lon, file: path)
            let lat = try record.number(FieldNames.lat, file: path)
            guard let lon, let lat else {
                throw ImportError(file: path, location: .line(line), reason: "lon or lat is empty")
            }
            record.geometry = .point(Coordinate(lon, lat))
        }
        try body(record)
    }
}
