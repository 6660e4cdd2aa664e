import CoverageModel
import SpatialSQL

/// Household rows held in buffers of their own until a multi-row INSERT writes them: the values
/// are bound without copies (ids, point BLOBs) and SQLite runs one statement per batch, not per row.
final class HouseholdInsertBatch {
    /// The columns written, in the order of each row's parameters.
    static let columns = "ext_id, households, persons, kind, lon, lat, dataset_id, geom"
    /// Parameters per row.
    static let parametersPerRow = 8

    /// The most rows one batch holds.
    let capacity: Int
    /// The rows held now.
    private(set) var count = 0
    /// The CSV line of the first row held (for errors).
    private(set) var firstLine = 0
    /// The CSV line of the last row held.
    private(set) var lastLine = 0

    private let households: UnsafeMutablePointer<Int64>
    /// Persons per row; `Int64.min` stands for NULL.
    private let persons: UnsafeMutablePointer<Int64>
    /// Each row's kind as a position in `LocationKind.allCases`.
    private let kinds: UnsafeMutablePointer<Int>
    private let lon: UnsafeMutablePointer<Double>
    private let lat: UnsafeMutablePointer<Double>
    private let blobs: UnsafeMutableRawBufferPointer
    /// Where each row's id ends in `idBytes` (it starts where the previous one ends).
    private let idEnds: UnsafeMutablePointer<Int>
    private var idBytes: UnsafeMutableRawBufferPointer
    private var idUsed = 0
    /// The kinds' names as bytes, bound without copies.
    private let kindNames: [[UInt8]]

    /// A batch of at most `capacity` rows.
    init(capacity: Int) {
        self.capacity = capacity
        households = .allocate(capacity: capacity)
        persons = .allocate(capacity: capacity)
        kinds = .allocate(capacity: capacity)
        lon = .allocate(capacity: capacity)
        lat = .allocate(capacity: capacity)
        blobs = .allocate(byteCount: capacity * SpatiaLiteBlob.pointSize, alignment: 8)
        idEnds = .allocate(capacity: capacity)
        idBytes = .allocate(byteCount: max(capacity * 16, 64), alignment: 1)
        kindNames = LocationKind.allCases.map { Array($0.rawValue.utf8) }
    }

    deinit {
        households.deallocate()
        persons.deallocate()
        kinds.deallocate()
        lon.deallocate()
        lat.deallocate()
        blobs.deallocate()
        idEnds.deallocate()
        idBytes.deallocate()
    }

    /// True when no more rows fit.
    var isFull: Bool { count == capacity }

    /// Adds one row; `id` holds valid UTF-8 (as `CSVReader` checks every record); it is copied.
    func append(
        id: UnsafeRawBufferPointer, households h: Int, persons p: Int?, kind: LocationKind, lon x: Double,
        lat y: Double, line: Int
    ) {
        precondition(count < capacity, "HouseholdInsertBatch is full")
        reserveID(id.count)
        UnsafeMutableRawBufferPointer(rebasing: idBytes[idUsed..<(idUsed + id.count)]).copyMemory(from: id)
        idUsed += id.count
        idEnds[count] = idUsed
        households[count] = Int64(h)
        persons[count] = p.map(Int64.init) ?? Int64.min
        kinds[count] = LocationKind.allCases.firstIndex(of: kind) ?? 0
        lon[count] = x
        lat[count] = y
        let size = SpatiaLiteBlob.pointSize
        SpatiaLiteBlob.point(
            x: x, y: y, into: UnsafeMutableRawBufferPointer(rebasing: blobs[(count * size)..<((count + 1) * size)]))
        if count == 0 { firstLine = line }
        lastLine = line
        count += 1
    }

    /// Binds every row held to `statement` (which has exactly `count` rows of parameters).
    private func bind(_ statement: Statement, datasetID: Int64) {
        let ids = UnsafeRawBufferPointer(idBytes)
        let blobBytes = UnsafeRawBufferPointer(blobs)
        let size = SpatiaLiteBlob.pointSize
        var idStart = 0
        for row in 0..<count {
            let p = Int32(row * Self.parametersPerRow)
            statement.bindText(borrowingUTF8: UnsafeRawBufferPointer(rebasing: ids[idStart..<idEnds[row]]), at: p + 1)
            idStart = idEnds[row]
            statement.bindInt(households[row], at: p + 2)
            if persons[row] == Int64.min {
                statement.bindNull(at: p + 3)
            } else {
                statement.bindInt(persons[row], at: p + 3)
            }
            kindNames[kinds[row]].withUnsafeBytes { statement.bindText(borrowingUTF8: $0, at: p + 4) }
            statement.bindDouble(lon[row], at: p + 5)
            statement.bindDouble(lat[row], at: p + 6)
            statement.bindInt(datasetID, at: p + 7)
            statement.bindBlob(
                borrowing: UnsafeRawBufferPointer(rebasing: blobBytes[(row * size)..<((row + 1) * size)]), at: p + 8)
        }
    }

    /// Writes the rows held with one INSERT of exactly that many rows (from `statements`), then
    /// forgets them. Does nothing when no row is held.
    func write(with statements: HouseholdInsertStatements, datasetID: Int64) throws {
        guard count > 0 else { return }
        let insert = try statements.insert(rows: count)
        bind(insert, datasetID: datasetID)
        _ = try insert.step()
        insert.reset()
        count = 0
        idUsed = 0
    }

    /// `INSERT INTO households(…) VALUES (?,…),(?,…)…` for `rows` rows.
    static func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: parametersPerRow).joined(separator: ",") + ")"
        return "INSERT INTO households(\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }

    /// Makes room for `length` more id bytes (only between statements: bound bytes never move).
    private func reserveID(_ length: Int) {
        guard idUsed + length > idBytes.count else { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(idBytes.count * 2, idUsed + length), alignment: 1)
        grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: idBytes[0..<idUsed]))
        idBytes.deallocate()
        idBytes = grown
    }
}

/// The prepared multi-row INSERTs of one import, one per row count used (the full batch, and a
/// shorter last one), shared by all its batches.
final class HouseholdInsertStatements {
    private let db: Connection
    private var statements: [Int: Statement] = [:]

    /// Statements prepared on `db` when first needed.
    init(db: Connection) { self.db = db }

    /// The INSERT of exactly `rows` rows.
    func insert(rows: Int) throws -> Statement {
        if let cached = statements[rows] { return cached }
        let statement = try db.prepare(HouseholdInsertBatch.insertSQL(rows: rows))
        statements[rows] = statement
        return statement
    }
}
