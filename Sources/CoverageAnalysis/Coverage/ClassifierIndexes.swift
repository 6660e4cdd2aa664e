import CoverageModel
import GeometryKernels

/// The indexes a `Classifier` probes, built on all cores (they are independent of each other).
///
/// National scale: 10 k communes, two coverage layers of 4.9 M and 0.7 M vertices, 2.6 M vertices
/// of fibre — 1.9 s one after another. The jobs start largest first so the cores finish together.
struct ClassifierIndexes: Sendable {
    var units: PolygonIndex
    var hamletAreas: PolygonIndex
    /// One index per group of `coverage`, in its order.
    var coverage: [PolygonIndex]
    var fibre: SegmentIndex
    var network: FibreNetwork?

    private enum Job: Sendable {
        case units, hamletAreas, coverage(Int), fibre, network
    }

    private enum Built: Sendable {
        case polygons(PolygonIndex)
        case segments(SegmentIndex)
        case network(FibreNetwork?)
    }

    init(
        units unitGeometries: [Geometry], hamletAreas areaGeometries: [Geometry], coverage groups: [[Geometry]],
        lines: [[Coordinate]], nodes: [Coordinate], cellMetres: Double
    ) {
        func vertices(_ g: [Geometry]) -> Int { g.reduce(0) { $0 + $1.vertexCount } }
        let lineVertices = lines.reduce(0) { $0 + $1.count }
        var jobs: [(job: Job, weight: Int)] = [
            (.units, vertices(unitGeometries)), (.hamletAreas, vertices(areaGeometries)),
            (.fibre, lineVertices + nodes.count), (.network, lineVertices + nodes.count),
        ]
        jobs += groups.indices.map { (.coverage($0), vertices(groups[$0])) }
        let order = jobs.sorted { $0.weight > $1.weight }.map(\.job)
        let built = ParallelChunks.map(0..<order.count, chunkCount: order.count) { _, range in
            range.map { i -> Built in
                switch order[i] {
                case .units: .polygons(PolygonIndex(unitGeometries))
                case .hamletAreas: .polygons(PolygonIndex(areaGeometries))
                case .coverage(let k): .polygons(PolygonIndex(groups[k]))
                case .fibre: .segments(SegmentIndex(lines: lines, points: nodes, cellMetres: cellMetres))
                case .network:
                    .network(lines.isEmpty || nodes.isEmpty ? nil : FibreNetwork(routes: lines, nodes: nodes))
                }
            }
        }.flatMap { $0 }
        var units = PolygonIndex([])
        var hamletAreas = PolygonIndex([])
        var coverage = [PolygonIndex](repeating: PolygonIndex([]), count: groups.count)
        var fibre: SegmentIndex?
        var network: FibreNetwork?
        for (job, result) in zip(order, built) {
            switch (job, result) {
            case (.units, .polygons(let index)): units = index
            case (.hamletAreas, .polygons(let index)): hamletAreas = index
            case (.coverage(let k), .polygons(let index)): coverage[k] = index
            case (.fibre, .segments(let index)): fibre = index
            case (.network, .network(let n)): network = n
            default: preconditionFailure("index job \(job) built \(result)")
            }
        }
        self.units = units
        self.hamletAreas = hamletAreas
        self.coverage = coverage
        self.fibre = fibre ?? SegmentIndex(lines: [], points: [], cellMetres: cellMetres)
        self.network = network
    }
}
