import CoverageModel

/// A point-in-polygon index over polygonal items, answering "which items cover this point?".
///
/// Item `i` is the `i`-th geometry given at build time (Polygon or MultiPolygon; other kinds cover
/// nothing). Semantics equal GEOS `ST_Covers(item, point)`: the boundary is included (a point exactly
/// on an edge or vertex, including hole boundaries, is covered), points inside holes are not, and
/// multipolygon parts are OR-ed.
///
/// Exactness: edge and vertex hits use an exact orientation predicate (floating-point filter with an
/// exact expansion fallback) and the ray-crossing rules of GEOS' `RayCrossingCounter`, so results are
/// exact for any finite double coordinates, for valid polygons. For invalid input (self-intersecting
/// rings, overlapping rings within one part) the answer is the even-odd rule per part, which may
/// differ from GEOS. Unclosed rings are closed implicitly.
///
/// Structure: a uniform grid over part bounding boxes finds candidate parts; each part has its own
/// grid whose cells are precomputed as fully inside, fully outside or boundary. Only points in
/// boundary cells test edges, walking right along the cell row to the next non-boundary cell.
public struct PolygonIndex: Sendable {
    @usableFromInline package let storage: PolygonIndexStorage

    /// Builds the index; item `i` is `geometries[i]`.
    ///
    /// - Parameter cellsPerEdge: per-part grid cells per edge (more cells: more points answered
    ///   without edge tests, more memory). 4 suits communes and coverage wedges.
    public init(_ geometries: [Geometry], cellsPerEdge: Double = 4) {
        storage = PolygonIndexBuilder(geometries: geometries, cellsPerEdge: cellsPerEdge).build()
    }

    /// The number of items (geometries given at build time).
    public var count: Int { storage.itemCount }

    /// The bounding box of item `i` (an inverted infinite box for an empty or non-polygonal item).
    public func boundingBox(_ i: Int) -> BoundingBox {
        guard i >= 0, i < storage.itemBoxes.count else {
            return BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        }
        return storage.itemBoxes[i]
    }

    /// The lowest item index that covers `p`, or nil.
    @inlinable public func firstContaining(_ p: Coordinate) -> Int? { storage.firstContaining(p.x, p.y) }

    /// True when any item covers `p`.
    @inlinable public func contains(_ p: Coordinate) -> Bool { storage.contains(p.x, p.y) }

    /// True when an item below `limit` (one of the first `limit` given) covers `p`: `contains(p)` of
    /// the index built from `geometries.prefix(limit)`.
    @inlinable public func contains(_ p: Coordinate, itemsBelow limit: Int) -> Bool {
        storage.contains(p.x, p.y, itemsBelow: limit)
    }

    /// Replaces the contents of `into` with every item index covering `p`, ascending.
    @inlinable public func allContaining(_ p: Coordinate, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        storage.allContaining(p.x, p.y, into: &result)
    }

    /// Every item index covering `p`, ascending.
    public func allContaining(_ p: Coordinate) -> [Int] {
        var out: [Int] = []
        allContaining(p, into: &out)
        return out
    }

    /// Approximate bytes held by the index.
    public var memoryBytes: Int { storage.memoryBytes }

    /// Counts of part-grid cells by class (inside, outside, boundary), for tuning and diagnostics.
    public var cellStatistics: (inside: Int, outside: Int, boundary: Int) {
        var c = (inside: 0, outside: 0, boundary: 0)
        for i in 0..<storage.status.count {
            switch storage.status.base[i] {
            case PolygonIndexStorage.inside: c.inside += 1
            case PolygonIndexStorage.outside: c.outside += 1
            default: c.boundary += 1
            }
        }
        return c
    }
}

/// One polygon part with its own cell grid.
@usableFromInline
struct PolygonPart: BitwiseCopyable {
    @usableFromInline var minX: Double
    @usableFromInline var minY: Double
    @usableFromInline var maxX: Double
    @usableFromInline var maxY: Double
    @usableFromInline var inverseWidth: Double
    @usableFromInline var inverseHeight: Double
    @usableFromInline var columns: Int32
    @usableFromInline var rows: Int32
    @usableFromInline var item: Int32
    /// Offset of the part's first cell in `status` / `cellStart`.
    @usableFromInline var cellBase: Int

    /// The part's bounding box.
    var box: BoundingBox { BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY) }
}

/// The arrays a part test reads, as pointers into a `PolygonIndexStorage` (valid while it lives).
@usableFromInline
struct PolygonParts: BitwiseCopyable {
    @usableFromInline let xy: UnsafePointer<Double>
    @usableFromInline let parts: UnsafePointer<PolygonPart>
    @usableFromInline let status: UnsafePointer<UInt8>
    @usableFromInline let cellStart: UnsafePointer<UInt32>
    @usableFromInline let entries: UnsafePointer<UInt64>

    @usableFromInline
    init(
        xy: UnsafePointer<Double>, parts: UnsafePointer<PolygonPart>, status: UnsafePointer<UInt8>,
        cellStart: UnsafePointer<UInt32>, entries: UnsafePointer<UInt64>
    ) {
        self.xy = xy
        self.parts = parts
        self.status = status
        self.cellStart = cellStart
        self.entries = entries
    }

    /// True when part `p` covers (x, y).
    @inlinable @inline(__always)
    func covers(_ p: Int, _ x: Double, _ y: Double) -> Bool {
        let g = parts[p]
        guard x >= g.minX, x <= g.maxX, y >= g.minY, y <= g.maxY else { return false }
        let nx = Int(g.columns)
        var col = Int((x - g.minX) * g.inverseWidth)
        if col >= nx { col = nx - 1 }
        var row = Int((y - g.minY) * g.inverseHeight)
        if row >= Int(g.rows) { row = Int(g.rows) - 1 }
        let st = status[g.cellBase + row * nx + col]
        if st != PolygonIndexStorage.boundary { return st == PolygonIndexStorage.inside }
        return polygonWalk(
            xy, status, cellStart, entries, x, y, cellRow: g.cellBase + row * nx, columns: nx, startColumn: col) != 0
    }
}

/// The immutable arrays behind a `PolygonIndex`.
///
/// `@unchecked Sendable` only because of the cached `UnsafePointer`s, which Swift does not consider
/// `Sendable`; every other stored property is a `let` of a `Sendable` type. It is sound because:
/// every property is a `let` written in `init`, before the object can be shared; each pointer is the
/// `base` of a `FrozenArray` stored in a `let` of this object (immutable after its own `init`, see
/// `FrozenArray`), so it stays valid as long as the object and is only ever read (`UnsafePointer`:
/// nothing can write through it). Queries read through the pointers, so they need no retain/release,
/// which would otherwise bounce the reference count between cores.
@usableFromInline
package final class PolygonIndexStorage: @unchecked Sendable {
    @usableFromInline static let outside: UInt8 = 0
    @usableFromInline static let inside: UInt8 = 1
    @usableFromInline static let boundary: UInt8 = 2

    let itemCount: Int
    let itemBoxes: [BoundingBox]
    /// Ring vertices, interleaved x, y; every ring is stored closed. Edge `k` runs from vertex `k` to `k+1`.
    let coords: FrozenArray<Double>
    let parts: FrozenArray<PolygonPart>
    /// Per part cell: outside, inside or boundary.
    let status: FrozenArray<UInt8>
    /// Per part cell: first entry index (one extra sentinel at the end).
    let cellStart: FrozenArray<UInt32>
    /// Edge entries: low 32 bits = edge start vertex, high 32 bits = first column of the edge in this row.
    let entries: FrozenArray<UInt64>
    @usableFromInline let top: GridRaster
    @usableFromInline let topBox: BoundingBox
    let topStart: FrozenArray<UInt32>
    /// Part indexes per top-level cell, ascending (so items ascend too).
    let topEntries: FrozenArray<UInt32>

    init(
        itemCount: Int, itemBoxes: [BoundingBox], coords: [Double], parts: [PolygonPart], status: [UInt8],
        cellStart: [UInt32], entries: [UInt64], top: GridRaster, topBox: BoundingBox, topStart: [UInt32],
        topEntries: [UInt32]
    ) {
        self.itemCount = itemCount
        self.itemBoxes = itemBoxes
        self.coords = FrozenArray(coords)
        self.parts = FrozenArray(parts)
        self.status = FrozenArray(status)
        self.cellStart = FrozenArray(cellStart)
        self.entries = FrozenArray(entries)
        self.top = top
        self.topBox = topBox
        self.topStart = FrozenArray(topStart)
        self.topEntries = FrozenArray(topEntries)
        xyPtr = self.coords.base
        partsPtr = self.parts.base
        statusPtr = self.status.base
        cellStartPtr = self.cellStart.base
        entriesPtr = self.entries.base
        topStartPtr = self.topStart.base
        topEntriesPtr = self.topEntries.base
    }

    @usableFromInline let xyPtr: UnsafePointer<Double>
    @usableFromInline let partsPtr: UnsafePointer<PolygonPart>
    @usableFromInline let statusPtr: UnsafePointer<UInt8>
    @usableFromInline let cellStartPtr: UnsafePointer<UInt32>
    @usableFromInline let entriesPtr: UnsafePointer<UInt64>
    @usableFromInline let topStartPtr: UnsafePointer<UInt32>
    @usableFromInline let topEntriesPtr: UnsafePointer<UInt32>

    @inlinable package func firstContaining(_ x: Double, _ y: Double) -> Int? {
        guard let range = candidateRange(x, y) else { return nil }
        for k in range {
            let part = Int(topEntriesPtr[k])
            if partCovers(part, x, y) { return Int(partsPtr[part].item) }
        }
        return nil
    }

    @inlinable package func contains(_ x: Double, _ y: Double) -> Bool {
        guard let range = candidateRange(x, y) else { return false }
        for k in range where partCovers(Int(topEntriesPtr[k]), x, y) { return true }
        return false
    }

    /// True when a part of an item below `limit` covers (x, y); the candidates ascend by item, so the
    /// scan stops at the first part of an item at or above it.
    @inlinable package func contains(_ x: Double, _ y: Double, itemsBelow limit: Int) -> Bool {
        guard let range = candidateRange(x, y) else { return false }
        for k in range {
            let part = Int(topEntriesPtr[k])
            if Int(partsPtr[part].item) >= limit { return false }
            if partCovers(part, x, y) { return true }
        }
        return false
    }

    @inlinable package func allContaining(_ x: Double, _ y: Double, into result: inout [Int]) {
        guard let range = candidateRange(x, y) else { return }
        var last = -1
        for k in range {
            let part = Int(topEntriesPtr[k])
            let item = Int(partsPtr[part].item)
            if item == last { continue }
            if partCovers(part, x, y) {
                result.append(item)
                last = item
            }
        }
    }

    var memoryBytes: Int {
        coords.byteCount + parts.byteCount + status.byteCount + cellStart.byteCount + entries.byteCount
            + topStart.byteCount + topEntries.byteCount + itemBoxes.count * MemoryLayout<BoundingBox>.stride
    }

    /// The range of `topEntries` holding candidate parts for a point, or nil when none can cover it.
    @inlinable @inline(__always)
    func candidateRange(_ x: Double, _ y: Double) -> Range<Int>? {
        // Written so that NaN fails the test.
        guard x >= topBox.minX, x <= topBox.maxX, y >= topBox.minY, y <= topBox.maxY else { return nil }
        let cell = top.row(y) * top.columns + top.column(x)
        let lo = Int(topStartPtr[cell])
        let hi = Int(topStartPtr[cell + 1])
        return lo < hi ? lo..<hi : nil
    }

    /// True when part `p` covers (x, y).
    @inlinable @inline(__always)
    func partCovers(_ p: Int, _ x: Double, _ y: Double) -> Bool { partsView.covers(p, x, y) }

    /// The arrays a part test reads.
    @inlinable var partsView: PolygonParts {
        PolygonParts(xy: xyPtr, parts: partsPtr, status: statusPtr, cellStart: cellStartPtr, entries: entriesPtr)
    }
}

/// Decides a point from its boundary cell: counts ray crossings (ray towards +x) over the edges of
/// the cells from `startColumn` rightwards up to the first non-boundary cell, whose precomputed class
/// gives the parity beyond (past the last column: outside). Returns 1 when covered (inside or on the
/// boundary), else 0. Each edge is tested once: in the start cell, or in the first column it touches.
@usableFromInline
func polygonWalk(
    _ xy: UnsafePointer<Double>, _ st: UnsafePointer<UInt8>, _ starts: UnsafePointer<UInt32>,
    _ ent: UnsafePointer<UInt64>, _ x: Double, _ y: Double, cellRow: Int, columns nx: Int, startColumn: Int
) -> UInt8 {
    var parity: UInt8 = 0
    var col = startColumn
    while col < nx {
        let cell = cellRow + col
        let s = st[cell]
        if s != PolygonIndexStorage.boundary { return s ^ parity }
        let lo = Int(starts[cell])
        let hi = Int(starts[cell + 1])
        for k in lo..<hi {
            let e = ent[k]
            if col != startColumn && Int(truncatingIfNeeded: e >> 32) != col { continue }
            let v = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) &* 2
            let x1 = xy[v]
            let y1 = xy[v + 1]
            let x2 = xy[v + 2]
            let y2 = xy[v + 3]
            // Mirrors GEOS RayCrossingCounter::countSegment.
            if x1 < x && x2 < x { continue }
            if (x == x1 && y == y1) || (x == x2 && y == y2) { return 1 }
            if y1 == y && y2 == y {
                if x >= Swift.min(x1, x2) && x <= Swift.max(x1, x2) { return 1 }
                continue
            }
            if (y1 > y) != (y2 > y) {
                var o = Orientation.orient(x1, y1, x2, y2, x, y)
                if o == 0 { return 1 }
                if y2 < y1 { o = -o }
                if o > 0 { parity ^= 1 }
            }
        }
        col += 1
    }
    return parity
}
