import CoverageFormats
import SpatialSQL

/// A row of an evidence table that multi-row INSERTs write: its table, columns and one row's values.
protocol EvidenceRow: LayerRow {
    /// The table the rows go to.
    static var table: String { get }
    /// The columns written, in the order of ``values(first:)``.
    static var columns: String { get }
    /// Parameters bound per row.
    static var parametersPerRow: Int { get }
    /// One row's parenthesised values, its parameters numbered from `first + 1`.
    static func values(first: Int) -> String
    /// Binds the row's parameters, numbered from `offset + 1`.
    func bind(to s: Statement, offset: Int32)
}

extension EvidenceRow {
    static var insertSQL: String { insertSQL(rows: 1) }

    func bind(to s: Statement) { bind(to: s, offset: 0) }

    /// `INSERT INTO table(…) VALUES (…),(…)…` for `rows` rows.
    static func insertSQL(rows: Int) -> String {
        "INSERT INTO \(table)(\(columns)) VALUES "
            + (0..<rows).map { values(first: $0 * parametersPerRow) }.joined(separator: ",")
    }
}

/// Checked evidence rows held until one INSERT of that many rows writes them: SQLite runs one
/// statement per batch instead of one per row, and keeps its cursors where the last row went.
///
/// Rows are written in the order they were added; a failed write names the batch's first row.
final class EvidenceInsertBatch<Row: EvidenceRow> {
    /// Rows per INSERT statement.
    static var capacity: Int { 64 }

    private let db: Connection
    private let file: String
    private var rows: [Row] = []
    private var firstLocation = InputLocation.file
    private var lastLocation = InputLocation.file
    /// The INSERT for each row count used so far (the full batch, and a shorter last one).
    private var statements: [Int: Statement] = [:]

    /// A batch writing to `db`; `file` names the input in errors.
    init(db: Connection, file: String) {
        self.db = db
        self.file = file
        rows.reserveCapacity(Self.capacity)
    }

    /// Adds a row read at `location`; writes the batch when it is full.
    func append(_ row: Row, at location: InputLocation) throws {
        if rows.isEmpty { firstLocation = location }
        lastLocation = location
        rows.append(row)
        if rows.count == Self.capacity { try flush() }
    }

    /// Writes the rows held with one INSERT, then forgets them; does nothing when none is held.
    func flush() throws {
        guard !rows.isEmpty else { return }
        let insert: Statement
        if let cached = statements[rows.count] {
            insert = cached
        } else {
            insert = try db.prepare(Row.insertSQL(rows: rows.count))
            statements[rows.count] = insert
        }
        for (k, row) in rows.enumerated() { row.bind(to: insert, offset: Int32(k * Row.parametersPerRow)) }
        do { try insert.run() } catch let e as SQLError {
            let span =
                rows.count == 1 ? "" : " (writing the \(rows.count) rows from \(firstLocation) to \(lastLocation))"
            throw ImportError(file: file, location: firstLocation, reason: e.description + span)
        }
        rows.removeAll(keepingCapacity: true)
    }
}
