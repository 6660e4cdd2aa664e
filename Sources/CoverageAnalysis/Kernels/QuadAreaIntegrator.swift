import CoverageModel
import Foundation

/// A ring for area integration: its points (not closed) and +1 for outer rings, -1 for holes.
struct SignedRing: Sendable {
    var points: [Coordinate]
    var sign: Int8

    /// The rings of a polygon, signed by their role (exterior +1, holes -1).
    static func rings(of polygon: Polygon) -> [SignedRing] {
        polygon.rings.enumerated().compactMap { r, ring in
            ring.count >= 3
                ? SignedRing(points: Array(ring.dropLast(ring.first == ring.last ? 1 : 0)), sign: r == 0 ? 1 : -1) : nil
        }
    }

    /// The planar area (square degrees) enclosed, whatever the orientation.
    var area: Double { abs(RingClipping.doubleArea(points)) / 2 }
}

/// A polygonal piece of one layer (or of the unit, layer -1) inside a box.
struct LayerPiece: Sendable {
    var layer: Int8
    var rings: [SignedRing]

    var vertexCount: Int { rings.reduce(0) { $0 + $1.points.count } }
}

/// Integrates a unit box by box: a box that a layer's polygon covers whole, or that the unit fills
/// or misses, needs none of that layer's edges; boxes with many edges left are split in four.
///
/// Dense coverage (hundreds of overlapping cells in a town) thus costs little where it is deep,
/// and the scanline (`ScanlineArea`) only sees the edges near the boundaries that matter.
/// Boxes with nothing but whole layers are measured in closed form.
struct QuadAreaIntegrator {
    /// Leaves hold at most this many vertices (or reach the depth limit).
    static let leafVertices = 160
    static let maxDepth = 10

    private var sweep: ScanlineArea
    private var edges: [SweepEdge] = []
    private let capsuleLayer: Int
    /// Covered area in m² per layer mask, summed over the boxes of the last `integrate`.
    private(set) var areaByMask: [Double]

    init(layers: Int, capsuleLayer: Int) {
        sweep = ScanlineArea(layers: layers, capsuleLayer: capsuleLayer)
        self.capsuleLayer = capsuleLayer
        areaByMask = Array(repeating: 0, count: 1 << layers)
    }

    /// Integrates the unit `pieces` (layer -1) and layer pieces, plus capsules (local metres in `frame`), over `box`.
    mutating func integrate(
        pieces: [LayerPiece], capsules: [Capsule], frame: LocalFrame, box: BoundingBox, capsuleStep: Double
    ) {
        for i in areaByMask.indices { areaByMask[i] = 0 }
        node(pieces, capsules, frame: frame, box: box, depth: 0, capsuleStep: capsuleStep)
    }

    private mutating func node(
        _ input: [LayerPiece], _ inputCapsules: [Capsule], frame: LocalFrame, box: BoundingBox, depth: Int,
        capsuleStep: Double
    ) {
        let boxArea = (box.maxX - box.minX) * (box.maxY - box.minY)
        guard boxArea > 0 else { return }
        var unitFull = false
        var fullMask = 0
        var kept: [LayerPiece] = []
        var unitSeen = false
        for piece in input {
            if piece.layer >= 0 && fullMask & (1 << Int(piece.layer)) != 0 { continue }
            let clipped = piece.rings.map {
                SignedRing(points: RingClipping.clip($0.points, to: box), sign: $0.sign)
            }.filter { $0.points.count >= 3 }
            let covered = clipped.reduce(0.0) { $0 + Double($1.sign) * $1.area } / boxArea
            if covered < 1e-12 { continue }
            if piece.layer < 0 { unitSeen = true }
            if covered > 1 - 1e-12 {
                if piece.layer < 0 { unitFull = true } else { fullMask |= 1 << Int(piece.layer) }
                continue
            }
            kept.append(LayerPiece(layer: piece.layer, rings: clipped))
        }
        guard unitSeen else { return }  // the unit misses this box
        kept.removeAll { $0.layer >= 0 && fullMask & (1 << Int($0.layer)) != 0 }
        let vertices = kept.reduce(0) { $0 + $1.vertexCount }
        var capsules: [Capsule] = []
        let fibreBit = 1 << capsuleLayer
        if fullMask & fibreBit == 0 {
            let local = (
                x0: frame.localX(box.minX), y0: frame.localY(box.minY), x1: frame.localX(box.maxX),
                y1: frame.localY(box.maxY)
            )
            for c in inputCapsules where c.meets(local) {
                if c.contains(local) {
                    fullMask |= fibreBit
                    capsules.removeAll()
                    break
                }
                capsules.append(c)
            }
        }
        if kept.isEmpty && capsules.isEmpty && unitFull {
            areaByMask[fullMask] += Ellipsoid.rectangleArea(box)
            return
        }
        if vertices > Self.leafVertices && depth < Self.maxDepth {
            let midX = (box.minX + box.maxX) / 2
            let midY = (box.minY + box.maxY) / 2
            var pieces = kept
            if unitFull { pieces.append(LayerPiece(layer: -1, rings: [Self.boxRing(box)])) }
            for bit in 0..<8 where fullMask & (1 << bit) != 0 {
                pieces.append(LayerPiece(layer: Int8(bit), rings: [Self.boxRing(box)]))
            }
            for quad in [
                BoundingBox(minX: box.minX, minY: box.minY, maxX: midX, maxY: midY),
                BoundingBox(minX: midX, minY: box.minY, maxX: box.maxX, maxY: midY),
                BoundingBox(minX: box.minX, minY: midY, maxX: midX, maxY: box.maxY),
                BoundingBox(minX: midX, minY: midY, maxX: box.maxX, maxY: box.maxY),
            ] {
                node(pieces, capsules, frame: frame, box: quad, depth: depth + 1, capsuleStep: capsuleStep)
            }
            return
        }
        edges.removeAll(keepingCapacity: true)
        for piece in kept { SweepEdge.append(piece.rings, layer: piece.layer, to: &edges) }
        if unitFull { SweepEdge.append([Self.boxRing(box)], layer: -1, to: &edges) }
        for bit in 0..<8 where fullMask & (1 << bit) != 0 {
            SweepEdge.append([Self.boxRing(box)], layer: Int8(bit), to: &edges)
        }
        sweep.integrate(edges: edges, capsules: capsules, frame: frame, box: box, capsuleStep: capsuleStep)
        for m in areaByMask.indices { areaByMask[m] += sweep.areaByMask[m] }
    }

    private static func boxRing(_ b: BoundingBox) -> SignedRing {
        SignedRing(
            points: [.init(b.minX, b.minY), .init(b.maxX, b.minY), .init(b.maxX, b.maxY), .init(b.minX, b.maxY)],
            sign: 1)
    }
}
