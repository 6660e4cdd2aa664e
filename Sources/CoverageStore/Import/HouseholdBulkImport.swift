import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// The fast path for household CSV files in lon/lat.
///
/// Bytes go straight from the CSV scanner into prepared 64-row INSERTs (``HouseholdInsertBatch``),
/// point BLOBs are built in Swift, nothing is allocated per row. The parse runs on a second thread
/// (``HouseholdCSVParser``), handing chunks of rows to the import's thread, which only binds and
/// inserts them. `Store.importFile` turns foreign-key checks off around its transaction for it.
///
/// It checks exactly what the generic path checks (columns, numbers, duplicates, lon/lat range,
/// extent) and reports errors the same way.
struct HouseholdBulkImport {
    let path: String
    let options: ImportOptions
    let datasetID: Int64
    let db: Connection
    let pipeline: GeometryPipeline
    /// Turns an SQLite failure into the reason reported for the row (disk full, read-only, …).
    let explain: (SQLError) -> String

    /// True when the fast path applies: households from CSV already in WGS 84.
    static func applies(layer: Layer, format: InputFormat, srid: Int) -> Bool {
        layer == .households && format == .csv && srid == 4326
    }

    private func fail(_ line: Int, _ reason: String) -> ImportError {
        ImportError(file: path, location: .line(line), reason: reason)
    }

    /// Inserts every row; returns the number inserted.
    ///
    /// SpatiaLite's per-row triggers on `households.geom` (geometry-type check, last-insert time) are
    /// dropped for the load and re-created afterwards in the same transaction: every BLOB is built
    /// here as a valid SRID 4326 POINT, so the check is redundant, and it costs more than the insert.
    func run(progress: inout ProgressThrottle) throws -> Int {
        let triggers = try db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'households' AND name IN (?, ?)",
            ["ggi_households_geom", "tmi_households_geom"]
        ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
        for (name, _) in triggers { try db.execute("DROP TRIGGER \"\(name)\"") }
        let rows = try load(progress: &progress)
        for (_, sql) in triggers { try db.execute(sql) }
        try db.execute(
            """
            UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE f_table_name = 'households' AND f_geometry_column = 'geom'
            """)
        return rows
    }

    /// Parses the file on a thread of its own (``HouseholdCSVParser``) while this one writes the
    /// rows it hands over, in file order; errors are reported as if one thread did both.
    private func load(progress: inout ProgressThrottle) throws -> Int {
        let reader = try CSVReader(path: path)
        let header = reader.header.map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        guard let lonIndex = column(FieldNames.lon), let latIndex = column(FieldNames.lat) else {
            let missing = column(FieldNames.lon) == nil ? "lon" : "lat"
            throw fail(1, "missing column '\(missing)' (header: \(header.joined(separator: ",")))")
        }
        let parser = HouseholdCSVParser(
            path: path, reader: reader,
            columns: .init(
                lon: lonIndex, lat: latIndex, id: column(FieldNames.id), households: column(FieldNames.households),
                persons: column(FieldNames.persons), kind: header.firstIndex(of: "kind"), count: header.count),
            extent: options.extent)
        let channel = HouseholdChunkChannel(chunks: Self.chunksInFlight, batchesPerChunk: Self.batchesPerChunk)
        let (_, rows) = try ParallelChunks.beside({ parser.parse(into: channel) }) {
            do {
                return try write(from: channel, progress: &progress)
            } catch {
                channel.cancel()
                throw error
            }
        }
        return rows
    }

    /// Writes the chunks `channel` hands over until the last; returns the rows written.
    private func write(from channel: HouseholdChunkChannel, progress: inout ProgressThrottle) throws -> Int {
        let statements = HouseholdInsertStatements(db: db)
        // Bytes consumed so far, estimated from field lengths (quotes and CR excluded): drives the ETA.
        let fileSize = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var rows = 0
        while true {
            let chunk = channel.receive()
            if let (line, id) = chunk.repeatedID, try isDuplicate(id) {
                throw fail(line, "duplicate id '\(id)' in this file")
            }
            for batch in chunk.batchesHeld {
                // A failed parse never wrote the rows of its unfinished batch (as one thread would).
                guard chunk.failure == nil || batch.isFull else { break }
                do { try batch.write(with: statements, datasetID: datasetID) } catch let e as SQLError {
                    let lines =
                        batch.firstLine == batch.lastLine ? "" : " (rows of lines \(batch.firstLine)–\(batch.lastLine))"
                    throw fail(batch.firstLine, explain(e) + lines)
                }
            }
            for o in chunk.outside { pipeline.noteOutside(.line(o.line), o.coordinate) }
            rows += chunk.rows
            progress.tick(afterBatchOf: rows, fraction: fileSize > 0 ? min(chunk.bytes / fileSize, 1) : nil)
            let (failure, isLast) = (chunk.failure, chunk.isLast)
            channel.recycle(chunk)
            if let notLonLat = failure as? HouseholdCSVParser.NotLonLat {
                throw pipeline.notLonLatError(.line(notLonLat.line), notLonLat.coordinate)
            }
            if let failure { throw failure }
            if isLast { return rows }
        }
    }

    /// Rows per INSERT statement.
    static let batchRows = 64
    /// INSERT batches per chunk handed from the parser to the writer.
    static let batchesPerChunk = 16
    /// Chunks parsed ahead of the writer at most (bounds the memory held).
    static let chunksInFlight = 4

    /// Whether `id` was already inserted by this import (a repeated hash is almost always a real
    /// duplicate; this exact check rules out a hash collision).
    private func isDuplicate(_ id: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM households WHERE dataset_id = ? AND ext_id = ?", [datasetID, id]).int ?? 0
            > 0
    }
}
