import CoverageModel

/// Labels 0…127 as a 128-bit set: what a `PolygonGroupIndex` query answers.
public struct LabelSet: Hashable, Sendable {
    /// Labels 0…63 (bit `l` for label `l`).
    public var low: UInt64
    /// Labels 64…127 (bit `l - 64` for label `l`).
    public var high: UInt64

    /// The set of the given words.
    @inlinable public init(low: UInt64 = 0, high: UInt64 = 0) {
        self.low = low
        self.high = high
    }

    /// True when `label` is in the set.
    @inlinable public func contains(_ label: Int) -> Bool {
        label < 64 ? low & (1 << UInt64(label)) != 0 : high & (1 << UInt64(label - 64)) != 0
    }

    /// The 32 labels `32 * word ..< 32 * word + 32` as bits (word 0…3).
    @inlinable public func word32(_ word: Int) -> UInt32 {
        let w = word < 2 ? low : high
        return UInt32(truncatingIfNeeded: word & 1 == 0 ? w : w >> 32)
    }
}

/// Labelled `PolygonIndex`es answered together: "which labels have an item covering this point?",
/// with one grid lookup for all of them (instead of one per index).
///
/// Each index keeps its items and exact part tests (`PolygonIndex`'s semantics: boundary included,
/// holes excluded); one grid over the parts of every index lists, per cell, the (index, part)
/// candidates, and a point tests only those whose label it does not already have. Labels may repeat
/// (their indexes are OR-ed).
public struct PolygonGroupIndex: Sendable {
    @usableFromInline let storage: PolygonGroupStorage

    /// The highest label (labels are 0…127).
    public static let maxLabel = 127
    /// The most indexes one group index holds.
    public static let maxIndexes = 256

    /// Joins `groups` (at most `maxIndexes`, labels 0…`maxLabel`); the indexes are shared, not copied.
    public init(_ groups: [(label: Int, index: PolygonIndex)]) {
        precondition(groups.count <= Self.maxIndexes, "more than \(Self.maxIndexes) polygon indexes in one group index")
        precondition(groups.allSatisfy { (0...Self.maxLabel).contains($0.label) }, "a label outside 0…\(Self.maxLabel)")
        storage = PolygonGroupStorage(groups.map { ($0.label, $0.index.storage) })
    }

    /// The labels whose index has an item covering `p`.
    @inlinable public func labels(covering p: Coordinate) -> LabelSet { storage.labels(p.x, p.y) }
}

/// The candidate grid behind a `PolygonGroupIndex`, over the parts of its indexes.
///
/// `@unchecked Sendable` for the same reasons as `PolygonIndexStorage`: every property is a `let`
/// written in `init`; the pointers point into `FrozenArray`s held here and into the indexes' storage,
/// which `indexes` keeps alive, and are only read.
@usableFromInline
final class PolygonGroupStorage: @unchecked Sendable {
    /// The joined indexes (kept alive for the pointers in `groups`).
    let indexes: [PolygonIndexStorage]
    /// Per index: the arrays its part tests read.
    let groups: FrozenArray<PolygonParts>
    /// Per candidate: part (low 32 bits), index (bits 32–39), label (bits 40–47); ascending index,
    /// then part, within a cell.
    let candidates: FrozenArray<UInt64>
    @usableFromInline let top: GridRaster
    @usableFromInline let topBox: BoundingBox
    let topStart: FrozenArray<UInt32>
    @usableFromInline let groupsPtr: UnsafePointer<PolygonParts>
    @usableFromInline let candidatesPtr: UnsafePointer<UInt64>
    @usableFromInline let topStartPtr: UnsafePointer<UInt32>

    init(_ joined: [(label: Int, storage: PolygonIndexStorage)]) {
        indexes = joined.map(\.storage)
        groups = FrozenArray(joined.map { $0.storage.partsView })
        var boxes: [BoundingBox] = []
        var tags: [UInt64] = []
        for (g, (label, storage)) in joined.enumerated() {
            for p in 0..<storage.parts.count {
                boxes.append(storage.parts.base[p].box)
                tags.append(UInt64(label) << 40 | UInt64(g) << 32 | UInt64(p))
            }
        }
        if boxes.isEmpty {
            top = GridRaster(box: BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0), columns: 1, rows: 1)
            topBox = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
            topStart = FrozenArray([0, 0])
            candidates = FrozenArray([])
        } else {
            let grid = CandidateGrid(boxes: boxes, refiningSparse: true)
            top = grid.grid
            topBox = grid.box
            topStart = FrozenArray(grid.starts)
            candidates = FrozenArray(grid.entries.map { tags[Int($0)] })
        }
        groupsPtr = groups.base
        candidatesPtr = candidates.base
        topStartPtr = topStart.base
    }

    /// The labels with a part covering (x, y); a candidate whose label is already set is skipped.
    @inlinable
    func labels(_ x: Double, _ y: Double) -> LabelSet {
        var low: UInt64 = 0
        var high: UInt64 = 0
        // Written so that NaN fails the test.
        guard x >= topBox.minX, x <= topBox.maxX, y >= topBox.minY, y <= topBox.maxY else { return LabelSet() }
        let cell = top.row(y) * top.columns + top.column(x)
        let lo = Int(topStartPtr[cell])
        let hi = Int(topStartPtr[cell + 1])
        for k in lo..<hi {
            let e = candidatesPtr[k]
            let label = Int(truncatingIfNeeded: e >> 40)
            let bit = UInt64(1) << UInt64(label & 63)
            let isLow = label < 64
            if (isLow ? low : high) & bit != 0 { continue }
            let g = Int(truncatingIfNeeded: (e >> 32) & 0xFF)
            guard groupsPtr[g].covers(Int(truncatingIfNeeded: e & 0xFFFF_FFFF), x, y) else { continue }
            if isLow { low |= bit } else { high |= bit }
        }
        return LabelSet(low: low, high: high)
    }
}
