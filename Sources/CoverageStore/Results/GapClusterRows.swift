import SpatialSQL

/// Writes a run's gap clusters into `gap_clusters` and its spatial index: row `k` (from 1) is the
/// run's `k`-th cluster, as a full run numbers them, and the index is built from the clusters' own
/// points, so it is the same tree (node for node) however many stored rows were kept.
struct GapClusterRows {
    let db: Connection

    /// Clusters inserted per INSERT statement.
    static let rowsPerInsert = 32
    /// Values bound per inserted row.
    private static let columns = 9

    /// Replaces the clusters after the first `kept` (whose rows stay as stored) by the record's, and
    /// rebuilds the spatial index from every cluster of the record.
    func write(_ record: StoredRun, run: Int64, keeping kept: Int) throws {
        var refill = SpatialTableRefill(db: db, table: "gap_clusters", keeping: Int64(kept))
        refill.entries = Self.indexEntries(record.gapClusters)
        try refill.run { try insert(record, run: run, from: kept) }
    }

    /// The number of leading stored rows that are already what `record` writes at their positions
    /// (id `k` holding the `k`-th cluster, bit for bit), and the number of stored rows.
    func unchangedPrefix(of record: StoredRun, run: Int64) throws -> (kept: Int, stored: Int) {
        let stored = Int(try db.scalar("SELECT count(*) FROM gap_clusters").int ?? 0)
        let clusters = record.gapClusters
        let read = try db.prepare(
            "SELECT id, run_id, technology, unit_code, locations, households, persons, radius_m, geom FROM gap_clusters ORDER BY id"
        )
        defer { read.reset() }
        var point = [UInt8](repeating: 0, count: SpatiaLiteBlob.pointSize)
        var kept = 0
        while kept < clusters.count, try read.step() {
            let row = read.row
            let c = clusters[kept]
            guard !c.lon.isNaN, !c.lat.isNaN else { break }
            point.withUnsafeMutableBytes { SpatiaLiteBlob.point(x: c.lon, y: c.lat, into: $0) }
            let same =
                row.int(0) == Int64(kept + 1) && row.int(1) == run && row.text(2) == record.gapMeasure
                && row.text(3) == c.unitCode && row.int(4) == Int64(c.locations)
                && row.int(5) == Int64(c.households) && row.int(6) == Int64(c.persons)
                && !row.isNull(7) && row.double(7).bitPattern == c.radiusM.bitPattern
                && row.withBlob(8) { $0.elementsEqual(point) }
            guard same else { break }
            kept += 1
        }
        return (kept, stored)
    }

    /// The index entries of `clusters` at their ids (positions from 1), boxes rounded as the R*Tree
    /// rounds the point's coordinates (a cluster without a position has none).
    static func indexEntries(_ clusters: [StoredGapCluster]) -> [RTreeBulkLoad.Entry] {
        var entries: [RTreeBulkLoad.Entry] = []
        entries.reserveCapacity(clusters.count)
        for (k, c) in clusters.enumerated() where !c.lon.isNaN && !c.lat.isNaN {
            entries.append(
                RTreeBulkLoad.Entry(
                    rowid: Int64(k + 1), minX: RTreeBulkLoad.down(c.lon), maxX: RTreeBulkLoad.up(c.lon),
                    minY: RTreeBulkLoad.down(c.lat), maxY: RTreeBulkLoad.up(c.lat)))
        }
        return entries
    }

    /// Inserts the record's clusters from position `kept` on with their ids, `rowsPerInsert` to a
    /// statement.
    ///
    /// Points made here always meet the column's constraint (POINT, SRID 4326): the bytes
    /// `MakePoint(lon, lat, 4326)` gives, built in Swift and bound without boxing; NaN binds NULL,
    /// which the NOT NULL column refuses, as it refused `MakePoint` of the NULL SQLite binds for NaN.
    /// The run id and the measure are bound once per prepared statement (SQLite keeps bindings from
    /// run to run); the unit codes are bound from a buffer of their UTF-8, not copied by SQLite.
    private func insert(_ record: StoredRun, run: Int64, from kept: Int) throws {
        let clusters = record.gapClusters
        guard kept < clusters.count else { return }
        var statements: [Int: Statement] = [:]
        var points = [UInt8](repeating: 0, count: Self.rowsPerInsert * SpatiaLiteBlob.pointSize)
        var codes = BoundTexts()
        for start in stride(from: kept, to: clusters.count, by: Self.rowsPerInsert) {
            let end = min(start + Self.rowsPerInsert, clusters.count)
            let n = end - start
            let insert = try statements[n] ?? prepareInsert(rows: n, run: run, measure: record.gapMeasure)
            statements[n] = insert
            points.withUnsafeMutableBytes { out in
                for k in 0..<n where !clusters[start + k].lon.isNaN && !clusters[start + k].lat.isNaN {
                    let slot = UnsafeMutableRawBufferPointer(
                        rebasing: out[(k * SpatiaLiteBlob.pointSize)..<((k + 1) * SpatiaLiteBlob.pointSize)])
                    SpatiaLiteBlob.point(x: clusters[start + k].lon, y: clusters[start + k].lat, into: slot)
                }
            }
            codes.set(clusters[start..<end].lazy.map(\.unitCode))
            try points.withUnsafeBytes { bytes in
                try codes.withTexts { text in
                    for k in 0..<n {
                        let c = clusters[start + k]
                        let at = Int32(k * Self.columns)
                        insert.bindInt(Int64(start + k + 1), at: at + 1)
                        if let code = text(k) {
                            insert.bindText(borrowingUTF8: code, at: at + 4)
                        } else {
                            insert.bindNull(at: at + 4)
                        }
                        insert.bindInt(Int64(c.locations), at: at + 5)
                        insert.bindInt(Int64(c.households), at: at + 6)
                        insert.bindInt(Int64(c.persons), at: at + 7)
                        insert.bindDouble(c.radiusM, at: at + 8)
                        if c.lon.isNaN || c.lat.isNaN {
                            insert.bindNull(at: at + 9)
                        } else {
                            let slot = UnsafeRawBufferPointer(
                                rebasing: bytes[(k * SpatiaLiteBlob.pointSize)..<((k + 1) * SpatiaLiteBlob.pointSize)])
                            insert.bindBlob(borrowing: slot, at: at + 9)
                        }
                    }
                    try insert.run()
                }
            }
        }
    }

    /// The INSERT of `rows` clusters, with every row's run id and measure bound.
    private func prepareInsert(rows: Int, run: Int64, measure: String) throws -> Statement {
        let insert = try db.prepare(
            """
            INSERT INTO gap_clusters(id, run_id, technology, unit_code, locations, households, persons, radius_m, geom)
            VALUES
            """ + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        for k in 0..<rows {
            let at = Int32(k * Self.columns)
            insert.bindInt(run, at: at + 2)
            insert.bindText(measure, at: at + 3)
        }
        return insert
    }
}
