import CoverageModel
import Foundation

/// A ring for area integration: its points (not closed) and +1 for outer rings, -1 for holes.
package struct SignedRing: Sendable {
    let points: [Coordinate]
    let sign: Int8
    /// `RingClipping.doubleArea` of the points.
    let doubleArea: Double
    let bounds: BoundingBox

    init(points: [Coordinate], sign: Int8) {
        self.points = points
        self.sign = sign
        (doubleArea, bounds) = points.withUnsafeBufferPointer {
            (RingClipping.doubleArea($0), RingClipping.bounds($0))
        }
    }

    /// The rings of a polygon, signed by their role (exterior +1, holes -1).
    package static func rings(of polygon: Polygon) -> [SignedRing] {
        polygon.rings.enumerated().compactMap { r, ring in
            ring.count >= 3
                ? SignedRing(points: Array(ring.dropLast(ring.first == ring.last ? 1 : 0)), sign: r == 0 ? 1 : -1) : nil
        }
    }
}

/// A polygonal piece of one layer (or of the unit, layer -1).
package struct LayerPiece: Sendable {
    package var layer: Int8
    package var rings: [SignedRing]

    /// A piece of `layer` (-1: the unit) made of `rings`.
    package init(layer: Int8, rings: [SignedRing]) {
        self.layer = layer
        self.rings = rings
    }
}

/// Integrates a unit box by box: a box that a layer's polygon covers whole, or that the unit fills
/// or misses, needs none of that layer's edges; boxes with many edges left are split in four.
///
/// Dense coverage (hundreds of overlapping cells in a town) thus costs little where it is deep,
/// and the scanline (`ScanlineArea`) only sees the edges near the boundaries that matter.
/// Boxes with nothing but whole layers are measured in closed form.
package struct QuadAreaIntegrator {
    /// Leaves hold at most this many vertices (or reach the depth limit).
    static let leafVertices = 160
    static let maxDepth = 10

    private var sweep: ScanlineArea
    private var edges: [SweepEdge] = []
    /// The pieces of the nodes on the current path.
    private var stack = RingStack()
    /// The capsules of the nodes on the current path, each node's after its parent's.
    private var capsules: [Capsule] = []
    private let capsuleLayer: Int
    /// Covered area in m² per layer mask, summed over the boxes of the last `integrate`.
    package private(set) var areaByMask: [Double]
    /// Nodes of depth below this report their own areas (`integrate(topDepth:)`; -1: none, one sum).
    private var topDepth = -1
    /// Top nodes not integrated: their areas are known to the caller.
    private var skipped: Set<UInt32> = []
    /// Per top node of the last `integrate(topDepth:)`, in depth-first order: its key and areas
    /// (nil: skipped).
    package private(set) var topNodes: [(key: UInt32, areaByMask: [Double]?)] = []
    /// While planning (`plan`): the walk's top nodes, additions and leaf sweeps, none swept.
    private var planning: QuadAreaPlan?

    package init(layers: Int, capsuleLayer: Int) {
        sweep = ScanlineArea(layers: layers, capsuleLayer: capsuleLayer)
        self.capsuleLayer = capsuleLayer
        areaByMask = Array(repeating: 0, count: 1 << layers)
    }

    /// Integrates the unit `pieces` (layer -1) and layer pieces, plus capsules (local metres in `frame`), over `box`.
    package mutating func integrate(
        pieces: [LayerPiece], capsules input: [Capsule], frame: LocalFrame, box: BoundingBox, capsuleStep: Double
    ) {
        for i in areaByMask.indices { areaByMask[i] = 0 }
        stack.removeAll()
        for piece in pieces {
            let mark = stack.mark
            for ring in piece.rings { stack.push(ring) }
            stack.pushPiece(layer: piece.layer, since: mark)
        }
        capsules.removeAll(keepingCapacity: true)
        capsules.append(contentsOf: input)
        node(
            pieces: 0..<stack.pieces.count, capsules: 0..<capsules.count, frame: frame, box: box, depth: 0,
            capsuleStep: capsuleStep)
    }

    /// Integrates as `integrate` does (the same tree and leaves), with a separate sum per top node.
    ///
    /// A top node is a node of depth at most `topDepth` that is a leaf or of depth `topDepth`
    /// (`topNodes`, depth first). Top nodes whose key is in `skip` are not integrated (reported nil).
    ///
    /// A top node's areas depend only on the pieces and capsules meeting its box, so a caller that
    /// kept them from an earlier integration can skip the nodes no changed piece meets and add all
    /// top nodes' areas in order: the same bits as integrating everything.
    package mutating func integrate(
        pieces: [LayerPiece], capsules input: [Capsule], frame: LocalFrame, box: BoundingBox, capsuleStep: Double,
        topDepth: Int, skip: Set<UInt32>
    ) {
        self.topDepth = topDepth
        skipped = skip
        topNodes.removeAll(keepingCapacity: true)
        defer {
            self.topDepth = -1
            skipped = []
        }
        integrate(pieces: pieces, capsules: input, frame: frame, box: box, capsuleStep: capsuleStep)
    }

    /// Walks the tree `integrate(topDepth:skip:)` walks (the same clipping and splits) without
    /// sweeping its leaves: the plan's sweeps, run anywhere and added by `QuadAreaPlan.topNodeAreas`,
    /// give that integration's `topNodes` bit for bit.
    package mutating func plan(
        pieces: [LayerPiece], capsules input: [Capsule], frame: LocalFrame, box: BoundingBox, capsuleStep: Double,
        topDepth: Int, skip: Set<UInt32>
    ) -> QuadAreaPlan {
        precondition(topDepth >= 0, "every leaf's additions belong to a top node")
        planning = QuadAreaPlan()
        integrate(
            pieces: pieces, capsules: input, frame: frame, box: box, capsuleStep: capsuleStep, topDepth: topDepth,
            skip: skip)
        let plan = planning ?? QuadAreaPlan()
        planning = nil
        return plan
    }

    /// The key of the quad node at `depth`, column `x` and row `y` of that depth's grid.
    package static func nodeKey(depth: Int, x: Int, y: Int) -> UInt32 {
        UInt32(depth) << 28 | UInt32(y) << 14 | UInt32(x)
    }

    /// The box of the node `key` under the root `box`, computed by the same halvings as the tree.
    package static func nodeBox(_ key: UInt32, in box: BoundingBox) -> BoundingBox {
        let depth = Int(key >> 28)
        let x = Int(key & 0x3FFF)
        let y = Int((key >> 14) & 0x3FFF)
        var b = box
        for level in stride(from: depth - 1, through: 0, by: -1) {
            let midX = (b.minX + b.maxX) / 2
            let midY = (b.minY + b.maxY) / 2
            if (x >> level) & 1 == 0 { b.maxX = midX } else { b.minX = midX }
            if (y >> level) & 1 == 0 { b.maxY = midY } else { b.minY = midY }
        }
        return b
    }

    private mutating func node(
        pieces input: Range<Int>, capsules inputCapsules: Range<Int>, frame: LocalFrame, box: BoundingBox, depth: Int,
        capsuleStep: Double, x: Int = 0, y: Int = 0
    ) {
        guard depth <= topDepth else {
            return inner(
                pieces: input, capsules: inputCapsules, frame: frame, box: box, depth: depth, capsuleStep: capsuleStep,
                x: x, y: y)
        }
        let key = Self.nodeKey(depth: depth, x: x, y: y)
        if skipped.contains(key) {
            topNodes.append((key, nil))
            planning?.topNodes.append((key, nil))
            return
        }
        // The node's own sum, or its children's when it splits above the top depth.
        let outer = areaByMask
        for i in areaByMask.indices { areaByMask[i] = 0 }
        let count = topNodes.count
        let firstStep = planning?.steps.count ?? 0
        inner(
            pieces: input, capsules: inputCapsules, frame: frame, box: box, depth: depth, capsuleStep: capsuleStep,
            x: x, y: y)
        if topNodes.count == count {
            topNodes.append((key, areaByMask))
            if let steps = planning?.steps.count { planning?.topNodes.append((key, firstStep..<steps)) }
        }
        areaByMask = outer
    }

    private mutating func inner(
        pieces input: Range<Int>, capsules inputCapsules: Range<Int>, frame: LocalFrame, box: BoundingBox, depth: Int,
        capsuleStep: Double, x: Int, y: Int
    ) {
        let boxArea = (box.maxX - box.minX) * (box.maxY - box.minY)
        guard boxArea > 0 else { return }
        let mark = stack.mark
        let capsuleMark = capsules.count
        defer {
            stack.pop(to: mark)
            capsules.removeSubrange(capsuleMark...)
        }
        var unitFull = false
        var fullMask = 0
        var unitSeen = false
        for p in input {
            let piece = stack.pieces[p]
            if piece.layer >= 0 && fullMask & (1 << Int(piece.layer)) != 0 { continue }
            let pieceMark = stack.mark
            var covered = 0.0
            for r in piece.rings where stack.pushClipped(ring: r, to: box) {
                let ring = stack.rings[stack.rings.count - 1]
                covered = covered + Double(ring.sign) * (abs(ring.doubleArea) / 2)
            }
            covered /= boxArea
            if covered < 1e-12 || covered > 1 - 1e-12 { stack.pop(to: pieceMark) }
            if covered < 1e-12 { continue }
            if piece.layer < 0 { unitSeen = true }
            if covered > 1 - 1e-12 {
                if piece.layer < 0 { unitFull = true } else { fullMask |= 1 << Int(piece.layer) }
                continue
            }
            stack.pushPiece(layer: piece.layer, since: pieceMark)
        }
        guard unitSeen else { return }  // the unit misses this box
        stack.filterPieces(since: mark) { $0.layer < 0 || fullMask & (1 << Int($0.layer)) == 0 }
        var vertices = 0
        for p in mark.pieces..<stack.pieces.count {
            for r in stack.pieces[p].rings { vertices += stack.rings[r].count }
        }
        let kept = mark.pieces..<stack.pieces.count
        let fibreBit = 1 << capsuleLayer
        if fullMask & fibreBit == 0 {
            let local = (
                x0: frame.localX(box.minX), y0: frame.localY(box.minY), x1: frame.localX(box.maxX),
                y1: frame.localY(box.maxY)
            )
            for c in inputCapsules where capsules[c].meets(local) {
                if capsules[c].contains(local) {
                    fullMask |= fibreBit
                    capsules.removeSubrange(capsuleMark...)
                    break
                }
                capsules.append(capsules[c])
            }
        }
        let nodeCapsules = capsuleMark..<capsules.count
        if kept.isEmpty && nodeCapsules.isEmpty && unitFull {
            if planning != nil {
                planning?.steps.append(.rectangle(mask: fullMask, area: Ellipsoid.rectangleArea(box)))
            } else {
                areaByMask[fullMask] += Ellipsoid.rectangleArea(box)
            }
            return
        }
        if vertices > Self.leafVertices && depth < Self.maxDepth {
            let midX = (box.minX + box.maxX) / 2
            let midY = (box.minY + box.maxY) / 2
            pushWholeLayers(box, unitFull: unitFull, fullMask: fullMask)
            let pieces = mark.pieces..<stack.pieces.count
            for (q, quad) in [
                BoundingBox(minX: box.minX, minY: box.minY, maxX: midX, maxY: midY),
                BoundingBox(minX: midX, minY: box.minY, maxX: box.maxX, maxY: midY),
                BoundingBox(minX: box.minX, minY: midY, maxX: midX, maxY: box.maxY),
                BoundingBox(minX: midX, minY: midY, maxX: box.maxX, maxY: box.maxY),
            ].enumerated() {
                node(
                    pieces: pieces, capsules: nodeCapsules, frame: frame, box: quad, depth: depth + 1,
                    capsuleStep: capsuleStep, x: 2 * x + q % 2, y: 2 * y + q / 2)
            }
            return
        }
        pushWholeLayers(box, unitFull: unitFull, fullMask: fullMask)
        edges.removeAll(keepingCapacity: true)
        stack.appendEdges(ofPiecesFrom: mark.pieces, to: &edges)
        if let sweeps = planning?.sweeps.count {
            planning?.sweeps.append(
                LeafSweep(
                    edges: edges, capsules: Array(capsules[nodeCapsules]), frame: frame, box: box,
                    capsuleStep: capsuleStep))
            planning?.steps.append(.sweep(sweeps))
            return
        }
        sweep.integrate(
            edges: edges, capsules: capsules[nodeCapsules], frame: frame, box: box, capsuleStep: capsuleStep)
        for m in areaByMask.indices { areaByMask[m] += sweep.areaByMask[m] }
    }

    /// Pushes the box's outline as a piece of the unit if it fills the box, and of each layer in `fullMask`.
    private mutating func pushWholeLayers(_ box: BoundingBox, unitFull: Bool, fullMask: Int) {
        for layer in -1..<8 where layer < 0 ? unitFull : fullMask & (1 << layer) != 0 {
            let mark = stack.mark
            stack.pushBox(box)
            stack.pushPiece(layer: Int8(layer), since: mark)
        }
    }
}
