import CoverageModel
import Foundation

/// A transmission route before it is written.
struct GeneratedRoute {
    var operatorIndex: Int
    var medium: Medium
    var level: RouteLevel
    var status: InfrastructureStatus
    var capacity: String
    var line: [Coordinate]
}

/// A network node before it is written.
struct GeneratedNode {
    var kind: NodeKind
    var operatorIndex: Int
    var status: InfrastructureStatus
    var position: Coordinate
}

/// Builds the fibre/microwave network: MST backbone between towns, MST + rings between commune
/// hubs, access feeders from masts and hamlets; avoids the communes chosen to have no fibre.
struct NetworkPlanner {
    let layout: CommuneLayout
    let hubs: [Coordinate]
    let params: GeneratorParameters
    var rng: Rng
    var routes: [GeneratedRoute] = []
    var nodes: [GeneratedNode] = []
    /// Communes with no active fibre route or node (filled by `plan`).
    var noFibre: [Bool]
    let stepMetres: Double

    init(layout: CommuneLayout, hubs: [Coordinate], params: GeneratorParameters) {
        self.layout = layout
        self.hubs = hubs
        self.params = params
        rng = Rng(seed: params.seed, stream: 7)
        noFibre = [Bool](repeating: false, count: layout.communes.count)
        stepMetres = 0.75 * layout.lattice.dy * Metres.perDegreeLat
    }

    /// Prim's minimum spanning tree over points (O(n²), fine for a few thousand); returns edges.
    static func mst(_ pts: [Coordinate]) -> [(Int, Int)] {
        let n = pts.count
        guard n > 1 else { return [] }
        var inTree = [Bool](repeating: false, count: n)
        var best = [Double](repeating: .infinity, count: n)
        var parent = [Int](repeating: -1, count: n)
        var edges: [(Int, Int)] = []
        var cur = 0
        inTree[0] = true
        for _ in 1..<n {
            var next = -1
            var nd = Double.infinity
            for v in 0..<n where !inTree[v] {
                let d = Metres.distance(pts[cur], pts[v])
                if d < best[v] { best[v] = d; parent[v] = cur }
                if best[v] < nd { nd = best[v]; next = v }
            }
            guard next >= 0 else { break }
            inTree[next] = true
            edges.append((parent[next], next))
            cur = next
        }
        return edges
    }

    /// A road-like polyline from a to b with a smooth lateral wiggle (endpoints fixed).
    mutating func wiggly(_ a: Coordinate, _ b: Coordinate) -> [Coordinate] {
        let mLon = Metres.perDegreeLon(atLat: (a.y + b.y) / 2), mLat = Metres.perDegreeLat
        let vx = (b.x - a.x) * mLon, vy = (b.y - a.y) * mLat
        let length = (vx * vx + vy * vy).squareRoot()
        let n = Int(min(max(length / stepMetres, 4), 200))
        let nx = -vy / max(length, 1e-9), ny = vx / max(length, 1e-9)
        let waves: [(Double, Double, Double)] = [1.0, 2, 3, 5].map { k in
            (k, rng.gaussian() * 0.05 * length / k, rng.uniform(0, 6.3))
        }
        var out: [Coordinate] = [a]
        for s in 1..<(n - 1) {
            let t = Double(s) / Double(n - 1)
            var off = 0.0
            for (k, amp, ph) in waves { off += amp * sin(k * Double.pi * t + ph) }
            off = off * sin(Double.pi * t) + rng.gaussian() * 3
            out.append(Coordinate(a.x + (t * vx + off * nx) / mLon, a.y + (t * vy + off * ny) / mLat))
        }
        out.append(b)
        return out
    }

    /// True when the line comes near a no-fibre commune (checked every half cell, 3×3 cell block).
    func touchesNoFibre(_ line: [Coordinate]) -> Bool {
        let lat = layout.lattice
        for idx in 0..<line.count {
            let a = line[idx], b = idx + 1 < line.count ? line[idx + 1] : line[idx]
            let steps = max(1, Int((max(abs(b.x - a.x) / lat.dx, abs(b.y - a.y) / lat.dy) * 2).rounded(.up)))
            for s in 0..<steps {
                let t = Double(s) / Double(steps)
                if lat.touches(Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), labelsIn: noFibre) {
                    return true
                }
            }
        }
        return false
    }

    /// The parts of each line whose vertices lie in or beside labelled cells (at least two vertices).
    func insideRuns(_ lines: [[Coordinate]]) -> [[Coordinate]] {
        let all = [Bool](repeating: true, count: layout.communes.count)
        var runs: [[Coordinate]] = []
        for line in lines {
            var run: [Coordinate] = []
            for v in line {
                if layout.lattice.touches(v, labelsIn: all) {
                    run.append(v)
                } else {
                    if run.count > 1 { runs.append(run) }
                    run = []
                }
            }
            if run.count > 1 { runs.append(run) }
        }
        return runs
    }

    /// The communes a line passes through (checked every half cell).
    func communesAlong(_ line: [Coordinate], into set: inout [Bool]) {
        let lat = layout.lattice
        for idx in 0..<line.count {
            let a = line[idx], b = idx + 1 < line.count ? line[idx + 1] : line[idx]
            let steps = max(1, Int((max(abs(b.x - a.x) / lat.dx, abs(b.y - a.y) / lat.dy) * 2).rounded(.up)))
            for s in 0..<steps {
                let t = Double(s) / Double(steps)
                let (ci, cj) = lat.cell(of: Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
                for j in (cj - 1)...(cj + 1) {
                    for i in (ci - 1)...(ci + 1) {
                        let l = lat.label(i, j)
                        if l >= 0 { set[Int(l)] = true }
                    }
                }
            }
        }
    }

    /// Plans the whole network; `remoteRanking` lists rural communes, most remote first.
    ///
    /// `roads` (real territories) add backbone fibre along the parts of each road inside the territory.
    mutating func plan(
        remoteRanking: [Int], masts: [Mast], hamlets: [GeneratedHamlet], firstHamlet: [Int], roads: [[Coordinate]] = []
    ) {
        let towns = layout.towns.map(\.centre)
        // Backbone between towns (plus one ring-closing edge), alternating VNPT / Viettel.
        var townEdges = Self.mst(towns)
        if towns.count >= 4 {
            var bestPair: (Int, Int)?
            var bestD = Double.infinity
            for i in 0..<towns.count {
                for j in (i + 1)..<towns.count where !townEdges.contains(where: { ($0 == (i, j)) || ($0 == (j, i)) }) {
                    let d = Metres.distance(towns[i], towns[j])
                    if d < bestD { bestD = d; bestPair = (i, j) }
                }
            }
            if let bestPair { townEdges.append(bestPair) }
        }
        var backboneTouched = [Bool](repeating: false, count: layout.communes.count)
        for (e, (i, j)) in townEdges.enumerated() {
            let line = wiggly(towns[i], towns[j])
            communesAlong(line, into: &backboneTouched)
            routes.append(
                GeneratedRoute(
                    operatorIndex: e % 2 == 0 ? 1 : 0, medium: .fibre, level: .backbone,
                    status: .active, capacity: "100G", line: line))
        }
        for (r, line) in insideRuns(roads).enumerated() {
            communesAlong(line, into: &backboneTouched)
            routes.append(
                GeneratedRoute(
                    operatorIndex: r % 2 == 0 ? 1 : 0, medium: .fibre, level: .backbone, status: .active,
                    capacity: "100G", line: line))
        }
        for (t, c) in towns.enumerated() {
            nodes.append(GeneratedNode(kind: .pop, operatorIndex: 1, status: .active, position: c))
            nodes.append(
                GeneratedNode(kind: .pop, operatorIndex: 0, status: .active, position: Metres.offset(c, 40, 25)))
            if t == 0 {
                nodes.append(
                    GeneratedNode(kind: .pop, operatorIndex: 2, status: .active, position: Metres.offset(c, -35, 30)))
            }
        }
        // Communes without fibre: remote ones the backbone does not cross, and no town in them.
        var townCommune = [Bool](repeating: false, count: layout.communes.count)
        for c in towns { if let k = layout.lattice.commune(at: c) { townCommune[Int(k)] = true } }
        var chosen = 0
        for k in remoteRanking where chosen < params.communesWithoutFibre && !backboneTouched[k] && !townCommune[k] {
            noFibre[k] = true
            chosen += 1
        }
        // Intra-province: MST over fibre commune hubs and towns, plus ring extras.
        let fibreCommunes = (0..<hubs.count).filter { !noFibre[$0] }
        let pts = fibreCommunes.map { hubs[$0] } + towns
        var edges = Self.mst(pts)
        var adjacent = Set<Int>()
        for (a, b) in edges { adjacent.insert(a * pts.count + b); adjacent.insert(b * pts.count + a) }
        for _ in 0..<(fibreCommunes.count / 4) {
            let a = rng.int(pts.count)
            var best = -1
            var bd = Double.infinity
            for b in 0..<pts.count where b != a && !adjacent.contains(a * pts.count + b) {
                let d = Metres.distance(pts[a], pts[b])
                if d < bd { bd = d; best = b }
            }
            if best >= 0 {
                edges.append((a, best))
                adjacent.insert(a * pts.count + best); adjacent.insert(best * pts.count + a)
            }
        }
        let intraShare = cumulativeSums([0.5, 0.35, 0.15])
        for (a, b) in edges {
            let line = wiggly(pts[a], pts[b])
            let op = rng.pick(cumulative: intraShare)
            let crosses = touchesNoFibre(line)
            routes.append(
                GeneratedRoute(
                    operatorIndex: op, medium: crosses ? .microwave : .fibre, level: .intraProvince,
                    status: .active, capacity: "10G", line: crosses ? [pts[a], pts[b]] : line))
            if !crosses {
                let mid = line[line.count / 2]
                nodes.append(GeneratedNode(kind: .splice, operatorIndex: op, status: .active, position: mid))
            }
        }
        // Each no-fibre commune: an active microwave hop and a planned fibre route from the nearest hub.
        func nearestFibreHub(_ c: Coordinate) -> Coordinate {
            var best = pts.first ?? c
            var bd = Double.infinity
            for q in pts {
                let d = Metres.distance(q, c)
                if d < bd { bd = d; best = q }
            }
            return best
        }
        for k in 0..<hubs.count where noFibre[k] {
            let from = nearestFibreHub(hubs[k])
            routes.append(
                GeneratedRoute(
                    operatorIndex: 0, medium: .microwave, level: .intraProvince, status: .active,
                    capacity: "1G", line: [from, hubs[k]]))
            routes.append(
                GeneratedRoute(
                    operatorIndex: 1, medium: .fibre, level: .intraProvince, status: .planned,
                    capacity: "10G", line: wiggly(from, hubs[k])))
        }
        // OLTs at the fibre commune hubs.
        for k in fibreCommunes {
            nodes.append(GeneratedNode(kind: .olt, operatorIndex: 0, status: .active, position: hubs[k]))
            if rng.chance(0.6) {
                nodes.append(
                    GeneratedNode(
                        kind: .olt, operatorIndex: 1, status: .active,
                        position: Metres.offset(hubs[k], 20, -15)))
            }
            if rng.chance(0.2) {
                nodes.append(
                    GeneratedNode(
                        kind: .olt, operatorIndex: 2, status: .active,
                        position: Metres.offset(hubs[k], -20, 15)))
            }
        }
        // Access feeders from masts and hamlets to their commune hub.
        let accessCount = max(0, params.routes - routes.count)
        var sources: [(Coordinate, Int, Bool)] = masts.map { ($0.position, $0.commune, false) }
        for (h, hamlet) in hamlets.enumerated() where firstHamlet[hamlet.commune] != h {
            sources.append((hamlet.position, hamlet.commune, true))
        }
        for i in stride(from: sources.count - 1, to: 0, by: -1) { sources.swapAt(i, rng.int(i + 1)) }
        let accessShare = cumulativeSums([0.45, 0.35, 0.20])
        for r in 0..<accessCount where !sources.isEmpty {
            let (c, k, isHamlet) = sources[r % sources.count]
            let op = rng.pick(cumulative: accessShare)
            if noFibre[k] {
                routes.append(
                    GeneratedRoute(
                        operatorIndex: op, medium: .microwave, level: .access, status: .active,
                        capacity: "300M", line: [c, nearestFibreHub(c)]))
                continue
            }
            let line = wiggly(c, hubs[k])
            let planned = rng.chance(params.plannedRouteShare)
            let copper = isHamlet && rng.chance(0.05)
            let crosses = touchesNoFibre(line)
            let medium: Medium = crosses ? .microwave : (copper ? .copper : .fibre)
            let status: InfrastructureStatus = planned ? .planned : .active
            routes.append(
                GeneratedRoute(
                    operatorIndex: op, medium: medium, level: .access, status: status,
                    capacity: copper ? "100M" : "1G", line: crosses ? [c, hubs[k]] : line))
            if isHamlet && medium == .fibre {
                nodes.append(GeneratedNode(kind: .cabinet, operatorIndex: op, status: status, position: c))
            }
        }
    }
}
