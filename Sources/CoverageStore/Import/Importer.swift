import CoverageFormats
import CoverageModel
import Foundation
import GDALVector
import SpatialSQL

extension Store {
    /// Imports one file into a layer in a single transaction and records its provenance.
    ///
    /// Either every feature lands (one `datasets` row, N layer rows) or nothing does: on any error
    /// the transaction is rolled back and the store is unchanged.
    /// - Throws: `ImportError` naming the file, the feature or line, and the reason.
    public func importFile(
        _ path: String, options: ImportOptions, progress: (any ProgressSink)? = nil
    ) throws -> ImportResult {
        let started = Date()
        let file = path
        let format = try resolveFormat(path: path, options: options)
        var options = options
        options.format = format
        // Sniffed and opened (header, crs) before anything is hashed; the hash runs beside the parse.
        let source = try makeRecordSource(path: path, format: format, options: options)
        if options.sourceSRID == nil, options.assumeSRID == nil, let problem = source.crsProblem {
            throw ImportError(file: file, location: .file, reason: problem)
        }
        let srid = try source.sourceSRID(options: options, file: file)
        // Evidence files are large (10 M measurements): see `bulkPageSettings`.
        let restoreCache = options.layer.isEvidence ? try bulkPageSettings() : nil
        defer { restoreCache?() }
        do {
            // The CSV fast path and evidence rows reference only the dataset row their own
            // transaction inserts.
            let checksOff = try db.turnForeignKeyChecksOff(
                if: options.layer.isEvidence
                    || HouseholdBulkImport.applies(
                        layer: options.layer, format: format, srid: source.reprojects ? 4326 : srid)
            )
            defer { if checksOff { db.turnForeignKeyChecksOn() } }
            return try db.transaction {
                // The file's hash is computed on its own thread while the records are parsed and
                // written; a parse that fails stops it, so a bad file is not read to the end.
                let stop = StopFlag()
                let (hash, parsed) = try ParallelChunks.beside(
                    { Result { try Self.datasetHash(path: path, format: format, isCancelled: { stop.isSet }) } },
                    {
                        do {
                            return try importRecords(
                                source, file: file, format: format, srid: srid,
                                pipelineSRID: source.reprojects ? 4326 : srid, options: options,
                                progress: progress)
                        } catch {
                            stop.set()
                            throw error
                        }
                    })
                return try finishImport(
                    parsed, hash: hash, file: file, srid: srid, options: options, started: started)
            }
        } catch let error as ImportError {
            throw error
        } catch let error as SQLError {
            throw ImportError(file: file, location: .file, reason: storeFailureReason(error))
        }
    }

    /// Switches the page cache to 1 GiB and temporary storage to memory; returns what restores them.
    ///
    /// The cache keeps the written table and R*Tree pages from spilling into the WAL (and being
    /// written again) before the commit; in memory, the statement journal each INSERT with triggers
    /// keeps is not written to a temporary file (a few pages per row).
    private func bulkPageSettings() throws -> () -> Void {
        let cache = try db.scalar("PRAGMA cache_size").int ?? -2000
        let temp = try db.scalar("PRAGMA temp_store").int ?? 0
        try db.execute("PRAGMA cache_size=-1048576")
        try db.execute("PRAGMA temp_store=MEMORY")
        return { [db] in
            try? db.execute("PRAGMA temp_store=\(temp)")
            try? db.execute("PRAGMA cache_size=\(cache)")
        }
    }

    /// The SHA-256 recorded for a dataset: of the file, or for a Shapefile of its parts together
    /// (SHA-256 over the .shp, .dbf, .prj and .cpg digests, those present), so a changed .dbf counts;
    /// for a folder dataset (an OpenFileGDB `.gdb`) of its files' digests by name.
    static func datasetHash(path: String, format: InputFormat, isCancelled: () -> Bool = { false }) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            let combined = try names.map {
                "\($0):\(try SHA256.hexDigest(ofFile: "\(path)/\($0)", isCancelled: isCancelled))\n"
            }.joined()
            return SHA256.hex(SHA256.digest(Array(combined.utf8)))
        }
        guard format == .shapefile else { return try SHA256.hexDigest(ofFile: path, isCancelled: isCancelled) }
        let base = (path as NSString).deletingPathExtension
        var combined = ""
        for ext in ["shp", "dbf", "prj", "cpg"] where FileManager.default.fileExists(atPath: "\(base).\(ext)") {
            combined += "\(ext):\(try SHA256.hexDigest(ofFile: "\(base).\(ext)", isCancelled: isCancelled))\n"
        }
        return SHA256.hex(SHA256.digest(Array(combined.utf8)))
    }

    /// The reason for an SQLite failure during an import: a problem with the store file itself
    /// (full, read-only, damaged, locked) is named as such; anything else keeps SQLite's message.
    func storeFailureReason(_ error: SQLError) -> String {
        guard isStoreProblem(error) else { return error.description }
        let problem = StoreError(error, path: path)
        let name = (path as NSString).lastPathComponent
        return "store \(name): \(problem.summary); the import was rolled back and the store is unchanged"
    }

    /// True when an SQLite failure is about the store file itself (full, read-only, damaged,
    /// locked) rather than about the data being written.
    private func isStoreProblem(_ error: SQLError) -> Bool {
        if case .sql = StoreError(error, path: path) { return false }
        return true
    }

    private func resolveFormat(path: String, options: ImportOptions) throws -> InputFormat {
        // Before anything opens it: reading a FIFO would block, a device (/dev/zero) never ends.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            throw ImportError(
                file: path, location: .file,
                reason: "is not a regular file (a pipe, socket or device); save the data to a file first")
        }
        let detected = FileSniffer.detect(path: path)
        let head = FileSniffer.head(path: path)
        switch detected {
        case .missing: throw ImportError(file: path, location: .file, reason: "no such file")
        case .gzip:
            throw ImportError(file: path, location: .file, reason: "is gzip-compressed; decompress it first (gunzip)")
        case .zip where !["kmz"].contains(pathExtension(path)):
            throw ImportError(file: path, location: .file, reason: "is a zip archive; extract it first")
        case .directory where options.format?.gdalDrivers == nil && VectorFile.identifyDriver(path: path) == nil:
            throw ImportError(file: path, location: .file, reason: "is a directory, not a file")
        default: break
        }
        let format: InputFormat
        if let f = options.format {
            format = f
        } else {
            format = try detectFormat(path: path, detected: detected, layer: options.layer)
        }
        if [.geojson, .csv, .opencellid].contains(format), FileSniffer.holdsNUL(head) {
            throw ImportError(
                file: path, location: .file,
                reason:
                    "holds NUL bytes in its first 4 KiB: binary data, not \(format == .geojson ? "GeoJSON" : "CSV") "
                    + "text (UTF-16 text must be saved as UTF-8 first)")
        }
        return format
    }

    /// The format of a file nothing names: the streaming readers keep what is theirs (GeoJSON, CSV,
    /// OpenCelliD exports), GDAL's drivers name everything else.
    private func detectFormat(path: String, detected: DetectedFormat, layer: Layer) throws -> InputFormat {
        switch detected {
        case .geojson: return .geojson
        case .opencellid:
            guard layer == .sites else {
                throw ImportError(
                    file: path, location: .file,
                    reason:
                        "looks like an OpenCelliD cell export (header radio,mcc,net,area,cell,unit,lon,lat,…): "
                        + "import it into the sites layer, or pass --input-format csv to read it as plain CSV")
            }
            return .opencellid
        case .csv where ["csv", "tsv", "txt", ""].contains(pathExtension(path)): return .csv
        default: break
        }
        if let driver = VectorFile.identifyDriver(path: path), !["GeoJSON", "CSV"].contains(driver) {
            return InputFormat(gdalDriver: driver)
        }
        // No driver claims it: let the extension's driver open it and say what is wrong.
        if let format = InputFormat(gdalExtension: pathExtension(path)) { return format }
        if detected == .csv { return .csv }
        throw ImportError(
            file: path, location: .file,
            reason: "cannot tell the format (GeoJSON, CSV, or any vector format GDAL reads); pass --input-format")
    }

    /// The lower-case extension of a path.
    private func pathExtension(_ path: String) -> String {
        (path as NSString).pathExtension.lowercased()
    }

    /// The file's SHA-256 once the parse is done; refuses a file already imported into the layer.
    private func finishedHash(
        _ hash: Result<String, any Error>, file: String, datasetID: Int64, options: ImportOptions
    ) throws -> String {
        let sha: String
        do { sha = try hash.get() } catch {
            throw ImportError(file: file, location: .file, reason: "cannot read: \(error)")
        }
        let layer = options.layer
        if !options.replace,
            let prior = try db.rows(
                "SELECT id, imported_at FROM datasets WHERE layer = ? AND sha256 = ? AND id <> ? LIMIT 1",
                [layer.rawValue, sha, datasetID], { "dataset \($0.int(0)) on \($0.text(1) ?? "?")" }
            ).first
        {
            throw ImportError(
                file: file, location: .file,
                reason:
                    "this file (sha256 \(sha.prefix(12))…) was already imported into \(layer.rawValue) as \(prior); "
                    + "use --replace to import it again")
        }
        return sha
    }

    private func importRecords(
        _ source: any RecordSource, file: String, format: InputFormat, srid: Int, pipelineSRID: Int,
        options: ImportOptions, progress: (any ProgressSink)?
    ) throws -> ParsedDataset {
        let layer = options.layer
        let replaced = options.replace ? try deleteForReplace(options) : 0
        let existingRows = try db.scalar("SELECT count(*) FROM \(layer.table)").int ?? 0
        let optionsText = describe(options, srid: srid)
        let formatName = source.formatName ?? format.rawValue
        try db.execute(
            """
            INSERT INTO datasets(layer, file_name, sha256, row_count, imported_at, as_of, format, options)
            VALUES (?, ?, '', 0, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?)
            """,
            [layer.rawValue, (file as NSString).lastPathComponent, options.asOf, formatName, optionsText])
        let datasetID = db.lastInsertRowID
        let writer = try LayerWriter(layer: layer, options: options, file: file, datasetID: datasetID, db: db)
        let pipeline = try GeometryPipeline(
            layer: layer, options: options, file: file, sourceSRID: pipelineSRID, db: db)
        let circles =
            try options.coverageFromRange
            ? db.prepare(
                """
                INSERT INTO coverage_areas(ext_id, operator, technology, source, confidence, as_of, site_id, dataset_id, geom)
                SELECT ext_id, operator, technology, 'predicted', NULL, ?, ext_id, dataset_id, GeomFromWKB(?, 4326)
                FROM sites WHERE id = ?
                """) : nil
        var keys = Set<String>()
        var rows = 0
        var skipped = 0
        var circlesMade = 0
        var sawShare = false
        var throttle = ProgressThrottle(sink: progress)
        var evidence: EvidenceImport.Outcome?
        if layer.isEvidence {
            let context = EvidenceContext(
                options: options, file: file, datasetID: datasetID, wallClock: Date().timeIntervalSince1970)
            let table = layer == .measurements ? "measurements" : "speed_tiles"
            let outcome = try DeferredSpatialIndex(db: db, table: table, geometry: "geom").run {
                try MeasurementImportBlocks.suspendingInsertTrigger(db) {
                    try EvidenceImport(context: context, db: db, pipeline: pipeline, recordSRID: pipelineSRID)
                        .run(source, progress: &throttle)
                }
            }
            rows = outcome.rows
            evidence = outcome
        } else if HouseholdBulkImport.applies(layer: layer, format: format, srid: pipelineSRID) {
            rows = try HouseholdBulkImport(
                path: file, options: options, datasetID: datasetID, db: db, pipeline: pipeline,
                explain: { self.explain($0, layer: layer, options: options) }
            ).run(progress: &throttle)
        } else {
            // Coverage rows are made on the parse threads with their geometry as read; the spatial
            // index is then packed from the BLOBs' boxes.
            let prepare = Self.rowPreparation(layer: layer, context: writer.context, pipeline: pipeline)
            let boxes = prepare == nil ? nil : InsertedBoxes()
            let handle: (InputRecord) throws -> Void = { record in
                if let key = writer.key(record), !keys.insert(key).inserted {
                    throw ImportError(
                        file: file, location: record.location, reason: "duplicate id '\(key)' in this file")
                }
                let repairedBefore = pipeline.repaired
                let geometry = try pipeline.process(
                    record.geometry, at: record.location, provedSimple: record.provedSimpleShell,
                    facts: record.geometryFacts)
                if record.value(FieldNames.share) != nil { sawShare = true }
                do {
                    if let prepared = record.preparedRow, pipeline.repaired == repairedBefore {
                        let row = try prepared.get()
                        try writer.write(row)
                        boxes?.add(rowid: self.db.lastInsertRowID, box: row.geometryBox)
                    } else {
                        boxes?.markUnknown()
                        guard try writer.write(record, geometry: geometry) else {
                            skipped += 1
                            return
                        }
                    }
                } catch let e as SQLError {
                    throw ImportError(
                        file: file, location: record.location, reason: self.explain(e, layer: layer, options: options))
                }
                rows += 1
                if let circles, case .point(let c)? = geometry,
                    let range = try self.db.scalar("SELECT range_m FROM sites WHERE id = ?", [self.db.lastInsertRowID])
                        .double,
                    range > 0
                {
                    let ring = Geodesy.circle(center: c, radius: range, segments: 32)
                    try circles.bind([
                        options.asOf, SQLValue.blob(WKB.encode(.multiPolygon([Polygon(closedRings: [ring])]))),
                        SQLValue.integer(self.db.lastInsertRowID),
                    ]).run()
                    circlesMade += 1
                }
                throttle.tick(rows: rows)
            }
            try Self.deferringSpatialIndex(of: layer, db: db, boxes: boxes) {
                if let prepare {
                    try source.forEach(preparing: prepare, handle)
                } else {
                    try source.forEach(handle)
                }
            }
        }
        throttle.finish(rows: rows)
        return ParsedDataset(
            datasetID: datasetID, formatName: formatName, existingRows: existingRows, replaced: replaced, rows: rows,
            skipped: skipped, circlesMade: circlesMade, sawShare: sawShare, pipeline: pipeline,
            evidence: evidence)
    }

    /// Runs `body` (the general path's inserts) with the layer's per-row spatial-index triggers
    /// suspended when its rows are communes, coverage areas or routes (one `geom` column each, whose
    /// type `GeometryPipeline` and the row's promotion to a multi-geometry already guarantee); the
    /// R*Tree is filled once afterwards (``DeferredSpatialIndex``). Other layers run `body` as it is.
    static func deferringSpatialIndex(
        of layer: Layer, db: Connection, boxes: InsertedBoxes? = nil, _ body: () throws -> Void
    ) throws {
        switch layer {
        case .communes, .coverage, .routes:
            try DeferredSpatialIndex(db: db, table: layer.table, geometry: "geom").run(boxes: boxes, body)
        default:
            try body()
        }
    }

    /// What makes a record's row and its geometry's checks ahead on the parse threads: for coverage
    /// areas whose geometries are stored as read (not reprojected), nil for every other import.
    static func rowPreparation(
        layer: Layer, context: RowContext, pipeline: GeometryPipeline
    ) -> (@Sendable (InputRecord) -> InputRecord)? {
        guard layer == .coverage, !pipeline.reprojects else { return nil }
        return { record in
            var record = record
            record.preparedRow = CoverageAreaRow.prepared(record, context)
            record.geometryFacts = record.geometry.map(GeometryFacts.init)
            return record
        }
    }

    /// Checks a parsed dataset once its hash is known (already imported, extent, duplicates),
    /// records its row count and hash, and describes the import.
    private func finishImport(
        _ parsed: ParsedDataset, hash: Result<String, any Error>, file: String, srid: Int, options: ImportOptions,
        started: Date
    ) throws -> ImportResult {
        let layer = options.layer
        let datasetID = parsed.datasetID
        let pipeline = parsed.pipeline
        let sha = try finishedHash(hash, file: file, datasetID: datasetID, options: options)
        if let message = pipeline.extentMessage(), !options.allowOutsideExtent {
            throw ImportError(file: file, location: .file, reason: message)
        }
        if parsed.existingRows > 0, ![.communes, .crosswalk, .coverage, .statistics, .speedTiles].contains(layer) {
            try rejectCrossDatasetDuplicates(layer: layer, datasetID: datasetID, file: file)
        }
        if layer == .crosswalk, !parsed.sawShare { try splitSharesEqually(datasetID: datasetID) }
        try db.execute(
            "UPDATE datasets SET row_count = ?, sha256 = ? WHERE id = ?", [parsed.rows, sha, datasetID])
        var warnings: [String] = []
        if let message = pipeline.extentMessage() { warnings.append(message) }
        if pipeline.repaired > 0 {
            warnings.append("\(pipeline.repaired) invalid geometries repaired with ST_MakeValid")
        }
        if parsed.skipped > 0 { warnings.append("\(parsed.skipped) features skipped: unknown institution kind") }
        warnings += parsed.evidence?.warnings ?? []
        if parsed.rows == 0 { warnings.append("the file holds no features") }
        return ImportResult(
            datasetID: datasetID, layer: layer.rawValue, file: file, format: parsed.formatName, sha256: sha,
            rows: parsed.rows, replacedRows: parsed.replaced, repairedGeometries: pipeline.repaired,
            skipped: parsed.skipped, coverageAreasCreated: parsed.circlesMade, sourceSRID: srid,
            seconds: Date().timeIntervalSince(started), warnings: warnings,
            exclusions: parsed.evidence.map { $0.tally.summary },
            probes: options.layer == .measurements ? parsed.evidence?.probes : nil)
    }

    /// Deletes what `--replace` replaces; returns the number of rows deleted.
    private func deleteForReplace(_ options: ImportOptions) throws -> Int {
        let layer = options.layer
        switch layer {
        case .communes:
            try db.execute("DELETE FROM admin_units WHERE vintage = ?", [options.vintage])
        case .statistics:
            try db.execute("DELETE FROM unit_statistics WHERE vintage = ?", [options.vintage])
        case .crosswalk:
            try db.execute(
                "DELETE FROM crosswalk WHERE old_vintage = ? AND new_vintage = ?",
                [options.oldVintage, options.vintage])
        case .measurements:
            // The blocks first: the delete trigger then finds none to drop, row after row.
            try db.execute("DELETE FROM measurement_blocks")
            try db.execute("DELETE FROM measurements")
        default:
            try db.execute("DELETE FROM \(layer.table)")
        }
        let n = db.changes
        try db.execute(
            """
            DELETE FROM dataset_exclusions WHERE dataset_id IN (SELECT id FROM datasets WHERE layer = ?
              AND id NOT IN (SELECT DISTINCT dataset_id FROM \(layer.table)))
            """, [layer.rawValue])
        try db.execute(
            "DELETE FROM datasets WHERE layer = ? AND id NOT IN (SELECT DISTINCT dataset_id FROM \(layer.table))",
            [layer.rawValue])
        return n
    }

    private func rejectCrossDatasetDuplicates(layer: Layer, datasetID: Int64, file: String) throws {
        // The IN list becomes one transient index of the earlier ids (households have no ext_id
        // index, for import speed): O(n log n) instead of a nested scan.
        let dup = try db.scalar(
            """
            SELECT ext_id FROM \(layer.table) WHERE dataset_id = ?1
              AND ext_id IN (SELECT ext_id FROM \(layer.table) WHERE dataset_id <> ?1) LIMIT 1
            """, [datasetID]
        ).text
        if let dup {
            throw ImportError(
                file: file, location: .file,
                reason:
                    "id '\(dup)' already exists in \(layer.rawValue) from an earlier dataset; use --replace or distinct ids"
            )
        }
    }

    /// Without a share column, an old unit mapped to several new ones is split equally among them.
    private func splitSharesEqually(datasetID: Int64) throws {
        try db.execute(
            """
            UPDATE crosswalk SET share = 1.0 / (SELECT count(*) FROM crosswalk c
              WHERE c.old_vintage = crosswalk.old_vintage AND c.old_code = crosswalk.old_code
                AND c.new_vintage = crosswalk.new_vintage)
            WHERE dataset_id = ?
            """, [datasetID])
    }

    private func explain(_ e: SQLError, layer: Layer, options: ImportOptions) -> String {
        if isStoreProblem(e) { return storeFailureReason(e) }
        if e.isConstraint, layer == .communes || layer == .statistics, e.message.contains("UNIQUE") {
            return
                "unit code already exists in vintage \(options.vintage) (use --replace or another --vintage): \(e.message)"
        }
        return e.description
    }

    private func describe(_ o: ImportOptions, srid: Int) -> String {
        var parts = ["srid=\(srid)"]
        if let layer = o.sourceLayer { parts.append("source-layer=\(layer)") }
        if o.assumeSRID != nil { parts.append("assume-srid") }
        if o.replace { parts.append("replace") }
        if o.makeValid { parts.append("make-valid") }
        if o.layer == .communes { parts += ["level=\(o.adminLevel.rawValue)", "vintage=\(o.vintage)"] }
        if let op = o.operatorName { parts.append("operator=\(op)") }
        if let t = o.technology { parts.append("technology=\(t.rawValue)") }
        if o.coverageFromRange { parts.append("coverage-from-range") }
        if o.layer == .measurements, let s = o.measurementSource { parts.append("measurement-source=\(s.rawValue)") }
        if o.layer == .speedTiles, let k = o.tileKind { parts.append("tile-kind=\(k.rawValue)") }
        if o.synthetic { parts.append(ImportOptions.syntheticMark) }
        return parts.joined(separator: " ")
    }
}
