import CoverageFormats
import CoverageModel
import Foundation
import SpatialSQL

/// The fast path for household CSV files in lon/lat.
///
/// Bytes go straight from the CSV scanner into prepared 64-row INSERTs (``HouseholdInsertBatch``),
/// point BLOBs are built in Swift, nothing is allocated per row. `Store.importFile` turns
/// foreign-key checks off around its transaction for it.
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

    private func load(progress: inout ProgressThrottle) throws -> Int {
        let reader = try CSVReader(path: path)
        let header = reader.header.map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        guard let lonIndex = column(FieldNames.lon), let latIndex = column(FieldNames.lat) else {
            let missing = column(FieldNames.lon) == nil ? "lon" : "lat"
            throw fail(1, "missing column '\(missing)' (header: \(header.joined(separator: ",")))")
        }
        let idIndex = column(FieldNames.id)
        let householdsIndex = column(FieldNames.households)
        let personsIndex = column(FieldNames.persons)
        let kindIndex = header.firstIndex(of: "kind")
        var seen = IDHashSet()
        var rows = 0
        let batch = HouseholdInsertBatch(capacity: Self.batchRows)
        /// Writes the rows held with one INSERT of exactly that many rows.
        func flush() throws {
            do { try batch.write(to: db, datasetID: datasetID) } catch let e as SQLError {
                let lines =
                    batch.firstLine == batch.lastLine ? "" : " (rows of lines \(batch.firstLine)–\(batch.lastLine))"
                throw fail(batch.firstLine, explain(e) + lines)
            }
        }
        let extent = options.extent
        // Bytes consumed so far, estimated from field lengths (quotes and CR excluded): drives the ETA.
        let fileSize = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var bytes = 0.0
        try reader.forEachRecordBytes { r in
            if r.count == 1, r[0].allSatisfy({ $0 == 32 || $0 == 9 }) { return }  // blank line
            guard r.count == header.count else {
                throw fail(r.line, "has \(r.count) fields, the header has \(header.count)")
            }
            guard let lon = r.double(lonIndex) else { throw notNumber(r, lonIndex, "lon") }
            guard let lat = r.double(latIndex) else { throw notNumber(r, latIndex, "lat") }
            let c = Coordinate(lon, lat)
            guard abs(lon) <= 180, abs(lat) <= 90 else { throw pipeline.notLonLatError(.line(r.line), c) }
            if !extent.contains(c) { pipeline.noteOutside(.line(r.line), c) }
            let households = try count(r, householdsIndex, "households") ?? 1
            let persons = try count(r, personsIndex, "persons")
            var kind = LocationKind.residential
            if let kindIndex, !r[kindIndex].isEmpty {
                let raw = r.string(kindIndex)
                guard let k = LocationKind(lenient: raw) else {
                    throw fail(r.line, "kind '\(raw)' is not one of \(LocationKind.spellings)")
                }
                kind = k
            }
            func append(_ id: UnsafeRawBufferPointer) {
                batch.append(
                    id: id, households: households, persons: persons, kind: kind, lon: lon, lat: lat, line: r.line)
            }
            if let idIndex, !r[idIndex].isEmpty {
                let raw = r[idIndex]
                if !seen.insert(Self.hash(raw)) {
                    // The rows held are not in the table yet: write them before looking.
                    try flush()
                    let id = r.string(idIndex)
                    if try isDuplicate(id) { throw fail(r.line, "duplicate id '\(id)' in this file") }
                }
                append(raw)  // the reader has checked the record is valid UTF-8
            } else {
                var id = "line-\(r.line)"
                id.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            }
            if batch.isFull { try flush() }
            rows += 1
            for i in 0..<r.count { bytes += Double(r[i].count + 1) }
            progress.tick(rows: rows, fraction: fileSize > 0 ? min(bytes / fileSize, 1) : nil)
        }
        try flush()
        return rows
    }

    /// Rows per INSERT statement.
    static let batchRows = 64

    /// A 64-bit FNV-1a hash of an id's bytes; collisions are confirmed exactly afterwards.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Whether `id` was already inserted by this import (a repeated hash is almost always a real
    /// duplicate; this exact check rules out a hash collision).
    private func isDuplicate(_ id: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM households WHERE dataset_id = ? AND ext_id = ?", [datasetID, id]).int ?? 0
            > 0
    }

    private func notNumber(_ r: CSVRawRecord, _ i: Int, _ name: String) -> ImportError {
        let text = r.string(i)
        return fail(r.line, text.isEmpty ? "\(name) is empty" : "\(name) '\(text)' is not a finite number")
    }

    private func count(_ r: CSVRawRecord, _ index: Int?, _ name: String) throws -> Int? {
        guard let index, !r[index].isEmpty else { return nil }
        guard let d = r.double(index) else { throw notNumber(r, index, name) }
        guard d >= 0, d.rounded() == d, d < 1e12 else {
            throw fail(r.line, "\(name) must be a whole number ≥ 0, got \(r.string(index))")
        }
        return Int(d)
    }
}
