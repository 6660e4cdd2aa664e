import CoverageModel
import Foundation
import GeometryKernels

/// Area shares of every unit per measure, integrated in Swift along parallels (`ScanlineArea`).
///
/// Layers: one per mobile generation (the union of its coverage areas over the operators in the
/// inputs) and fibre reach (the points within the drop distance of an active fibre route or node,
/// with exact circles in the local metric plane at the unit's centre). Areas are ellipsoidal
/// (WGS 84) with straight edges in longitude/latitude; shares are covered area ÷ the unit's area
/// computed the same way.
struct AreaShares: Sendable {
    /// The coverage polygons of one generation and their bounding boxes.
    private struct PolygonLayer: Sendable {
        let bit: Int8
        /// Per polygon, its signed rings (prepared once: every unit meeting it reuses them).
        let rings: [[SignedRing]]
        let grid: BoxGrid
    }

    private let layers: [PolygonLayer]
    private let segments: [(Coordinate, Coordinate)]
    private let segmentGrid: BoxGrid
    private let parameters: CoverageParameters
    /// The layer bit of fibre reach.
    static let fibreBit = 4
    /// The largest latitude step where fibre buffers make the covered length curved, in metres.
    static let fibreStepMetres = 10.0
    /// The integration tree's nodes down to this depth keep their own areas (`UnitBoxSums`): up to
    /// 16 a unit, so a what-if run integrates again only the nodes its change meets.
    static let topDepth = 2

    /// Prepares every polygon, or, with `only`, the polygons whose box meets one of those boxes
    /// (units meeting none of them must not be computed then: their other polygons have no rings).
    /// `fibreLayout`: the layout of every fibre segment's grid (`segmentLayout`), when the routes
    /// far from `only` were not read.
    init(
        inputs: AnalysisInputs, parameters: CoverageParameters, only: [BoundingBox]? = nil,
        fibreLayout: BoxGridLayout? = nil
    ) {
        self.init(
            coverage: inputs.coverage, fibreRoutes: inputs.fibreRoutes, fibreNodes: inputs.fibreNodes,
            parameters: parameters, only: only, fibreLayout: fibreLayout)
    }

    /// Layers from `coverage` by generation, fibre reach from `fibreRoutes` and `fibreNodes`.
    ///
    /// A unit meets the polygons whose box meets its own, sorted into polygon order, so the polygons
    /// far from every unit computed may be missing (or have no geometry): the others keep their
    /// order. The fibre segments' grid is laid out by `fibreLayout` when given (with `only`: the
    /// routes far from `only` may then be missing or have no geometry), else over every segment, so a
    /// unit meets the same segments in the same order as with every route.
    init(
        coverage: [Technology: [CoverageArea]], fibreRoutes: [Route], fibreNodes: [NetworkNode],
        parameters: CoverageParameters, only: [BoundingBox]? = nil, fibreLayout: BoxGridLayout? = nil
    ) {
        self.parameters = parameters
        let near = only.map(BoxSet.init)
        layers = Technology.allCases.enumerated().compactMap { bit, tech in
            guard let areas = coverage[tech], !areas.isEmpty else { return nil }
            let polygons = areas.flatMap(\.geometry.polygons)
            let boxes = polygons.map { Geometry.polygon($0).boundingBox ?? Self.empty }
            let rings = polygons.indices.map { i -> [SignedRing] in
                guard let near, !near.meetsAny(boxes[i]) else {
                    return SignedRing.rings(of: polygons[i])
                }
                return []
            }
            return PolygonLayer(bit: Int8(bit), rings: rings, grid: BoxGrid(boxes))
        }
        guard let only, parameters.fibreDistanceMetres.isFinite, parameters.fibreDistanceMetres >= 0 else {
            var segments = fibreRoutes.flatMap(\.geometry.lines).flatMap { line in
                zip(line, line.dropFirst()).map { ($0, $1) }
            }
            segments += fibreNodes.map { ($0.position, $0.position) }
            self.segments = segments
            segmentGrid = BoxGrid(segments.map(Self.box))
            return
        }
        (segments, segmentGrid) = Self.segments(
            near: only, metres: parameters.fibreDistanceMetres, routes: fibreRoutes, nodes: fibreNodes,
            layout: fibreLayout ?? Self.segmentLayout(routes: fibreRoutes, nodes: fibreNodes))
    }

    /// The layout of the grid of every fibre segment of `routes` and `nodes` (a node is a segment
    /// from itself to itself): what a what-if run keeps to lay out the grid of the segments it reads.
    static func segmentLayout(routes: [Route], nodes: [NetworkNode]) -> BoxGridLayout {
        var layout = BoxGridLayout()
        for line in routes.lazy.flatMap(\.geometry.lines) where line.count > 1 {
            for k in 1..<line.count { layout.add(box((line[k - 1], line[k]))) }
        }
        for node in nodes { layout.add(box((node.position, node.position))) }
        return layout
    }

    /// The box of a fibre segment (a node is a segment from itself to itself).
    @inline(__always)
    private static func box(_ s: (Coordinate, Coordinate)) -> BoundingBox {
        BoundingBox(minX: min(s.0.x, s.1.x), minY: min(s.0.y, s.1.y), maxX: max(s.0.x, s.1.x), maxY: max(s.0.y, s.1.y))
    }

    /// The segments of the lines (and the nodes) that can lie within `metres` of a unit whose box is
    /// one of `boxes`, in their order, and their grid laid out as the grid of every segment
    /// (`layout`): `compute` then meets the same segments in the same order as with every segment,
    /// without building that.
    private static func segments(
        near boxes: [BoundingBox], metres: Double, routes: [Route], nodes: [NetworkNode], layout: BoxGridLayout
    ) -> ([(Coordinate, Coordinate)], BoxGrid) {
        let reach = BoxSet(boxes.map { $0.grown(byMetres: metres) })
        // A line or node without a finite box is kept (what it holds is decided as without `only`).
        func near(_ box: BoundingBox?) -> Bool {
            guard let box, box.minX.isFinite, box.minY.isFinite, box.maxX.isFinite, box.maxY.isFinite else {
                return true
            }
            return reach.meetsAny(box)
        }
        var kept: [(Coordinate, Coordinate)] = []
        for line in routes.lazy.flatMap(\.geometry.lines) where line.count > 1 {
            guard near(Geometry.lineString(line).boundingBox) else { continue }
            for k in 1..<line.count { kept.append((line[k - 1], line[k])) }
        }
        for node in nodes {
            let segment = (node.position, node.position)
            if near(box(segment)) { kept.append(segment) }
        }
        return (kept, BoxGrid(kept.map(box), layout: layout))
    }

    /// The share (0…1) of each unit covered by each of `measures`, the units' areas (m²) and their
    /// per-top-node areas (`UnitBoxSums`), in unit order.
    ///
    /// Each unit's areas are summed from its integration tree's top nodes (`topDepth`). With
    /// `stored` (per unit, the node sums of an earlier run with the same inputs but for the change)
    /// and `change` (the boxes of every feature added or removed since), a unit's stored nodes that
    /// meet no change box are taken from `stored`, the others integrated: the same bits as
    /// integrating everything. `schedule` says how the work is spread over the cores; every
    /// schedule gives the same bits.
    func compute(
        units: [Geometry], centres: [Coordinate], measures: [Measure], stored: [UnitBoxSums?]? = nil,
        change: BoxSet? = nil, schedule: Schedule = .byUnit
    ) -> [(areaM2: Double, shares: [Measure: Double], boxes: UnitBoxSums)] {
        let request = UnitRequest(
            units: units, centres: centres, stored: stored, change: change,
            needsFibre: measures.contains { Self.covers(mask: 1 << Self.fibreBit, $0, parameters) })
        let sums: [UnitBoxSums?]
        switch schedule {
        case .byUnit: sums = sumsByUnit(request)
        case .byLeaf: sums = sumsByLeaf(request)
        }
        let covering = measures.map { key in (0..<32).map { Self.covers(mask: $0, key, parameters) } }
        return sums.map { sums in
            guard let sums else { return (0, [:], UnitBoxSums()) }
            let areaByMask = sums.areaByMask(masks: 32)
            let total = areaByMask.reduce(0, +)
            var shares: [Measure: Double] = [:]
            for (m, key) in measures.enumerated() {
                var covered = 0.0
                for (mask, area) in areaByMask.enumerated() where covering[m][mask] { covered += area }
                shares[key] = total > 0 ? min(max(covered / total, 0), 1) : 0
            }
            return (total, shares, sums)
        }
    }

    /// Per unit its top nodes' sums (nil: a unit without a box), each unit integrated whole on one
    /// core, in chunks of units.
    private func sumsByUnit(_ request: UnitRequest) -> [UnitBoxSums?] {
        let count = request.units.count
        let parts = ParallelChunks.map(0..<count, chunkCount: Self.chunkCount(units: count)) { _, range in
            var integrator = QuadAreaIntegrator(layers: 5, capsuleLayer: Self.fibreBit)
            var scratch = UnitScratch()
            return range.map { u -> UnitBoxSums? in
                guard let unit = unitInput(u, request, &scratch) else { return nil }
                integrator.integrate(
                    pieces: scratch.pieces, capsules: scratch.capsules, frame: unit.frame, box: unit.box,
                    capsuleStep: Self.fibreStepMetres, topDepth: Self.topDepth, skip: unit.skip)
                return unit.sums(integrator.topNodes)
            }
        }
        return parts.flatMap { $0 }
    }

    /// What integrating one unit needs besides its pieces and capsules (in `UnitScratch`).
    struct UnitInput: Sendable {
        let box: BoundingBox
        let frame: LocalFrame
        /// The stored nodes (masks and values), by key.
        let kept: [UInt32: (masks: UInt32, values: ArraySlice<Double>)]
        /// The stored nodes the change does not meet (not integrated again).
        let skip: Set<UInt32>

        /// The unit's sums: its integrated top nodes' areas, the skipped ones from `kept`, in order.
        func sums(_ topNodes: [(key: UInt32, areaByMask: [Double]?)]) -> UnitBoxSums {
            var sums = UnitBoxSums()
            for (key, areas) in topNodes {
                if let areas {
                    sums.append(key: key, areas: areas)
                } else if let node = kept[key] {
                    sums.append(key: key, masks: node.masks, values: node.values)
                }
            }
            return sums
        }
    }

    /// The units to compute and what `compute` was given about them.
    struct UnitRequest: Sendable {
        let units: [Geometry]
        let centres: [Coordinate]
        let stored: [UnitBoxSums?]?
        let change: BoxSet?
        /// Fibre matters when some measure counts a point as covered with the fibre bit only.
        let needsFibre: Bool
    }

    /// A worker's buffers for one unit's pieces and capsules, reused unit after unit.
    struct UnitScratch {
        var pieces: [LayerPiece] = []
        var capsules: [Capsule] = []
        var candidates: [(layer: Int, polygon: Int)] = []
    }

    /// Unit `u`'s pieces (its own, then its candidate polygons') and capsules into `scratch`, and
    /// the rest of what integrating it needs; nil for a unit without a box.
    func unitInput(_ u: Int, _ request: UnitRequest, _ scratch: inout UnitScratch) -> UnitInput? {
        let units = request.units
        guard let box = units[u].boundingBox else { return nil }
        // The stored nodes, and those the change does not meet (not integrated again).
        var kept: [UInt32: (masks: UInt32, values: ArraySlice<Double>)] = [:]
        var skip = Set<UInt32>()
        if let reused = request.stored?[u], let change = request.change {
            reused.forEachNode { key, masks, values in
                kept[key] = (masks, values)
                if !change.meetsAny(QuadAreaIntegrator.nodeBox(key, in: box)) { skip.insert(key) }
            }
        }
        scratch.candidates.removeAll(keepingCapacity: true)
        scratch.capsules.removeAll(keepingCapacity: true)
        for (l, layer) in layers.enumerated() {
            layer.grid.forEach(meeting: box) { scratch.candidates.append((l, $0)) }
        }
        // In polygon order (the grid's order depends on every polygon's box): a box the
        // change does not meet then sees its pieces in the same order as the stored run.
        scratch.candidates.sort { $0.layer != $1.layer ? $0.layer < $1.layer : $0.polygon < $1.polygon }
        let frame = LocalFrame(origin: request.centres[u])
        let radius = parameters.fibreDistanceMetres
        if request.needsFibre {
            let margin = BoundingBox(
                minX: box.minX - radius / Self.minimumMetresPerDegreeX(box),
                minY: box.minY - radius / frame.scale.metresPerDegreeY * 1.01,
                maxX: box.maxX + radius / Self.minimumMetresPerDegreeX(box),
                maxY: box.maxY + radius / frame.scale.metresPerDegreeY * 1.01)
            segmentGrid.forEach(meeting: margin) {
                let (a, b) = segments[$0]
                scratch.capsules.append(
                    Capsule(
                        x0: frame.localX(a.x), y0: frame.localY(a.y), x1: frame.localX(b.x), y1: frame.localY(b.y),
                        radius: radius))
            }
        }
        scratch.pieces.removeAll(keepingCapacity: true)
        for p in units[u].polygons { scratch.pieces.append(LayerPiece(layer: -1, rings: SignedRing.rings(of: p))) }
        for (l, i) in scratch.candidates {
            scratch.pieces.append(LayerPiece(layer: layers[l].bit, rings: layers[l].rings[i]))
        }
        return UnitInput(box: box, frame: frame, kept: kept, skip: skip)
    }

    /// How `compute` spreads its work over the cores.
    enum Schedule: Sendable {
        /// Each unit on one core, in chunks of units (for many units: a full run).
        case byUnit
        /// Every unit's tree walked on the cores, then all units' leaf sweeps pulled one by one by
        /// every core, costliest first (for a few units of uneven size: a what-if run).
        case byLeaf
    }

    /// How many chunks `compute` splits `units` units into: many small ones (dense towns make some
    /// units far costlier than others), at least a few per core even for the few units a what-if
    /// run recomputes (each unit's shares are computed alone, so any split gives the same answer).
    static func chunkCount(units: Int) -> Int {
        max(1, units / 64, min(units, ParallelChunks.defaultWorkers * 8))
    }

    /// Whether a point covered by the layers in `mask` counts as covered for `key`.
    static func covers(mask: Int, _ key: Measure, _ p: CoverageParameters) -> Bool {
        func has(_ t: Technology) -> Bool { mask & (1 << (Technology.allCases.firstIndex(of: t) ?? 0)) != 0 }
        let parts = key.components(broadbandMinimum: p.broadbandMinimum)
        return (parts.fibre && mask & (1 << fibreBit) != 0) || parts.generations.contains(where: has)
    }

    /// Metres per degree of longitude at the box's latitude farthest from the equator (the fewest).
    private static func minimumMetresPerDegreeX(_ box: BoundingBox) -> Double {
        let lat = max(abs(box.minY), abs(box.maxY))
        return max(LocalScale(latitude: min(lat, 89)).metresPerDegreeX, 1)
    }

    private static let empty = BoundingBox(minX: 1, minY: 1, maxX: 0, maxY: 0)
}
