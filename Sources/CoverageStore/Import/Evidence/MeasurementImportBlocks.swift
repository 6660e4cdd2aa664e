import CoverageModel
import SpatialSQL

/// Packs the measurements an import writes into `measurement_blocks` from the values it holds, in
/// the same transaction (no second read of the rows).
///
/// The rows get the ids SQLite gives an INSERT without one: one above the largest, in order; the
/// writer counts them from the largest id before the import and checks at the end that the table
/// ends where the count says. When it does not (a table whose largest id is 2^63 - 1 gets random
/// ids), the blocks written are deleted and the new rows are read as rows; no block is written at
/// all when the largest id is within 2^40 of the end.
final class MeasurementImportBlocks {
    private let db: Connection
    private let builder: MeasurementBlockBuilder
    /// The largest id before the import.
    private let before: Int64
    /// The id the next row appended gets.
    private var next: Int64
    /// False when the ids cannot be counted (the largest id is near 2^63 - 1): no block is written.
    private let active: Bool

    /// A writer for the rows inserted next into `measurements` on `db`.
    init(_ db: Connection) throws {
        self.db = db
        builder = try MeasurementBlockBuilder(db)
        before = try db.scalar("SELECT coalesce(max(id), 0) FROM measurements").int ?? 0
        active = before < Int64.max - (1 << 40)
        next = active ? before + 1 : 0
    }

    /// Adds the row inserted after those appended before (in insertion order).
    func append(_ row: MeasurementRow) throws {
        guard active else { return }
        let r = row.measurement
        // What SQLite gives back for a REAL: NULL as NaN, and -0.0 as 0 (a REAL column stores an integral
        // value as an integer).
        func stored(_ v: Double?) -> Double { v.map { $0 == 0 ? 0 : $0 } ?? .nan }
        var m = CompactMeasurement()
        m.rowID = next
        m.lon = stored(r.position.x)
        m.lat = stored(r.position.y)
        m.time = stored(r.time)
        m.technology = r.technology
        m.source = r.source
        m.environment = r.environment
        m.downloadMbps = stored(r.downloadMbps)
        m.uploadMbps = stored(r.uploadMbps)
        m.latencyMs = stored(r.latencyMs)
        m.rsrpDbm = stored(r.rsrpDbm)
        m.institutionID = r.institutionID
        try builder.append(m, operatorName: r.operatorName)
        next += 1
    }

    /// Writes the last block and checks the ids; deletes this import's blocks when they were not the rows'.
    func finish() throws {
        guard active else { return }
        try builder.flush()
        let largest = try db.scalar("SELECT coalesce(max(id), 0) FROM measurements").int ?? 0
        if largest != next - 1 {
            try db.execute("DELETE FROM measurement_blocks WHERE first_id > ?", [before])
        }
    }

    /// Runs `body` (the import's inserts into `measurements`) with the trigger that invalidates a
    /// block on insert dropped: the new rows' ids lie above every block (a block ends at a stored
    /// row), and their blocks are written here. The trigger is re-created, unchanged, in the same
    /// transaction.
    static func suspendingInsertTrigger<T>(_ db: Connection, _ body: () throws -> T) throws -> T {
        let sql = try db.scalar(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [Migrations.blockInsertTrigger]
        ).text
        if sql != nil { try db.execute("DROP TRIGGER \(Migrations.blockInsertTrigger)") }
        let result = try body()
        if let sql { try db.execute(sql) }
        return result
    }
}
