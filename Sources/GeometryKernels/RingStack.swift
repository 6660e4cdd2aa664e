import CoverageModel

/// A ring held in a `RingStack`: where its points lie, its role and its cached measures.
struct RingSpan {
    var start: Int
    var count: Int
    /// +1 for outer rings, -1 for holes.
    var sign: Int8
    /// `RingClipping.doubleArea` of its points.
    var doubleArea: Double
    var bounds: BoundingBox

    var points: Range<Int> { start..<(start + count) }
}

/// A polygonal piece of one layer (or of the unit, layer -1) in a `RingStack`: a range of its rings.
struct PieceSpan {
    var layer: Int8
    var rings: Range<Int>
}

/// The clipped pieces of the quadtree nodes on the current path, stacked in shared buffers.
///
/// A node pushes the parts of its parent's pieces inside its box and pops them when done, so the
/// recursion allocates nothing once the buffers have grown; a ring lying wholly inside the box
/// refers to its parent's points instead of copying them.
struct RingStack {
    /// The stack's sizes, to pop back to.
    struct Mark {
        fileprivate let points: Int
        fileprivate let rings: Int
        let pieces: Int
    }

    private(set) var points: [Coordinate] = []
    private(set) var rings: [RingSpan] = []
    private(set) var pieces: [PieceSpan] = []
    private var clipped: [Coordinate] = []
    private var scratch: [Coordinate] = []

    var mark: Mark { Mark(points: points.count, rings: rings.count, pieces: pieces.count) }

    /// Pops everything pushed since `mark`.
    mutating func pop(to mark: Mark) {
        points.removeSubrange(mark.points...)
        rings.removeSubrange(mark.rings...)
        pieces.removeSubrange(mark.pieces...)
    }

    /// Empties the stack.
    mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        rings.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
    }

    /// Pushes a piece made of the rings pushed since `mark`.
    mutating func pushPiece(layer: Int8, since mark: Mark) {
        pieces.append(PieceSpan(layer: layer, rings: mark.rings..<rings.count))
    }

    /// Keeps only the pieces pushed since `mark` that satisfy `keep`, in order.
    mutating func filterPieces(since mark: Mark, _ keep: (PieceSpan) -> Bool) {
        var kept = mark.pieces
        for i in mark.pieces..<pieces.count where keep(pieces[i]) {
            pieces[kept] = pieces[i]
            kept += 1
        }
        pieces.removeSubrange(kept...)
    }

    /// Pushes a ring as given.
    mutating func push(_ ring: SignedRing) {
        rings.append(
            RingSpan(
                start: points.count, count: ring.points.count, sign: ring.sign, doubleArea: ring.doubleArea,
                bounds: ring.bounds))
        points.append(contentsOf: ring.points)
    }

    /// Pushes the outline of `box` as an outer ring.
    mutating func pushBox(_ b: BoundingBox) {
        clipped.removeAll(keepingCapacity: true)
        clipped.append(contentsOf: [
            .init(b.minX, b.minY), .init(b.maxX, b.minY), .init(b.maxX, b.maxY), .init(b.minX, b.maxY),
        ])
        pushClipped(sign: 1, bounds: b)
    }

    /// Pushes the part of ring `r` inside `box` when it keeps three points or more; true if pushed.
    mutating func pushClipped(ring r: Int, to box: BoundingBox) -> Bool {
        let ring = rings[r]
        var count = ring.count
        if count > 1 && points[ring.start] == points[ring.start + count - 1] { count -= 1 }
        // Dropping a closing vertex equal to the first leaves the bounds as they were.
        let b = ring.bounds
        if b.minX >= box.minX && b.maxX <= box.maxX && b.minY >= box.minY && b.maxY <= box.maxY {
            // Wholly inside: the same points, no clipping needed.
            guard count >= 3 else { return false }
            let doubleArea =
                count == ring.count
                ? ring.doubleArea
                : points.withUnsafeBufferPointer {
                    RingClipping.doubleArea(UnsafeBufferPointer(rebasing: $0[ring.start..<(ring.start + count)]))
                }
            rings.append(RingSpan(start: ring.start, count: count, sign: ring.sign, doubleArea: doubleArea, bounds: b))
            return true
        }
        if b.minX > box.maxX || b.maxX < box.minX || b.minY > box.maxY || b.maxY < box.minY { return false }
        let bounds = points.withUnsafeBufferPointer {
            RingClipping.clip(
                UnsafeBufferPointer(rebasing: $0[ring.start..<(ring.start + count)]), bounds: b, to: box,
                into: &clipped, scratch: &scratch)
        }
        guard clipped.count >= 3 else { return false }
        pushClipped(sign: ring.sign, bounds: bounds)
        return true
    }

    /// Appends the edges of the pieces from index `first` on to `edges`.
    func appendEdges(ofPiecesFrom first: Int, to edges: inout [SweepEdge]) {
        points.withUnsafeBufferPointer { points in
            for piece in pieces[first...] {
                for r in piece.rings {
                    let ring = rings[r]
                    SweepEdge.append(
                        UnsafeBufferPointer(rebasing: points[ring.points]), sign: ring.sign,
                        doubleArea: ring.doubleArea,
                        layer: piece.layer, to: &edges)
                }
            }
        }
    }

    /// Pushes the ring in `clipped` (within `bounds`), measuring its area.
    private mutating func pushClipped(sign: Int8, bounds: BoundingBox) {
        let doubleArea = clipped.withUnsafeBufferPointer { RingClipping.doubleArea($0) }
        rings.append(
            RingSpan(start: points.count, count: clipped.count, sign: sign, doubleArea: doubleArea, bounds: bounds))
        points.append(contentsOf: clipped)
    }
}
