import CoverageModel

/// The closest line (or point) found by a `SegmentIndex` query.
public struct NearestHit: Hashable, Sendable {
    /// The distance in metres from the query point to `closest`.
    public var distanceMetres: Double
    /// The caller's item id of the line or point that was hit.
    public var item: Int
    /// The position of the hit line in the `lines` given at build time, or of the point in `points`.
    public var index: Int
    /// True when the hit is one of the standalone points rather than a line.
    public var isPoint: Bool
    /// The segment within the line (segment `s` runs from vertex `s` to `s + 1`); 0 for points.
    public var segment: Int
    /// Position of the closest point along the segment, 0…1; 0 for points.
    public var fraction: Double
    /// The closest position on the line (or the point itself), in lon/lat.
    public var closest: Coordinate
}

/// A nearest-segment index over line strings (and optional points) in longitude/latitude.
///
/// Distances are ellipsoidal (WGS 84) metres computed in a local plane around the query point:
/// the closest point on each segment is found with dx = Δλ·N·cosφ, dy = Δφ·M at the query's
/// latitude, and its distance is taken with the x scale at the mean latitude of the query and the
/// closest point. Against the true geodesic distance this is within 1e-5 relative up to ~20 km.
///
/// Segments are straight in lon/lat (as GEOS and SpatiaLite treat them).
///
/// Note: SpatiaLite 5's `ST_Distance(line, point, 1)` is not the shortest ellipsoidal distance: it
/// takes GEOS' closest point in plain degree space (nearest segment and foot point chosen with
/// degrees as if they were square) and measures the geodesic to that point, which overestimates —
/// by ~0.2% for oblique segments and by several percent when another segment of the line is
/// metrically closer. This index returns the true shortest distance, so it is ≤ that SQL value.
public struct SegmentIndex: Sendable {
    let storage: SegmentIndexStorage

    /// Builds the index.
    ///
    /// - Parameters:
    ///   - lines: line strings in lon/lat; lines with fewer than two finite vertices still match as points.
    ///   - items: an item id per line (defaults to the line's position).
    ///   - points: standalone points (e.g. nodes), searched together with the lines.
    ///   - pointItems: an item id per point (defaults to the point's position).
    ///   - cellMetres: grid cell size; about the typical query radius works well.
    public init(
        lines: [[Coordinate]], items: [Int]? = nil, points: [Coordinate] = [], pointItems: [Int]? = nil,
        cellMetres: Double = 500
    ) {
        storage = SegmentIndexStorage(
            lines: lines, items: items, points: points, pointItems: pointItems, cellMetres: cellMetres)
    }

    /// The number of lines.
    public var lineCount: Int { storage.lineCount }
    /// The number of standalone points.
    public var pointCount: Int { storage.pointCount }
    /// The number of segments (including one degenerate segment per point).
    public var segmentCount: Int { storage.segmentCount }

    /// The nearest line or point within `maxMetres` of `p` (inclusive), or nil.
    ///
    /// Ties are broken by lowest line (then point) position, then lowest segment.
    public func nearest(to p: Coordinate, within maxMetres: Double) -> NearestHit? {
        var hint = SegmentSearchHint()
        return nearest(to: p, within: maxMetres, hint: &hint)
    }

    /// `nearest(to:within:)`, searched from `hint` (the previous answer; same result, fewer cells
    /// when queries come in spatial order); `hint` then names this answer.
    public func nearest(to p: Coordinate, within maxMetres: Double, hint: inout SegmentSearchHint) -> NearestHit? {
        guard p.isFinite, maxMetres >= 0 else { return nil }
        var best = Best()
        storage.scan(p, maxMetres: maxMetres, best: &best, stopAtFirst: false, hint: &hint)
        return best.vertex >= 0 ? storage.hit(best, query: p) : nil
    }

    /// The distance of `nearest(to:within:)`, without building the hit (for callers that need only it).
    public func nearestDistance(to p: Coordinate, within maxMetres: Double) -> Double? {
        var hint = SegmentSearchHint()
        return nearestDistance(to: p, within: maxMetres, hint: &hint)
    }

    /// `nearestDistance(to:within:)`, searched from `hint` as `nearest(to:within:hint:)` is.
    public func nearestDistance(to p: Coordinate, within maxMetres: Double, hint: inout SegmentSearchHint) -> Double? {
        guard p.isFinite, maxMetres >= 0 else { return nil }
        var best = Best()
        storage.scan(p, maxMetres: maxMetres, best: &best, stopAtFirst: false, hint: &hint)
        return best.vertex >= 0 ? best.distance : nil
    }

    /// True when any line or point lies within `metres` of `p`; same answer as `nearest(to:within:) != nil`.
    public func anyWithin(_ p: Coordinate, metres: Double) -> Bool {
        guard p.isFinite, metres >= 0 else { return false }
        var best = Best()
        var hint = SegmentSearchHint()
        storage.scan(p, maxMetres: metres, best: &best, stopAtFirst: true, hint: &hint)
        return best.vertex >= 0
    }

    /// The nearest line or point at any distance (nil only for an empty index or non-finite `p`).
    ///
    /// Searches expanding rings of grid cells until no unvisited cell can be closer.
    public func nearestUnbounded(to p: Coordinate) -> NearestHit? {
        guard p.isFinite, storage.segmentCount > 0 else { return nil }
        var best = Best()
        storage.scanRings(p, best: &best)
        return best.vertex >= 0 ? storage.hit(best, query: p) : nil
    }
}

/// Where a `SegmentIndex` search starts: the segment that answered the previous query of the same
/// index (one per thread: queries in spatial order are mostly answered by the same segment).
public struct SegmentSearchHint: Sendable {
    /// The index storage that set the hint (held, so it cannot be another index at the same address);
    /// a hint from another index is ignored.
    var owner: SegmentIndexStorage?
    /// The start vertex of the segment (a segment start of `owner`), or -1.
    var vertex = -1

    /// No hint: the search starts from nothing.
    public init() {}
}

/// The best candidate so far: the segment's start vertex (segments ascend with it), distance, fraction.
struct Best {
    var vertex = -1
    var distance = Double.infinity
    var fraction = 0.0
}
