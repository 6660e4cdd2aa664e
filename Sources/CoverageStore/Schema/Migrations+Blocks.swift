import SpatialSQL

extension Migrations {
    /// Packed measurement blocks (issue 17, D24): the compact values of runs of a few thousand
    /// measurement ids as one BLOB each (``MeasurementBlockFormat``), so the evidence pass reads a few
    /// thousand blobs instead of 10 M rows of 13 values.
    ///
    /// A plain table (no geometry; GDAL and QGIS list it as a table). A block is valid while it
    /// exists: triggers delete the block holding any id a writer inserts into, updates (in a column the
    /// block packs) or deletes, whoever the writer (covaudit, GDAL, QGIS, plain SQL), and readers read
    /// every id no block covers from the rows. The migration packs the rows already stored
    /// (``buildMeasurementBlocks(_:)``).
    static let version7: [String] = [
        """
        CREATE TABLE measurement_blocks (
          first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL, count INTEGER NOT NULL,
          operators TEXT NOT NULL, institutions TEXT, data BLOB NOT NULL)
        """,
        blockTrigger("measurement_blocks_insert", event: "AFTER INSERT", ids: ["NEW.id"]),
        blockTrigger(
            "measurement_blocks_update",
            event: "AFTER UPDATE OF \(packedColumns)", ids: ["OLD.id", "NEW.id"]),
        blockTrigger("measurement_blocks_delete", event: "AFTER DELETE", ids: ["OLD.id"]),
    ]

    /// The columns of `measurements` a block packs: an update of any other column leaves blocks valid.
    static let packedColumns = """
        id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, source,
        environment, institution_id
        """

    /// The names of the triggers that keep blocks valid, and the one the bulk import suspends.
    static let blockInsertTrigger = "measurement_blocks_insert"

    /// A trigger on `measurements` that deletes the block holding each of `ids`.
    static func blockTrigger(_ name: String, event: String, ids: [String]) -> String {
        let deletes = ids.map { id in
            """
            DELETE FROM measurement_blocks WHERE first_id = (
                SELECT first_id FROM measurement_blocks WHERE first_id <= \(id) ORDER BY first_id DESC LIMIT 1)
              AND last_id >= \(id);
            """
        }
        return "CREATE TRIGGER \(name) \(event) ON measurements FOR EACH ROW BEGIN\n"
            + deletes.joined(separator: "\n") + "\nEND"
    }

    /// Packs every stored measurement into blocks (the one-time step of the migration to schema 7),
    /// reading the rows as the row cursor does, so blocks and rows give the same values.
    static func buildMeasurementBlocks(_ db: Connection) throws {
        try db.execute("DELETE FROM measurement_blocks")
        let builder = try MeasurementBlockBuilder(db)
        var decoder = CompactRowDecoder()
        let rows = try db.prepare(CompactMeasurementCursor.sql).bind([Int64.min, Int64.max])
        defer { rows.reset() }
        while try rows.step() {
            let m = decoder.decode(rows.row)
            try builder.append(
                m, operatorName: m.operatorCode >= 0 ? decoder.operators.names[Int(m.operatorCode)] : nil)
        }
        try builder.flush()
    }
}
