import CoverageModel
import GeometryKernels

/// The recorded fibre route network as a graph, with each vertex's distance along the network from
/// the nearest fibre node (multi-source Dijkstra).
struct FibreNetwork: Sendable {
    /// Route `r`'s vertices are `routeStart[r] ..< routeStart[r + 1]` in `vertexIDs` and `vertices`
    /// (flat, so a query touches no nested array and no reference count).
    let routeStart: [Int]
    /// Graph vertex of every route vertex.
    let vertexIDs: [Int32]
    /// Position of every route vertex.
    let vertices: [Coordinate]
    /// Network distance in metres from the nearest node, +∞ when unreachable.
    let distance: [Double]
    /// Connected routes only (at least one vertex reachable), indexed for nearest-segment queries.
    let index: SegmentIndex
    /// Route position of each line in `index`.
    let routeOfLine: [Int]
    /// Per route: in `index` (connected).
    let connected: [Bool]

    /// Builds the graph: routes join at identical vertices and at endpoints within `snapMetres` of
    /// another route's vertex; nodes attach to the nearest route vertex within `nodeSnapMetres`.
    init(routes: [[Coordinate]], nodes: [Coordinate], snapMetres: Double = 10, nodeSnapMetres: Double = 100) {
        var ids: [Coordinate: Int32] = [:]
        var coords: [Coordinate] = []
        var vertexIDs: [[Int32]] = []
        for line in routes {
            var row: [Int32] = []
            row.reserveCapacity(line.count)
            for c in line {
                if let id = ids[c] {
                    row.append(id)
                } else {
                    let id = Int32(coords.count)
                    ids[c] = id
                    coords.append(c)
                    row.append(id)
                }
            }
            vertexIDs.append(row)
        }
        var adjacency = [[(Int32, Double)]](repeating: [], count: coords.count)
        func link(_ a: Int32, _ b: Int32, _ w: Double) {
            guard a != b else { return }
            adjacency[Int(a)].append((b, w))
            adjacency[Int(b)].append((a, w))
        }
        for row in vertexIDs where row.count > 1 {
            for i in 1..<row.count {
                link(row[i - 1], row[i], Ellipsoid.distance(coords[Int(row[i - 1])], coords[Int(row[i])]))
            }
        }
        // Snap route endpoints to nearby vertices of other routes (digitising gaps).
        let grid = VertexGrid(coords, cellMetres: max(snapMetres, nodeSnapMetres))
        for row in vertexIDs {
            for end in [row.first, row.last].compactMap({ $0 }) {
                if let (other, d) = grid.nearest(to: coords[Int(end)], within: snapMetres, excluding: Set(row)) {
                    link(end, other, d)
                }
            }
        }
        var sources: [(Int32, Double)] = []
        for n in nodes {
            if let (v, d) = grid.nearest(to: n, within: nodeSnapMetres, excluding: []) { sources.append((v, d)) }
        }
        let distance = Dijkstra.run(adjacency: adjacency, sources: sources)
        var lines: [[Coordinate]] = []
        var routeOfLine: [Int] = []
        var connected = [Bool](repeating: false, count: routes.count)
        for (r, row) in vertexIDs.enumerated() where row.contains(where: { distance[Int($0)].isFinite }) {
            lines.append(routes[r])
            routeOfLine.append(r)
            connected[r] = true
        }
        var start = [0]
        for row in vertexIDs { start.append(start[start.count - 1] + row.count) }
        routeStart = start
        self.vertexIDs = vertexIDs.flatMap { $0 }
        vertices = routes.flatMap { $0 }
        self.distance = distance
        self.routeOfLine = routeOfLine
        self.connected = connected
        self.index = SegmentIndex(lines: lines, cellMetres: 500)
    }

    /// For a location within `dropMetres` of a connected route: the drop distance and the distance
    /// along the network from the nearest node to the attachment point.
    func reach(_ p: Coordinate, dropMetres: Double) -> (drop: Double, network: Double)? {
        guard let hit = index.nearest(to: p, within: dropMetres), !hit.isPoint else { return nil }
        return reach(route: routeOfLine[hit.item], hit)
    }

    /// `reach(p, dropMetres:)` given `fibre`, the nearest hit within `dropMetres` in an index of the
    /// same routes (same order, as lines 0…) plus points: when that hit is on a connected route it is
    /// also the nearest connected one (same candidates, same distances, same tie order), so the search
    /// is not repeated.
    func reach(_ p: Coordinate, nearest fibre: NearestHit, dropMetres: Double) -> (drop: Double, network: Double)? {
        guard !fibre.isPoint, fibre.index < connected.count, connected[fibre.index] else {
            return reach(p, dropMetres: dropMetres)
        }
        return reach(route: fibre.index, fibre)
    }

    /// The reach through segment `hit.segment` of route `route`.
    private func reach(route: Int, _ hit: NearestHit) -> (drop: Double, network: Double)? {
        let first = routeStart[route]
        guard hit.segment + 1 < routeStart[route + 1] - first else { return nil }
        let a = Int(vertexIDs[first + hit.segment])
        let b = Int(vertexIDs[first + hit.segment + 1])
        let length = Ellipsoid.distance(vertices[first + hit.segment], vertices[first + hit.segment + 1])
        let viaA = distance[a] + hit.fraction * length
        let viaB = distance[b] + (1 - hit.fraction) * length
        let network = min(viaA, viaB)
        return network.isFinite ? (hit.distanceMetres, network) : nil
    }
}

/// A hash grid over vertices for snapping within a few metres.
private struct VertexGrid {
    let coords: [Coordinate]
    let cellDegrees: Double
    var cells: [Int64: [Int32]] = [:]

    init(_ coords: [Coordinate], cellMetres: Double) {
        self.coords = coords
        cellDegrees = max(cellMetres, 1) / 111_000
        for (i, c) in coords.enumerated() { cells[key(c), default: []].append(Int32(i)) }
    }

    private func cell(_ c: Coordinate) -> (Int64, Int64) {
        (Int64((c.x / cellDegrees).rounded(.down)), Int64((c.y / cellDegrees).rounded(.down)))
    }

    private func key(_ c: Coordinate) -> Int64 { let (x, y) = cell(c); return x &* 1_000_003 &+ y }

    /// The nearest vertex within `metres` of `p` that is not in `excluding`.
    func nearest(to p: Coordinate, within metres: Double, excluding: Set<Int32>) -> (Int32, Double)? {
        let (cx, cy) = cell(p)
        var best: (Int32, Double)?
        for dx in -1...1 {
            for dy in -1...1 {
                for v in cells[(cx + Int64(dx)) &* 1_000_003 &+ (cy + Int64(dy))] ?? [] where !excluding.contains(v) {
                    let d = Ellipsoid.distance(p, coords[Int(v)])
                    if d <= metres, d < (best?.1 ?? .infinity) { best = (v, d) }
                }
            }
        }
        return best
    }
}

/// Multi-source shortest paths on a small weighted graph.
enum Dijkstra {
    /// Distances from the nearest source (source distances given), +∞ when unreachable.
    static func run(adjacency: [[(Int32, Double)]], sources: [(Int32, Double)]) -> [Double] {
        var dist = [Double](repeating: .infinity, count: adjacency.count)
        var heap = MinHeap()
        for (s, d) in sources where d < dist[Int(s)] {
            dist[Int(s)] = d
            heap.push(d, s)
        }
        while let (d, v) = heap.pop() {
            guard d <= dist[Int(v)] else { continue }
            for (w, len) in adjacency[Int(v)] {
                let nd = d + len
                if nd < dist[Int(w)] {
                    dist[Int(w)] = nd
                    heap.push(nd, w)
                }
            }
        }
        return dist
    }
}

/// A binary min-heap of (distance, vertex).
private struct MinHeap {
    private var items: [(Double, Int32)] = []

    mutating func push(_ d: Double, _ v: Int32) {
        items.append((d, v))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].0 < items[parent].0 else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < items.count, items[l].0 < items[m].0 { m = l }
                if r < items.count, items[r].0 < items[m].0 { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
