import CoverageModel
import Foundation

/// One non-horizontal polygon edge for the scanline integrator, in longitude/latitude degrees.
struct SweepEdge: Sendable {
    var yLow: Double
    var yHigh: Double
    var xAtLow: Double
    /// dx/dy.
    var slope: Double
    /// The layer bit (0…), or -1 for the unit's own boundary.
    var layer: Int8
    /// +1 when crossing the edge left to right enters the ring's polygon, -1 when it leaves.
    var delta: Int8

    @inline(__always) func x(at y: Double) -> Double { xAtLow + (y - yLow) * slope }

    /// Appends the edges of signed rings: inside an outer ring counts +1 and inside a hole -1,
    /// whatever the rings' orientation.
    static func append(_ rings: [SignedRing], layer: Int8, to edges: inout [SweepEdge]) {
        for ring in rings {
            ring.points.withUnsafeBufferPointer {
                append($0, sign: ring.sign, doubleArea: ring.doubleArea, layer: layer, to: &edges)
            }
        }
    }

    /// Appends the edges of one ring given without its closing vertex, with its role `sign` (+1 outer,
    /// -1 hole) and its `RingClipping.doubleArea`.
    static func append(
        _ points: UnsafeBufferPointer<Coordinate>, sign ringSign: Int8, doubleArea: Double, layer: Int8,
        to edges: inout [SweepEdge]
    ) {
        guard points.count >= 3 else { return }
        // Left to right across a downward edge enters a counter-clockwise ring.
        let sign: Int8 = doubleArea > 0 ? ringSign : -ringSign
        var previous = points[points.count - 1]
        for p in points {
            defer { previous = p }
            guard p.y != previous.y else { continue }
            let down = p.y < previous.y
            let (low, high) = down ? (p, previous) : (previous, p)
            edges.append(
                SweepEdge(
                    yLow: low.y, yHigh: high.y, xAtLow: low.x, slope: (high.x - low.x) / (high.y - low.y),
                    layer: layer, delta: down ? sign : -sign))
        }
    }
}

/// Areas of a unit covered by each combination of layers, by integrating along parallels.
///
/// The unit and every polygon layer are given as edges; at a latitude the parallel crosses them
/// in x order, and a running winding count per layer says which layers cover each piece of the
/// unit. The covered length per layer combination is piecewise linear in latitude between the
/// latitudes of vertices and edge crossings, so slabs between those latitudes are integrated
/// exactly — at their midpoints, or two Gauss points on tall slabs where the ellipsoidal area
/// element M·N·cosφ varies. Round buffers
/// (capsules: fibre reach) make the length curved: their union is computed exactly on lines
/// `capsuleStep` metres apart and interpolated linearly in between (the trapezoidal rule).
///
/// A value with scratch buffers, reused unit after unit: one per worker.
struct ScanlineArea {
    /// The layer bit of capsules.
    let capsuleLayer: Int
    /// Covered area in m² per layer mask (bit `l` set: layer `l` covers), inside the unit.
    private(set) var areaByMask: [Double]

    private var edges: [SweepEdge] = []
    private var order: [Int32] = []
    private var scratch: [Int32] = []
    private var xAt: [Double] = []
    private var xEnd: [Double] = []
    private var xMid: [Double] = []
    private var splits: [Double] = []
    private var events: [Double] = []
    private var bands = CapsuleBands()

    /// Slabs taller than this (degrees) use two Gauss–Legendre points.
    static let gaussAbove = 1e-4
    static let midpoint = [0.5]
    static let gauss2 = [0.5 - 0.5 / 3.0.squareRoot(), 0.5 + 0.5 / 3.0.squareRoot()]

    init(layers: Int, capsuleLayer: Int) {
        precondition(layers <= 8 && capsuleLayer < 8)
        self.capsuleLayer = capsuleLayer
        areaByMask = Array(repeating: 0, count: 1 << layers)
    }

    /// Integrates one unit: `edges` (unit boundary with layer -1 and layer polygons) and
    /// `capsules` given in the local plane of `frame` (metres east/north of its origin).
    ///
    /// - Parameters:
    ///   - box: the unit's bounding box; nothing outside it is measured.
    ///   - capsuleStep: the spacing of the lines where capsule unions are computed exactly (metres).
    mutating func integrate(
        edges input: [SweepEdge], capsules: some Collection<Capsule>, frame: LocalFrame, box: BoundingBox,
        capsuleStep: Double
    ) {
        for i in areaByMask.indices { areaByMask[i] = 0 }
        edges.removeAll(keepingCapacity: true)
        for e in input where e.yHigh > box.minY && e.yLow < box.maxY && min(e.xAtLow, e.x(at: e.yHigh)) <= box.maxX {
            edges.append(e)
        }
        edges.sort { $0.yLow < $1.yLow }
        events.removeAll(keepingCapacity: true)
        events.append(box.minY)
        events.append(box.maxY)
        for e in edges {
            if e.yLow > box.minY { events.append(e.yLow) }
            if e.yHigh < box.maxY { events.append(e.yHigh) }
        }
        events.sort()
        bands.reset(capsules, step: capsuleStep)
        // Indexed by edge; every entry is written before it is read.
        xAt.grow(to: edges.count)
        xEnd.grow(to: edges.count)
        xMid.grow(to: edges.count)
        order.removeAll(keepingCapacity: true)
        var nextEdge = 0
        var previous = events[0]
        for a in events.dropFirst() where a > previous {
            let s = previous
            previous = a
            // Edges spanning [s, a], with their x at both ends of the slab.
            let kept = order.withUnsafeMutableBufferPointer { order in
                edges.withUnsafeBufferPointer { edges in
                    var kept = 0
                    for i in order.indices where edges[Int(order[i])].yHigh > s {
                        order[kept] = order[i]
                        kept += 1
                    }
                    return kept
                }
            }
            order.removeLast(order.count - kept)
            while nextEdge < edges.count && edges[nextEdge].yLow <= s {
                if edges[nextEdge].yHigh > s { order.append(Int32(nextEdge)) }
                nextEdge += 1
            }
            // No edge of the unit spans the slab: it lies outside the unit (the running count of
            // `evaluate` stays 0 and adds nothing), so neither its lines nor its capsule unions are
            // computed. Skipping changes no sum: the union on a line depends only on the line.
            guard spansUnitEdge() else { continue }
            slabSplits(from: s, to: a, box: box)
            // Without crossings the order by x at the slab's bottom holds all the way up.
            let ordered = splits.count == 1
            var lower = s
            for upper in splits {
                defer { lower = upper }
                guard upper > lower else { continue }
                guard bands.hasCapsules else {
                    // Length × area element: the midpoint rule is exact for the length alone, but
                    // their product needs two Gauss points once slabs are tall (~1e-5 at 0.03°).
                    let h = upper - lower
                    let nodes = h > Self.gaussAbove ? Self.gauss2 : Self.midpoint
                    for node in nodes {
                        let y = lower + node * h
                        evaluate(
                            fraction: (y - s) / (a - s), ordered: ordered, withCapsules: false, frame: frame,
                            factor: Ellipsoid.squareMetresPerSquareDegree(latitude: y) * h / Double(nodes.count))
                    }
                    continue
                }
                // Pieces within one cell of the capsule lines: the interpolated union is linear there.
                let bottom = frame.localY(lower)
                let top = frame.localY(upper)
                for k in bands.cell(of: bottom)...bands.cell(of: top) {
                    let p = max(bottom, Double(k) * bands.step)
                    let q = min(top, Double(k + 1) * bands.step)
                    guard q > p else { continue }
                    bands.query((p + q) / 2, cell: k)
                    let y = frame.latitude((p + q) / 2)
                    evaluate(
                        fraction: (y - s) / (a - s), ordered: ordered, withCapsules: true, frame: frame,
                        factor: Ellipsoid.squareMetresPerSquareDegree(latitude: y) * (q - p)
                            / frame.scale.metresPerDegreeY)
                }
            }
        }
    }

    /// Whether one of the active edges (`order`) is an edge of the unit (layer -1).
    private func spansUnitEdge() -> Bool {
        order.withUnsafeBufferPointer { order in
            edges.withUnsafeBufferPointer { edges in order.contains { edges[Int($0)].layer < 0 } }
        }
    }

    /// The latitudes splitting slab [s, a] where active edges cross inside the box (ending with `a`).
    private mutating func slabSplits(from s: Double, to a: Double, box: BoundingBox) {
        splits.removeAll(keepingCapacity: true)
        let inverted = order.withUnsafeMutableBufferPointer { order in
            edges.withUnsafeBufferPointer { edges in
                xAt.withUnsafeMutableBufferPointer { xAt in
                    xEnd.withUnsafeMutableBufferPointer { xEnd in
                        Self.sortByBottom(order, edges: edges, xAt: xAt, xEnd: xEnd, from: s, to: a)
                    }
                }
            }
        }
        if inverted || !isSortedByEnd() { findCrossings(from: s, to: a, box: box) }
        splits.sort()
        splits.append(a)
    }

    /// Sets the active edges' x at the slab's bottom `s` and top `a`, and insertion-sorts them by x at
    /// the bottom (ties by x at the top); true when a pair is found inverted at the top on the way.
    private static func sortByBottom(
        _ order: UnsafeMutableBufferPointer<Int32>, edges: UnsafeBufferPointer<SweepEdge>,
        xAt: UnsafeMutableBufferPointer<Double>, xEnd: UnsafeMutableBufferPointer<Double>, from s: Double,
        to a: Double
    ) -> Bool {
        for k in order {
            let e = edges[Int(k)]
            xAt[Int(k)] = e.x(at: s)
            xEnd[Int(k)] = e.x(at: a)
        }
        // Nearly sorted since the last slab.
        var inverted = false
        var i = 1
        while i < order.count {
            let v = Int(order[i])
            var j = i
            while j > 0 {
                let w = Int(order[j - 1])
                guard xAt[v] < xAt[w] || (xAt[v] == xAt[w] && xEnd[v] < xEnd[w]) else { break }
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = Int32(v)
            if j > 0 && xEnd[v] < xEnd[Int(order[j - 1])] { inverted = true }
            i += 1
        }
        return inverted
    }

    /// True when the edges, in bottom order, are also in order at the slab's top (no crossings).
    private func isSortedByEnd() -> Bool {
        order.withUnsafeBufferPointer { order in
            xEnd.withUnsafeBufferPointer { xEnd in
                var i = 1
                while i < order.count {
                    if xEnd[Int(order[i])] < xEnd[Int(order[i - 1])] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    /// Adds to `splits` the heights where pairs inverted between the slab's bottom and top cross.
    private mutating func findCrossings(from s: Double, to a: Double, box: BoundingBox) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: order)
        var i = 1
        while i < scratch.count {
            let e = Int(scratch[i])
            var j = i
            while j > 0, xEnd[e] < xEnd[Int(scratch[j - 1])] {
                let f = Int(scratch[j - 1])
                let d0 = xAt[e] - xAt[f]
                let d1 = xEnd[e] - xEnd[f]
                let t = d0 / (d0 - d1)
                if t > 0 && t < 1 {
                    let y = s + t * (a - s)
                    let x = xAt[e] + t * (xEnd[e] - xAt[e])
                    if x >= box.minX && x <= box.maxX { splits.append(y) }
                }
                scratch[j] = scratch[j - 1]
                j -= 1
            }
            scratch[j] = Int32(e)
            i += 1
        }
    }

    /// Adds the covered lengths along the parallel `fraction` of the way up the current slab, times
    /// `factor` (m² per degree of length); `ordered`: the edges are known to be in x order there.
    /// With capsules, their union on this line must have been evaluated.
    private mutating func evaluate(
        fraction t: Double, ordered: Bool, withCapsules: Bool, frame: LocalFrame, factor: Double
    ) {
        order.withUnsafeMutableBufferPointer { order in
            xAt.withUnsafeBufferPointer { xAt in
                xEnd.withUnsafeBufferPointer { xEnd in
                    xMid.withUnsafeMutableBufferPointer { xMid in
                        for k in order {
                            let e = Int(k)
                            xMid[e] = xAt[e] + t * (xEnd[e] - xAt[e])
                        }
                        if !ordered { sortIndexes(order, by: UnsafeBufferPointer(xMid)) }
                    }
                }
            }
        }
        let fibreCount = withCapsules ? bands.low.count : 0
        let fibreBit = 1 << capsuleLayer
        let frameOrigin = frame.origin.x
        let perMetre = 1 / frame.scale.metresPerDegreeX
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8) { counts in
            counts.initialize(repeating: 0)
            order.withUnsafeBufferPointer { order in
                xMid.withUnsafeBufferPointer { xMid in
                    edges.withUnsafeBufferPointer { edges in
                        areaByMask.withUnsafeMutableBufferPointer { area in
                            bands.low.withUnsafeBufferPointer { fibreLow in
                                bands.high.withUnsafeBufferPointer { fibreHigh in
                                    var inside: Int32 = 0
                                    var mask = 0
                                    var x = -Double.infinity
                                    var e = 0
                                    var f = 0
                                    var fibreOpen = false
                                    while e < order.count || f < fibreCount {
                                        let nextEdge = e < order.count ? xMid[Int(order[e])] : .infinity
                                        let nextFibre =
                                            f < fibreCount
                                            ? frameOrigin + (fibreOpen ? fibreHigh[f] : fibreLow[f]) * perMetre
                                            : .infinity
                                        let nx = min(nextEdge, nextFibre)
                                        if inside > 0 && nx > x { area[mask] += (nx - x) * factor }
                                        x = nx
                                        if nextEdge <= nextFibre {
                                            let edge = edges[Int(order[e])]
                                            if edge.layer < 0 {
                                                inside &+= Int32(edge.delta)
                                            } else {
                                                let l = Int(edge.layer)
                                                counts[l] &+= Int32(edge.delta)
                                                mask = counts[l] > 0 ? mask | (1 << l) : mask & ~(1 << l)
                                            }
                                            e += 1
                                        } else {
                                            fibreOpen.toggle()
                                            mask = fibreOpen ? mask | fibreBit : mask & ~fibreBit
                                            if !fibreOpen { f += 1 }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A local metric plane around an origin: metres east and north, with the WGS 84 radii of
/// curvature at the origin's latitude (the metric the fibre distance uses).
package struct LocalFrame: Sendable {
    package let origin: Coordinate
    package let scale: LocalScale

    package init(origin: Coordinate) {
        self.origin = origin
        scale = LocalScale(latitude: origin.y)
    }

    @inline(__always) package func localX(_ lon: Double) -> Double { (lon - origin.x) * scale.metresPerDegreeX }
    @inline(__always) package func localY(_ lat: Double) -> Double { (lat - origin.y) * scale.metresPerDegreeY }
    @inline(__always) package func longitude(_ x: Double) -> Double { origin.x + x / scale.metresPerDegreeX }
    @inline(__always) package func latitude(_ y: Double) -> Double { origin.y + y / scale.metresPerDegreeY }
}
