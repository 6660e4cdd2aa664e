import CoverageModel
import SpatialSQL

/// The rows one dataset's import left out for one reason.
public struct DatasetExclusion: Sendable, Codable, Hashable {
    public var datasetID: Int64
    /// The dataset's layer (`measurements` or `speed-tiles`).
    public var layer: String
    public var fileName: String
    public var reason: ExclusionReason
    public var count: Int
}

/// Measured evidence as model values, from the snapshot's contents.
extension ReadSnapshot {
    /// The smallest and largest measurement id, or nil when there are no measurements.
    public func measurementIDSpan() throws -> ClosedRange<Int64>? {
        // Two subqueries: each reads one end of the B-tree (see `householdIDSpan`).
        let span = try store.wrap {
            try db.rows("SELECT (SELECT min(id) FROM measurements), (SELECT max(id) FROM measurements)") {
                ($0.optionalInt(0), $0.optionalInt(1))
            }
        }
        guard let first = span.first?.0, let last = span.first?.1, first <= last else { return nil }
        return first...last
    }

    /// A cursor over measurement id ranges on this snapshot.
    public func measurementCursor() throws -> MeasurementCursor { try MeasurementCursor(self) }

    /// The number of measurements.
    public func measurementCount() throws -> Int {
        try store.wrap { Int(try db.scalar("SELECT count(*) FROM measurements").int ?? 0) }
    }

    /// The measurements with the given row ids, whole (ids and all), in that order; ids not found are skipped.
    public func measurements(rowIDs: [Int64]) throws -> [Measurement] {
        guard !rowIDs.isEmpty else { return [] }
        return try store.wrap {
            let stmt = try db.prepare(
                """
                SELECT ext_id, lon, lat, time_s, operator, technology, download_mbps, upload_mbps, latency_ms,
                  rsrp_dbm, rsrq_db, sinr_db, source, test_id, device_id, environment, institution_id
                FROM measurements WHERE id = ?
                """)
            return try rowIDs.compactMap { id in
                try stmt.bind([id])
                defer { stmt.reset() }
                guard try stmt.step() else { return nil }
                let r = stmt.row
                return Measurement(
                    id: r.text(0) ?? "", position: Coordinate(r.double(1), r.double(2)), time: r.optionalDouble(3),
                    operatorName: r.text(4), technology: r.text(5).flatMap(Technology.init(rawValue:)),
                    downloadMbps: r.optionalDouble(6), uploadMbps: r.optionalDouble(7), latencyMs: r.optionalDouble(8),
                    rsrpDbm: r.optionalDouble(9), rsrqDb: r.optionalDouble(10), sinrDb: r.optionalDouble(11),
                    source: MeasurementSource(rawValue: r.text(12) ?? "") ?? .crowdApp, testID: r.text(13),
                    deviceID: r.text(14), environment: r.text(15).flatMap(TestEnvironment.init(rawValue:)),
                    institutionID: r.text(16))
            }
        }
    }

    /// Every speed tile (of one kind, when given), ordered by kind, quadkey and period.
    public func speedTiles(kind: SpeedTileKind? = nil) throws -> [SpeedTile] {
        try store.wrap {
            try db.rows(
                """
                SELECT quadkey, kind, period, avg_d_kbps, avg_u_kbps, avg_lat_ms, tests, devices FROM speed_tiles
                WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind, quadkey, period
                """, [kind?.rawValue]
            ) { r in
                SpeedTile(
                    quadkey: Quadkey(r.text(0) ?? "") ?? Quadkey(x: 0, y: 0, zoom: 16),
                    kind: SpeedTileKind(rawValue: r.text(1) ?? "") ?? .mobile, period: r.text(2),
                    averageDownloadKbps: r.double(3), averageUploadKbps: r.double(4), averageLatencyMs: r.double(5),
                    tests: Int(r.int(6)), devices: Int(r.int(7)))
            }
        }
    }

    /// The rows every import left out, per dataset and reason (datasets in import order).
    public func exclusions() throws -> [DatasetExclusion] { try store.exclusions() }
}

extension Store {
    /// The rows every import left out, per dataset and reason (datasets in import order).
    public func exclusions() throws -> [DatasetExclusion] {
        try wrap {
            try db.rows(
                """
                SELECT d.id, d.layer, d.file_name, e.reason, e.count FROM dataset_exclusions e
                JOIN datasets d ON d.id = e.dataset_id ORDER BY d.id, e.reason
                """
            ) { r in
                guard let reason = ExclusionReason(rawValue: r.text(3) ?? "") else { return nil }
                return DatasetExclusion(
                    datasetID: r.int(0), layer: r.text(1) ?? "", fileName: r.text(2) ?? "", reason: reason,
                    count: Int(r.int(4)))
            }.compactMap { $0 }
        }
    }
}
