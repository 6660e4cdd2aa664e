import CoverageModel
import SpatialSQL

/// One range of measurement rows, in id order, in parallel arrays reused from range to range.
///
/// A measured quantity not recorded is NaN (never 0); an attribute not recorded is nil.
public struct MeasurementBatch: Sendable {
    /// Store row ids, ascending.
    public internal(set) var rowIDs: [Int64] = []
    /// Positions (lon, lat).
    public internal(set) var positions: [Coordinate] = []
    /// Seconds since 1970-01-01 UTC; NaN when not recorded.
    public internal(set) var times: [Double] = []
    public internal(set) var operators: [String?] = []
    public internal(set) var technologies: [Technology?] = []
    /// Mbps; NaN when not recorded.
    public internal(set) var downloadMbps: [Double] = []
    /// Mbps; NaN when not recorded.
    public internal(set) var uploadMbps: [Double] = []
    /// Milliseconds; NaN when not recorded.
    public internal(set) var latencyMs: [Double] = []
    /// dBm; NaN when not recorded.
    public internal(set) var rsrpDbm: [Double] = []
    /// dB; NaN when not recorded.
    public internal(set) var rsrqDb: [Double] = []
    /// dB; NaN when not recorded.
    public internal(set) var sinrDb: [Double] = []
    public internal(set) var sources: [MeasurementSource] = []
    public internal(set) var environments: [TestEnvironment?] = []
    /// The dataset each row came from.
    public internal(set) var datasetIDs: [Int64] = []
    /// The institution a probe belongs to (its id as the file gave it); nil for tests of no institution.
    public internal(set) var institutionIDs: [String?] = []

    public init() {}

    /// The number of measurements in the batch.
    public var count: Int { rowIDs.count }

    /// Empties the batch, keeping the arrays' capacity.
    mutating func removeAll() {
        rowIDs.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        operators.removeAll(keepingCapacity: true)
        technologies.removeAll(keepingCapacity: true)
        downloadMbps.removeAll(keepingCapacity: true)
        uploadMbps.removeAll(keepingCapacity: true)
        latencyMs.removeAll(keepingCapacity: true)
        rsrpDbm.removeAll(keepingCapacity: true)
        rsrqDb.removeAll(keepingCapacity: true)
        sinrDb.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        environments.removeAll(keepingCapacity: true)
        datasetIDs.removeAll(keepingCapacity: true)
        institutionIDs.removeAll(keepingCapacity: true)
    }
}

/// Reads ranges of measurement ids from a snapshot into a batch (10 M rows at national scale):
/// one prepared statement, no allocation per row beyond long operator names.
///
/// Keeps its snapshot open; use it on the snapshot's thread only.
public final class MeasurementCursor {
    static let sql = """
        SELECT id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms, rsrp_dbm, rsrq_db,
          sinr_db, source, environment, dataset_id, institution_id
        FROM measurements WHERE id BETWEEN ? AND ?
        """

    private let query: IDRangeQuery

    init(_ snapshot: ReadSnapshot) throws { query = try IDRangeQuery(snapshot, sql: Self.sql) }

    /// Replaces `batch`'s contents with the measurements whose ids lie in `ids`, in id order.
    public func read(_ ids: ClosedRange<Int64>, into batch: inout MeasurementBatch) throws {
        batch.removeAll()
        try query.forEachRow(in: ids) { r in
            func real(_ i: Int) -> Double { r.isNull(i) ? .nan : r.double(i) }
            batch.rowIDs.append(r.int(0))
            batch.positions.append(Coordinate(r.double(1), r.double(2)))
            batch.times.append(real(3))
            batch.operators.append(r.text(4))
            batch.technologies.append(r.text(5).flatMap(Technology.init(rawValue:)))
            batch.downloadMbps.append(real(6))
            batch.uploadMbps.append(real(7))
            batch.latencyMs.append(real(8))
            batch.rsrpDbm.append(real(9))
            batch.rsrqDb.append(real(10))
            batch.sinrDb.append(real(11))
            batch.sources.append(MeasurementSource(rawValue: r.text(12) ?? "") ?? .crowdApp)
            batch.environments.append(r.text(13).flatMap(TestEnvironment.init(rawValue:)))
            batch.datasetIDs.append(r.int(14))
            batch.institutionIDs.append(r.isNull(15) ? nil : r.text(15))
        }
    }
}
