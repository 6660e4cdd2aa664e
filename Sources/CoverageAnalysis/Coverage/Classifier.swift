import CoverageModel
import GeometryKernels

/// What one point is: its unit and hamlet, which operators cover it per generation, its fibre reach.
struct PointClass: Sendable {
    /// Unit position, or -1 when outside every unit.
    var unit: Int32 = -1
    /// Hamlet position, or -1.
    var hamlet: Int32 = -1
    /// Per generation (2G…5G), a bit per operator position that covers the point.
    var operators: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    /// Straight-line distance to the nearest fibre route or node, when within the drop distance.
    var fibreMetres: Double?
    /// Drop within the distance to a route connected to a node: the distance along the network.
    var networkMetres: Double?

    /// The operator bits of generation `g`.
    func mask(_ g: Technology) -> UInt32 {
        switch g {
        case .g2: operators.0
        case .g3: operators.1
        case .g4: operators.2
        case .g5: operators.3
        }
    }

    /// Adds operator `bit` to generation `slot` (the position in `Technology.allCases`).
    @inline(__always)
    mutating func addOperator(_ bit: UInt32, slot: Int) {
        switch slot {
        case 0: operators.0 |= bit
        case 1: operators.1 |= bit
        case 2: operators.2 |= bit
        default: operators.3 |= bit
        }
    }
}

/// Classifies points against prepared indexes of units, hamlets, coverage and fibre. Thread-safe.
struct Classifier: Sendable {
    let units: PolygonIndex
    let hamletAreas: PolygonIndex
    /// Hamlet position of each item of `hamletAreas`.
    let hamletOfArea: [Int]
    /// Hamlets (positions and points) without an area, for nearest-point assignment: those of unit
    /// `u` are `hamletPoints[hamletPointStart[u] ..< hamletPointStart[u + 1]]`.
    let hamletPoints: [(Int, Coordinate)]
    let hamletPointStart: [Int]
    /// Every generation's per-operator coverage indexes behind one candidate grid: label
    /// `32 × generation slot + operator position`, so a point's labels are its operator bits.
    let coverage: PolygonGroupIndex
    /// The indexes behind `coverage`, one per label (generation slot and operator), items in the
    /// order of their areas in the inputs.
    let coverageIndexes: [(label: Int, index: PolygonIndex)]
    private(set) var fibre: SegmentIndex
    private(set) var network: FibreNetwork?
    private(set) var dropMetres: Double

    init(inputs: AnalysisInputs, parameters: CoverageParameters) throws {
        guard inputs.operators.count <= 32 else {
            throw AnalysisError.invalidParameter("more than 32 operators in the coverage layer; filter with --operator")
        }
        var areaGeometries: [Geometry] = []
        var hamletOfArea: [Int] = []
        var pointsByUnit = [[(Int, Coordinate)]](repeating: [], count: inputs.units.count)
        var pointHamlets: [(Int, Hamlet)] = []
        let unitByCode = Dictionary(inputs.units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, h) in inputs.hamlets.enumerated() {
            if let area = h.area {
                areaGeometries.append(area)
                hamletOfArea.append(i)
            } else {
                pointHamlets.append((i, h))
            }
        }
        let operatorIndex = Dictionary(uniqueKeysWithValues: inputs.operators.enumerated().map { ($1, $0) })
        // One index per generation and operator (built in parallel), joined behind one candidate
        // grid: a point skips the candidates of an operator it already has, far cheaper than
        // collecting every covering area where many overlap.
        let groups: [(label: Int, geometries: [Geometry])] = Technology.allCases.enumerated().flatMap {
            slot, tech -> [(label: Int, geometries: [Geometry])] in
            guard let areas = inputs.coverage[tech], !areas.isEmpty else { return [] }
            let byOperator = Dictionary(grouping: areas) { operatorIndex[$0.operatorName] ?? 0 }
            return byOperator.keys.sorted().map { op in (32 * slot + op, (byOperator[op] ?? []).map(\.geometry)) }
        }
        let lines = inputs.fibreRoutes.flatMap(\.geometry.lines)
        let indexes = ClassifierIndexes(
            units: inputs.units.map(\.geometry), hamletAreas: areaGeometries, coverage: groups.map(\.geometries),
            lines: lines, nodes: inputs.fibreNodes.map(\.position), cellMetres: max(parameters.fibreDistanceMetres, 100)
        )
        units = indexes.units
        for (i, h) in pointHamlets {
            if let u = h.communeCode.flatMap({ unitByCode[$0] }) ?? units.firstContaining(h.point) {
                pointsByUnit[u].append((i, h.point))
            }
        }
        hamletAreas = indexes.hamletAreas
        self.hamletOfArea = hamletOfArea
        hamletPoints = pointsByUnit.flatMap { $0 }
        hamletPointStart = pointsByUnit.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        coverageIndexes = zip(groups, indexes.coverage).map { ($0.label, $1) }
        coverage = PolygonGroupIndex(coverageIndexes)
        fibre = indexes.fibre
        network = indexes.network
        dropMetres = parameters.fibreDistanceMetres
    }

    /// Classifies one point.
    func classify(_ p: Coordinate) -> PointClass {
        var hint = SegmentSearchHint()
        return classify(p, fibreHint: &hint)
    }

    /// Classifies one point; the fibre search starts from `fibreHint`, the previous point's nearest
    /// route (the same answer as without it; points in spatial order mostly share that route).
    func classify(_ p: Coordinate, fibreHint: inout SegmentSearchHint) -> PointClass {
        var out = PointClass()
        if let u = units.firstContaining(p) {
            out.unit = Int32(u)
            out.hamlet = Int32(hamlet(p, unit: u))
        } else if let h = hamletAreas.firstContaining(p) {
            out.hamlet = Int32(hamletOfArea[h])
        }
        let labels = coverage.labels(covering: p)
        out.operators = (labels.word32(0), labels.word32(1), labels.word32(2), labels.word32(3))
        classifyFibre(p, into: &out, hint: &fibreHint)
        return out
    }

    /// Sets the fibre reach of `out` (straight-line and along the network) for the point `p`.
    @inline(__always)
    func classifyFibre(_ p: Coordinate, into out: inout PointClass, hint fibreHint: inout SegmentSearchHint) {
        // `network?.` borrows the stored value; `if let network` would copy it, retaining each of its
        // arrays per point.
        if network != nil {
            if let hit = fibre.nearest(to: p, within: dropMetres, hint: &fibreHint) {
                out.fibreMetres = hit.distanceMetres
                out.networkMetres = network?.reach(p, nearest: hit, dropMetres: dropMetres)?.network
            } else {
                out.fibreMetres = nil
                out.networkMetres = nil
            }
        } else {
            out.fibreMetres = fibre.nearestDistance(to: p, within: dropMetres, hint: &fibreHint)
            out.networkMetres = nil
        }
    }

    /// This classifier with the fibre (routes, nodes, drop distance) of `inputs` and `parameters`.
    ///
    /// The unit, hamlet and coverage indexes are shared, not rebuilt: `inputs` must have the same
    /// units, hamlets and coverage as the inputs this classifier was built from.
    func replacingFibre(inputs: AnalysisInputs, parameters: CoverageParameters) -> Classifier {
        let lines = inputs.fibreRoutes.flatMap(\.geometry.lines)
        let nodes = inputs.fibreNodes.map(\.position)
        let cellMetres = max(parameters.fibreDistanceMetres, 100)
        let (fibre, network) = ParallelChunks.both(
            { SegmentIndex(lines: lines, points: nodes, cellMetres: cellMetres) },
            { lines.isEmpty || nodes.isEmpty ? nil : FibreNetwork(routes: lines, nodes: nodes) })
        var copy = self
        copy.fibre = fibre
        copy.network = network
        copy.dropMetres = parameters.fibreDistanceMetres
        return copy
    }

    /// The hamlet of a point in unit `u`: the hamlet area containing it, else the nearest hamlet point.
    private func hamlet(_ p: Coordinate, unit u: Int) -> Int {
        if let h = hamletAreas.firstContaining(p) { return hamletOfArea[h] }
        var best = -1
        var bestDistance = Double.infinity
        let scale = LocalScale(latitude: p.y)
        for k in hamletPointStart[u]..<hamletPointStart[u + 1] {
            let (i, c) = hamletPoints[k]
            let d = scale.distance(p, c)
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return best
    }
}
