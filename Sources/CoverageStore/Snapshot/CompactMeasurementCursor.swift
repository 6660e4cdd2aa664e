import CoverageModel
import SpatialSQL

/// One measurement row as numbers and enum values only (the operator as a code), so a cursor can
/// hand 10 M of them to an analysis without allocating.
///
/// A measured quantity not recorded is NaN (never 0); an attribute not recorded is nil (-1 for the
/// operator code).
public struct CompactMeasurement: Sendable {
    /// The store's row id.
    public var rowID: Int64 = 0
    public var lon = 0.0
    public var lat = 0.0
    /// Seconds since 1970-01-01 UTC; NaN when not recorded.
    public var time = Double.nan
    /// Index into the cursor's `operatorNames`; -1 when not recorded.
    public var operatorCode: Int32 = -1
    public var technology: Technology?
    public var source = MeasurementSource.crowdApp
    public var environment: TestEnvironment?
    /// Mbps; NaN when not recorded.
    public var downloadMbps = Double.nan
    /// Mbps; NaN when not recorded.
    public var uploadMbps = Double.nan
    /// Milliseconds; NaN when not recorded.
    public var latencyMs = Double.nan
    /// dBm; NaN when not recorded.
    public var rsrpDbm = Double.nan
    /// The institution a probe names (a string only for rows that have one); nil when none.
    public var institutionID: String?
}

/// Reads ranges of measurement ids as `CompactMeasurement`s: from the packed blocks of
/// `measurement_blocks` where a valid block covers the ids (``MeasurementBlockFormat``), and
/// elsewhere (gaps, rows added or edited since, invalid blocks) from the rows, with one prepared
/// statement and the texts (operator, technology, source, environment) matched on their bytes, so
/// no allocation per row (one per distinct operator name, and per block its two small lists).
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
public final class CompactMeasurementCursor {
    static let sql = """
        SELECT id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, source,
          environment, institution_id
        FROM measurements WHERE id BETWEEN ? AND ?
        """

    /// The blocks that hold ids of `?1…?2`: the last one starting at or before `?1`, and every one
    /// starting inside the range, in id order.
    static let blocksSQL = """
        SELECT first_id, last_id, count, operators, institutions, data FROM measurement_blocks
        WHERE first_id BETWEEN coalesce(
            (SELECT first_id FROM measurement_blocks WHERE first_id <= ?1 ORDER BY first_id DESC LIMIT 1), ?1)
          AND ?2
        ORDER BY first_id
        """

    private let query: IDRangeQuery
    private let blocks: IDRangeQuery?
    private var decoder = CompactRowDecoder()

    /// The operator names met so far; `CompactMeasurement.operatorCode` indexes them.
    public var operatorNames: [String] { decoder.operators.names }

    /// Blocks read and rows read from `measurements` so far (what tests and timings look at).
    public private(set) var blocksRead = 0
    public private(set) var rowsRead = 0

    /// How many of the three triggers that keep blocks valid are on `measurements`.
    static let triggersSQL = """
        SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'measurements'
          AND name IN ('measurement_blocks_insert', 'measurement_blocks_update', 'measurement_blocks_delete')
        """

    /// A cursor on `snapshot`; it reads no block when `useBlocks` is false or when a trigger that keeps
    /// blocks valid is missing (a GIS tool that rebuilt the table drops its triggers).
    init(_ snapshot: ReadSnapshot, blocks useBlocks: Bool = true) throws {
        query = try IDRangeQuery(snapshot, sql: Self.sql)
        let guarded = try useBlocks && snapshot.store.wrap { try snapshot.db.scalar(Self.triggersSQL).int == 3 }
        blocks = guarded ? try IDRangeQuery(snapshot, sql: Self.blocksSQL) : nil
    }

    /// Calls `body` with every measurement whose id lies in `ids`, in id order.
    public func forEach(in ids: ClosedRange<Int64>, _ body: (CompactMeasurement) throws -> Void) throws {
        guard let blocks else { return try forEachRow(in: ids, body) }
        // The next id not yet read.
        var next = ids.lowerBound
        try blocks.forEachRow(in: ids) { r in
            let (first, last) = (r.int(0), r.int(1))
            guard last >= next, first <= ids.upperBound else { return }
            guard let block = MeasurementBlockRow(r) else { return }  // invalid: its ids are read as rows
            if first > next { try forEachRow(in: next...(first - 1), body) }
            let lower = Swift.max(next, first)
            let upper = Swift.min(ids.upperBound, last)
            try decode(block, r, in: lower...upper, body)
            blocksRead += 1
            next = upper + 1
        }
        if next <= ids.upperBound { try forEachRow(in: next...ids.upperBound, body) }
    }

    /// Calls `body` with the records of the block in row `r` whose ids lie in `ids`.
    private func decode(
        _ block: MeasurementBlockRow, _ r: Row, in ids: ClosedRange<Int64>, _ body: (CompactMeasurement) throws -> Void
    ) throws {
        let codes = block.operators.map { Int32(decoder.operators.intern($0)) }
        var institution = 0
        try r.withBlob(5) { data in
            for i in 0..<block.count {
                var (m, op, named) = MeasurementBlockFormat.record(
                    data, at: i * MeasurementBlockFormat.recordSize, first: block.first)
                if named {
                    if ids.contains(m.rowID) { m.institutionID = block.institutions[institution] }
                    institution += 1
                }
                guard ids.contains(m.rowID) else { continue }
                if op != MeasurementBlockFormat.noOperator { m.operatorCode = codes[Int(op)] }
                try body(m)
            }
        }
    }

    /// Calls `body` with every row of `measurements` whose id lies in `ids` (no blocks).
    private func forEachRow(in ids: ClosedRange<Int64>, _ body: (CompactMeasurement) throws -> Void) throws {
        try query.forEachRow(in: ids) { r in
            rowsRead += 1
            try body(decoder.decode(r))
        }
    }
}

/// One `measurement_blocks` row checked before use: its length, codes, lists and id offsets agree
/// with its count and id span; nil when anything is off (the reader then reads its ids as rows).
struct MeasurementBlockRow {
    let first: Int64
    let count: Int
    let operators: [String]
    let institutions: [String]

    /// The block in `r` (columns first_id, last_id, count, operators, institutions, data), if valid.
    init?(_ r: Row) {
        first = r.int(0)
        let last = r.int(1)
        count = Int(r.int(2))
        guard count > 0, last >= first, let names = r.text(3).flatMap(MeasurementBlockFormat.decode) else { return nil }
        operators = names
        let listed = r.isNull(4) ? [] : r.text(4).flatMap(MeasurementBlockFormat.decode)
        guard let listed else { return nil }
        institutions = listed
        let (count, first, operators) = (count, first, names.count)
        let valid = r.withBlob(5) { data -> Bool in
            let size = MeasurementBlockFormat.recordSize
            guard data.count == count * size else { return false }
            var named = 0
            var previous: Int64 = first - 1
            for i in 0..<count {
                let p = i * size
                guard MeasurementBlockFormat.codesValid(data, at: p, operators: operators) else { return false }
                let id =
                    first + Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: p + 56, as: UInt32.self)))
                guard id > previous, id <= last else { return false }
                previous = id
                if data[p + 65] & MeasurementBlockFormat.institutionFlag != 0 { named += 1 }
            }
            return previous == last && named == listed.count
        }
        guard valid else { return nil }
    }
}

/// Turns a row of ``CompactMeasurementCursor/sql`` into a `CompactMeasurement`, the texts matched
/// on their bytes (operator names interned as met).
struct CompactRowDecoder {
    var operators = ByteCodes()
    private let technologies = ByteCodes(Technology.allCases.map(\.rawValue))
    private let sources = ByteCodes(MeasurementSource.allCases.map(\.rawValue))
    private let environments = ByteCodes(TestEnvironment.allCases.map(\.rawValue))

    /// The measurement in row `r`; its operator code indexes `operators`.
    mutating func decode(_ r: Row) -> CompactMeasurement {
        func real(_ i: Int) -> Double { r.isNull(i) ? .nan : r.double(i) }
        func code(_ i: Int, _ codes: ByteCodes) -> Int? { r.isNull(i) ? nil : r.withBlob(i, codes.code) }
        var m = CompactMeasurement()
        m.rowID = r.int(0)
        m.lon = r.double(1)
        m.lat = r.double(2)
        m.time = real(3)
        if !r.isNull(4) { m.operatorCode = Int32(r.withBlob(4) { operators.intern($0) }) }
        m.technology = code(5, technologies).map { Technology.allCases[$0] }
        m.downloadMbps = real(6)
        m.uploadMbps = real(7)
        m.latencyMs = real(8)
        m.rsrpDbm = real(9)
        m.source = code(10, sources).map { MeasurementSource.allCases[$0] } ?? .crowdApp
        m.environment = code(11, environments).map { TestEnvironment.allCases[$0] }
        if !r.isNull(12) { m.institutionID = r.text(12) }
        return m
    }
}

/// A few texts, each known by its UTF-8 bytes and numbered in order of first appearance: a lookup
/// compares bytes and creates no `String`.
struct ByteCodes {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []
    /// The code found last (rows come in runs of the same operator).
    private var last = -1

    init(_ names: [String] = []) {
        for n in names { add(n) }
    }

    /// The code of the text `text`, or nil when it is not known.
    func code(_ text: UnsafeRawBufferPointer) -> Int? {
        if last >= 0, Self.equal(bytes[last], text) { return last }
        return bytes.firstIndex { Self.equal($0, text) }
    }

    /// The code of the name `name`, added when new.
    mutating func intern(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The code of the text `text`, added when new.
    mutating func intern(_ text: UnsafeRawBufferPointer) -> Int {
        if let c = code(text) {
            last = c
            return c
        }
        add(String(decoding: text, as: UTF8.self))
        last = bytes.count - 1
        return last
    }

    private mutating func add(_ name: String) {
        names.append(name)
        bytes.append(Array(name.utf8))
    }

    @inline(__always)
    private static func equal(_ known: [UInt8], _ text: UnsafeRawBufferPointer) -> Bool {
        known.count == text.count && known.withUnsafeBytes { $0.elementsEqual(text) }
    }
}

extension ReadSnapshot {
    /// A cursor over measurement id ranges on this snapshot that reads numbers and codes only:
    /// from the packed blocks where valid, else (and always when `blocks` is false) from the rows.
    public func compactMeasurementCursor(blocks: Bool = true) throws -> CompactMeasurementCursor {
        try CompactMeasurementCursor(self, blocks: blocks)
    }
}
