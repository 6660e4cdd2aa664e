import CoverageModel
import SpatialSQL

/// Coverage-area rows counted by the values the figures name (every row of the layer).
public struct CoverageAreaCount: Sendable, Equatable {
    /// The generation, read as `coverageAreas()` reads it.
    public let technology: Technology
    /// The operator, as stored.
    public let operatorName: String
    /// The number of rows with both.
    public let count: Int
}

/// The coverage areas of some datasets, in row order, with the row id of the first.
package struct AddedCoverageAreas: Sendable {
    /// The areas, ordered by row id.
    package let areas: [CoverageArea]
    /// The row id of the first area (nil: no area).
    package let firstRowID: Int64?
}

/// Route rows counted by the values the figures and notes name (every row of the layer).
public struct RouteCount: Sendable, Equatable {
    /// The medium, read as `routes()` reads it.
    public let medium: Medium
    /// The status, read as `routes()` reads it.
    public let status: InfrastructureStatus
    /// The operator, as stored.
    public let operatorName: String
    /// The number of rows with all three.
    public let count: Int
}

/// A route row's medium, status and operator as stored.
private struct RouteKey: Hashable {
    let medium: String
    let status: String
    let operatorName: String
}

/// What a what-if run reads of the coverage areas and routes (issue 18): only the rows it uses, and
/// counts of every row from an aggregate.
extension Store {
    /// Every coverage-area row counted by generation and operator (a `GROUP BY` over the
    /// `coverage_areas_tech` index, no row read).
    public func coverageAreaCounts() throws -> [CoverageAreaCount] {
        try wrap {
            try db.rows("SELECT technology, operator, count(*) FROM coverage_areas GROUP BY technology, operator") {
                r in
                CoverageAreaCount(
                    technology: Technology(lenient: r.text(0) ?? "") ?? .g4, operatorName: r.text(1) ?? "",
                    count: Int(r.int(2)))
            }
        }
    }

    /// The largest id distance `coverageAreas(near:fromRow:)` steps over rather than seeks (as for
    /// the households: a step costs about a third of a seek).
    static let coverageAreaStepLimit: Int64 = 3

    /// Every route row counted by medium, status and operator.
    ///
    /// Counted here over one scan of the table: no index holds the operator, and SQLite's `GROUP BY`
    /// would sort every row (four times the instructions at national scale).
    public func routeCounts() throws -> [RouteCount] {
        try wrap {
            var counts: [RouteKey: Int] = [:]
            try db.prepare("SELECT medium, status, operator FROM routes").forEachRow { r in
                counts[
                    RouteKey(medium: r.text(0) ?? "", status: r.text(1) ?? "", operatorName: r.text(2) ?? ""),
                    default: 0] += 1
            }
            return counts.map { key, count in
                RouteCount(
                    medium: Medium(lenient: key.medium) ?? .fibre,
                    status: InfrastructureStatus(lenient: key.status) ?? .active, operatorName: key.operatorName,
                    count: count)
            }
        }
    }

    /// The coverage areas whose spatial-index box meets one of `boxes` (their geometry decoded) and
    /// every row from row id `first` on (the others' geometry empty unless among those; nil: none),
    /// ordered by id: each row as `coverageAreas(geometry: .meeting(boxes))` reads it.
    ///
    /// `first` is the first row of the added datasets (`AddedCoverageAreas.firstRowID`, read with
    /// them: finding it here scanned every row, 0.08 G instructions at national scale); the rows
    /// from it on are all read so that the added rows end each generation's list exactly when they
    /// end it among every row.
    public func coverageAreas(near boxes: [BoundingBox], fromRow first: Int64?) throws -> [CoverageArea] {
        try wrap {
            let shaped = try decodedRowIDs("coverage_areas", .meeting(boxes)) ?? []
            var ids = shaped
            if let first {
                try db.prepare("SELECT id FROM coverage_areas WHERE id >= ?1").bind([first]).forEachRow {
                    ids.insert($0.int(0))
                }
            }
            // One forward cursor over the ascending ids (stepping over near ones, seeking far ones)
            // rather than a statement run per id.
            let rows = try IDSeekQuery(
                self, select: "SELECT id, ext_id, operator, technology, source, geom FROM coverage_areas",
                stepLimit: Self.coverageAreaStepLimit)
            var out: [CoverageArea] = []
            out.reserveCapacity(ids.count)
            try rows.forEachRow(of: ids.sorted()) { r in
                out.append(
                    CoverageArea(
                        id: r.text(1) ?? "", operatorName: r.text(2) ?? "",
                        technology: Technology(lenient: r.text(3) ?? "") ?? .g4,
                        source: CoverageSource(lenient: r.text(4) ?? "") ?? .declared,
                        geometry: shaped.contains(r.int(0))
                            ? try geometry(r, 5) ?? .multiPolygon([]) : .multiPolygon([])))
            }
            return out
        }
    }

    /// The routes whose spatial-index box meets one of `boxes`, ordered by id, each as `routes()`
    /// reads it.
    public func routes(near boxes: [BoundingBox]) throws -> [Route] {
        try wrap {
            let query = try db.prepare(
                "SELECT ext_id, operator, medium, level, status, capacity, geom FROM routes WHERE id = ?1")
            var out: [Route] = []
            for id in (try decodedRowIDs("routes", .meeting(boxes)) ?? []).sorted() {
                try query.bind([id]).forEachRow { r in
                    out.append(
                        Route(
                            id: r.text(0) ?? "", operatorName: r.text(1) ?? "",
                            medium: Medium(lenient: r.text(2) ?? "") ?? .fibre,
                            level: RouteLevel(lenient: r.text(3) ?? "") ?? .access,
                            status: InfrastructureStatus(lenient: r.text(4) ?? "") ?? .active, capacity: r.text(5),
                            geometry: try geometry(r, 6) ?? .multiLineString([])))
                }
            }
            return out
        }
    }
}
