import CoverageModel
import SpatialSQL

/// Which rows of a layer a read decodes the geometry of; the others get an empty geometry (a
/// what-if run needs the shapes only near its change, issue 18).
public enum GeometryScope: Sendable {
    /// Every row's geometry.
    case all
    /// Only the rows whose spatial-index box meets one of the boxes (none for no box). The index
    /// boxes are rounded outward, so every row whose own box meets one of them is among these.
    case meeting([BoundingBox])
}

extension Store {
    /// The row ids of `table` whose geometry is decoded under `scope` (nil: every row).
    func decodedRowIDs(_ table: String, _ scope: GeometryScope) throws -> Set<Int64>? {
        guard case .meeting(let boxes) = scope else { return nil }
        var ids = Set<Int64>()
        guard !boxes.isEmpty else { return ids }
        try wrap {
            let query = try db.prepare(
                "SELECT pkid FROM \"idx_\(table)_geom\" WHERE xmax >= ?1 AND xmin <= ?2 AND ymax >= ?3 AND ymin <= ?4")
            for box in boxes {
                try query.bind([box.minX, box.maxX, box.minY, box.maxY]).forEachRow { ids.insert($0.int(0)) }
            }
        }
        return ids
    }
}
