import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// What every evidence row needs besides its record: the options, the dataset and the import's wall clock.
struct EvidenceContext {
    let options: ImportOptions
    let file: String
    let datasetID: Int64
    /// The import's wall clock, seconds since 1970 (times later than this + 1 day are excluded).
    let wallClock: Double

    /// The record's id, else its test id, else its place in this dataset.
    func externalID(_ r: some FieldLookup) -> String {
        if let id = r.text(MeasurementFields.id) ?? r.text(MeasurementFields.testID) { return id }
        switch r.location {
        case .feature(let i), .layerFeature(_, let i, _): return "d\(datasetID)-feature-\(i)"
        case .line(let n): return "d\(datasetID)-line-\(n)"
        default: return "d\(datasetID)-row"
        }
    }
}

/// Imports the records of an evidence layer (measurements or speed tiles): every implausible row
/// is left out and counted per reason; the counts are stored with the dataset.
struct EvidenceImport {
    let context: EvidenceContext
    let db: Connection
    let pipeline: GeometryPipeline
    /// The SRID of the geometries the records carry (4326 when the reader reprojected them).
    let recordSRID: Int

    /// What the import wrote and left out.
    struct Outcome {
        var rows = 0
        var tally = ExclusionTally()
        var warnings: [String] = []
        /// Measurements: what became of the institution ids.
        var probes = ProbeLinks()
    }

    var file: String { context.file }
    var options: ImportOptions { context.options }

    /// What the import keeps while it reads: the batch being filled, the ids seen, the outcome.
    private final class Pass {
        var outcome = Outcome()
        var checked = false
        var keys = Set<String>()
        /// The tiles seen, by column and row (every stored quadkey has 16 digits).
        var tileKeys = Set<UInt64>()
        /// A tile CSV file's columns, resolved at its first row.
        var tileColumns: SpeedTileColumns?
        /// The vertices of the last tile WKT read in Swift (reused from row to row).
        var ring: [Coordinate] = []
        let measurements: EvidenceInsertBatch<MeasurementRow>
        /// The packed blocks of the measurements written (nil for speed tiles).
        let blocks: MeasurementImportBlocks?
        let tiles: EvidenceInsertBatch<SpeedTileRow>
        let wkt: Statement
        let tileKind: SpeedTileKind
        let period: String?
        let locator: InstitutionLocator?

        init(_ importer: EvidenceImport) throws {
            let (db, options) = (importer.db, importer.options)
            measurements = EvidenceInsertBatch(db: db, file: importer.file)
            tiles = EvidenceInsertBatch(db: db, file: importer.file)
            blocks = options.layer == .measurements ? try MeasurementImportBlocks(db) : nil
            wkt = try db.prepare("SELECT AsBinary(GeomFromText(?, 4326))")
            tileKind = options.layer == .speedTiles ? try importer.resolveTileKind() : .mobile
            period = options.asOf ?? EvidenceImport.dateInName(importer.file)
            locator = options.layer == .measurements ? try InstitutionLocator(db) : nil
        }
    }

    /// Reads, checks and writes every record; throws (rolling back) on a structural problem or
    /// when every row was excluded.
    ///
    /// A CSV file is read in place (``CSVFieldRecord``: no dictionary per row); the rows are
    /// written 64 to an INSERT (``EvidenceInsertBatch``).
    func run(_ source: any RecordSource, progress throttle: inout ProgressThrottle) throws -> Outcome {
        let pass = try Pass(self)
        if let csv = source as? CSVRecords, csv.readsInPlace {
            try csv.forEachInPlace { r in try take(r, pass, &throttle) }
        } else {
            try source.forEach { r in try take(r, pass, &throttle) }
        }
        try pass.measurements.flush()
        try pass.blocks?.finish()
        try pass.tiles.flush()
        var outcome = pass.outcome
        if outcome.rows == 0, outcome.tally.total > 0 {
            throw ImportError(
                file: file, location: .file,
                reason:
                    "every row was excluded (\(outcome.tally.text)); nothing imported. First: "
                    + (outcome.tally.summary.first?.examples.first.map { "\($0.location): \($0.detail)" } ?? ""))
        }
        let record = try db.prepare("INSERT INTO dataset_exclusions(dataset_id, reason, count) VALUES (?, ?, ?)")
        for count in outcome.tally.summary {
            try record.bind([context.datasetID, count.reason.rawValue, count.count]).run()
        }
        if outcome.tally.total > 0 {
            outcome.warnings.append("\(outcome.tally.total) rows excluded: \(outcome.tally.text)")
        }
        outcome.warnings += outcome.probes.warnings
        return outcome
    }

    /// Checks one record and adds it to its batch, or counts it as excluded.
    private func take(_ r: some FieldLookup, _ pass: Pass, _ throttle: inout ProgressThrottle) throws {
        let layer = options.layer
        if !pass.checked {
            try (layer == .measurements ? checkMeasurementColumns(r, &pass.outcome) : checkTileColumns(r))
            pass.checked = true
        }
        do {
            if layer == .measurements {
                let key = context.externalID(r)
                guard pass.keys.insert(key).inserted else {
                    throw ImportError(
                        file: file, location: r.location, reason: "duplicate id '\(key)' in this file")
                }
                let institution = r.text(MeasurementFields.institutionID)
                let place = institution.flatMap { pass.locator?.positions[$0] }
                let located = !Self.hasCoordinates(r)
                if located, institution != nil, place == nil {
                    throw Excluded(
                        reason: .institutionNotFound,
                        detail: "no coordinates and no stored institution '\(institution ?? "")'")
                }
                var measurement = try MeasurementRow(
                    r, position: located ? place ?? (try position(r)) : try position(r), context: context)
                measurement.locatedAtInstitution = located && place != nil
                try pass.measurements.append(measurement, at: r.location)
                try pass.blocks?.append(measurement)
                if let institution {
                    pass.outcome.probes.note(
                        institution, matched: place != nil, located: measurement.locatedAtInstitution)
                }
            } else {
                let tile: SpeedTileRow
                if let row = r as? CSVFieldRecord {
                    tile = try csvTile(row, pass)
                } else {
                    let polygon = try tilePolygon(r, wkt: pass.wkt)
                    tile = try SpeedTileRow(
                        r, polygon: polygon.map { .geometry($0) }, kind: pass.tileKind, period: pass.period,
                        datasetID: context.datasetID)
                }
                let (x, y) = tile.tile.quadkey.tile
                guard pass.tileKeys.insert(UInt64(x) << 32 | UInt64(y)).inserted else {
                    throw ImportError(
                        file: file, location: r.location,
                        reason: "quadkey \(tile.tile.quadkey) appears twice in this file")
                }
                noteExtent(tile.bounds, at: r.location)
                try pass.tiles.append(tile, at: r.location)
            }
            pass.outcome.rows += 1
            throttle.tick(rows: pass.outcome.rows)
        } catch let e as Excluded {
            pass.outcome.tally.exclude(e.reason, at: r.location, e.detail)
        }
    }

    /// A tile from a CSV row read in place: the numbers from the field bytes by columns resolved
    /// once, Ookla's WKT read into the reused vertex buffer (other WKT as ``tilePolygon(_:wkt:)`` reads it).
    private func csvTile(_ r: CSVFieldRecord, _ pass: Pass) throws -> SpeedTileRow {
        let columns = pass.tileColumns ?? SpeedTileColumns(r.columns)
        pass.tileColumns = columns
        let outline: TileOutline?
        if let i = columns.tile, TileWKT.vertices(r.raw[i], into: &pass.ring) {
            outline = .ring(pass.ring)
        } else {
            outline = try tilePolygon(r, wkt: pass.wkt).map { .geometry($0) }
        }
        return try SpeedTileRow(
            CSVTileValues(raw: r.raw, columns: columns), polygon: outline, kind: pass.tileKind, period: pass.period,
            datasetID: context.datasetID)
    }

    /// `--tile-kind`, else `fixed` or `mobile` in the file name; refused when neither says.
    func resolveTileKind() throws -> SpeedTileKind {
        if let kind = options.tileKind { return kind }
        let name = (file as NSString).lastPathComponent.lowercased()
        let named = SpeedTileKind.allCases.filter { name.contains($0.rawValue) }
        guard named.count == 1, let kind = named.first else {
            throw ImportError(
                file: file, location: .file,
                reason:
                    "cannot tell fixed from mobile tiles: the file name says \(named.isEmpty ? "neither" : "both"); "
                    + "pass --tile-kind fixed or --tile-kind mobile")
        }
        return kind
    }

    /// The first `YYYY-MM-DD` in a file name (Ookla names its files by the quarter's first day).
    static func dateInName(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard let range = name.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) else { return nil }
        return String(name[range])
    }

    /// Refuses a file whose columns give no position or no measured value, naming the columns found.
    func checkMeasurementColumns(_ r: some FieldLookup, _ outcome: inout Outcome) throws {
        let columns = r.fieldNames
        // A probe export may locate its tests by institution id alone (placed at the institution's location).
        let hasPosition =
            r.geometry != nil
            || (MeasurementFields.lon.contains(where: columns.contains)
                && MeasurementFields.lat.contains(where: columns.contains))
            || MeasurementFields.institutionID.contains(where: columns.contains)
        let hasValue = MeasurementFields.measuredValues.contains(where: columns.contains)
        guard hasPosition, hasValue else {
            let missing = [
                hasPosition ? nil : "a position (geometry, lon/lat columns or an institution id)",
                hasValue ? nil : "a measured value (download, upload, latency, RSRP, RSRQ or SINR)",
            ]
            .compactMap { $0 }.joined(separator: " and ")
            throw ImportError(
                file: file, location: .file,
                reason:
                    "cannot map the columns to measurements: no column gives \(missing); columns found: "
                    + (columns.isEmpty ? "none" : columns.joined(separator: ", ")))
        }
        if !MeasurementFields.time.contains(where: columns.contains) {
            outcome.warnings.append(
                "no time column (looked for \(MeasurementFields.time.joined(separator: ", "))): tests have no time")
        }
    }

    /// Refuses a tile file without a quadkey column, naming the columns found.
    func checkTileColumns(_ r: some FieldLookup) throws {
        let columns = r.fieldNames
        guard SpeedTileFields.quadkey.contains(where: columns.contains) else {
            throw ImportError(
                file: file, location: .file,
                reason: "no quadkey column for speed tiles; columns found: \(columns.joined(separator: ", "))")
        }
    }

    /// True when the record gives a geometry or a non-empty lon or lat (then it must be readable).
    static func hasCoordinates(_ r: some FieldLookup) -> Bool {
        if r.geometry != nil { return true }
        for names in [MeasurementFields.lon, MeasurementFields.lat] {
            if let v = r.value(names), v != .null,
                v.number != nil || !(v.text ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            {
                return true
            }
        }
        return false
    }

    /// The record's checked lon/lat: from its point geometry, else its lon/lat columns.
    func position(_ r: some FieldLookup) throws -> Coordinate {
        var raw: Coordinate
        if let g = r.geometry {
            guard case .point(let c) = g else {
                throw ImportError(
                    file: file, location: r.location,
                    reason: "geometry is a \(g.kind.rawValue); layer measurements takes Point")
            }
            raw = c
        } else {
            guard let lon = r.value(MeasurementFields.lon), let lat = r.value(MeasurementFields.lat),
                let x = lon.number, let y = lat.number
            else {
                throw Excluded(reason: .badCoordinates, detail: "no readable lon/lat")
            }
            raw = Coordinate(x, y)
        }
        guard raw.isFinite else { throw Excluded(reason: .badCoordinates, detail: "(\(raw.x), \(raw.y))") }
        if recordSRID == 4326, !(abs(raw.x) <= 180 && abs(raw.y) <= 90) {
            throw Excluded(reason: .badCoordinates, detail: "(\(raw.x), \(raw.y)) outside lon ±180, lat ±90")
        }
        guard case .point(let c)? = try pipeline.process(.point(raw), at: r.location) else {
            throw Excluded(reason: .badCoordinates, detail: "(\(raw.x), \(raw.y))")
        }
        return c
    }

    /// The polygon a tile record gives: its geometry, else its `tile` WKT; nil when neither.
    func tilePolygon(_ r: some FieldLookup, wkt: Statement) throws -> Geometry? {
        if let g = r.geometry {
            guard g.kind == .polygon || g.kind == .multiPolygon else {
                throw ImportError(
                    file: file, location: r.location,
                    reason: "geometry is a \(g.kind.rawValue); layer speed-tiles takes Polygon")
            }
            // A file in another CRS that the reader did not reproject (a GeoJSON `crs`) is brought to lon/lat first.
            return recordSRID == 4326 ? g : try pipeline.process(g, at: r.location)
        }
        guard let text = r.text(SpeedTileFields.tile) else { return nil }
        if let wkb = TileWKT.polygonWKB(text) { return try WKB.decode(wkb) }
        try wkt.bind([text])
        defer { wkt.reset() }
        guard try wkt.step(), let g = try wkt.row.withBlob(0, { $0.isEmpty ? nil : try WKB.decode($0) }) else {
            throw Excluded(reason: .unreadableValue, detail: "tile '\(text.prefix(40))' is not WKT")
        }
        return g
    }

    /// Notes a tile (its bounds `b`) outside the plausible extent (the import then fails unless allowed, as for every layer).
    func noteExtent(_ b: BoundingBox, at location: InputLocation) {
        let center = Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
        if !options.extent.contains(center) { pipeline.noteOutside(location, center) }
    }
}
