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

/// Reads ranges of measurement ids as `CompactMeasurement`s: one prepared statement, the texts
/// (operator, technology, source, environment) matched on their bytes, so no allocation per row
/// (one per distinct operator name).
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
public final class CompactMeasurementCursor {
    static let sql = """
        SELECT id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, source,
          environment, institution_id
        FROM measurements WHERE id BETWEEN ? AND ?
        """

    private let query: IDRangeQuery
    private var operators = ByteCodes()
    private let technologies = ByteCodes(Technology.allCases.map(\.rawValue))
    private let sources = ByteCodes(MeasurementSource.allCases.map(\.rawValue))
    private let environments = ByteCodes(TestEnvironment.allCases.map(\.rawValue))

    /// The operator names met so far; `CompactMeasurement.operatorCode` indexes them.
    public var operatorNames: [String] { operators.names }

    init(_ snapshot: ReadSnapshot) throws { query = try IDRangeQuery(snapshot, sql: Self.sql) }

    /// Calls `body` with every measurement whose id lies in `ids`, in id order.
    public func forEach(in ids: ClosedRange<Int64>, _ body: (CompactMeasurement) throws -> Void) throws {
        try query.forEachRow(in: ids) { r in
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
            try body(m)
        }
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
    /// A cursor over measurement id ranges on this snapshot that reads numbers and codes only.
    public func compactMeasurementCursor() throws -> CompactMeasurementCursor { try CompactMeasurementCursor(self) }
}
