import CoverageModel

/// Turns the labelled lattice into polygons: each label's cells, outlined along cell edges.
enum BoundaryTracer {
    /// The polygons of each label 0..<labelCount (or of the whole region when `regionOnly`).
    ///
    /// Exterior rings come out counter-clockwise and holes clockwise; every vertex is a displaced
    /// lattice vertex, so neighbours share bit-identical boundary coordinates.
    static func polygons(_ lattice: Lattice, labelCount: Int, regionOnly: Bool = false) throws -> [[Polygon]] {
        let w = lattice.width, h = lattice.height, vw = w + 1
        let n = regionOnly ? 1 : labelCount
        @inline(__always) func lab(_ i: Int, _ j: Int) -> Int32 {
            let l = lattice.label(i, j)
            return regionOnly ? (l >= 0 ? 0 : -1) : l
        }
        // Directed boundary edges with the label on their left, grouped by label (two passes).
        var counts = [Int](repeating: 0, count: n)
        func forEachEdge(_ body: (Int, Int, Int) -> Void) {
            for j in 0..<h {
                for i in 0..<w {
                    let l = lab(i, j)
                    guard l >= 0 else { continue }
                    let k = Int(l)
                    if lab(i, j - 1) != l { body(k, j * vw + i, j * vw + i + 1) }
                    if lab(i + 1, j) != l { body(k, j * vw + i + 1, (j + 1) * vw + i + 1) }
                    if lab(i, j + 1) != l { body(k, (j + 1) * vw + i + 1, (j + 1) * vw + i) }
                    if lab(i - 1, j) != l { body(k, (j + 1) * vw + i, j * vw + i) }
                }
            }
        }
        forEachEdge { k, _, _ in counts[k] += 1 }
        var start = [Int](repeating: 0, count: n + 1)
        for k in 0..<n { start[k + 1] = start[k] + counts[k] }
        var fill = start
        var from = [Int](repeating: 0, count: start[n]), to = from
        forEachEdge { k, a, b in
            from[fill[k]] = a
            to[fill[k]] = b
            fill[k] += 1
        }

        var result: [[Polygon]] = []
        result.reserveCapacity(n)
        for k in 0..<n {
            let lo = start[k], hi = start[k + 1]
            var next: [Int: Int] = [:]
            next.reserveCapacity(hi - lo)
            for e in lo..<hi { next[from[e]] = e }
            var used = [Bool](repeating: false, count: hi - lo)
            var rings: [[Int]] = []
            for e in lo..<hi where !used[e - lo] {
                let first = from[e]
                var ring = [first]
                var cur = e
                while true {
                    used[cur - lo] = true
                    let v = to[cur]
                    if v == first { break }
                    ring.append(v)
                    guard let nxt = next[v], !used[nxt - lo] else {
                        throw GeneratorError(description: "open boundary while tracing label \(k)")
                    }
                    cur = nxt
                }
                rings.append(ring)
            }
            // Shells are counter-clockwise (positive area), holes clockwise.
            func area2(_ r: [Int]) -> Int {
                var s = 0
                for idx in 0..<r.count {
                    let a = r[idx], b = r[(idx + 1) % r.count]
                    s += (a % vw) * (b / vw) - (b % vw) * (a / vw)
                }
                return s
            }
            let areas = rings.map(area2)
            let shells = rings.indices.filter { areas[$0] > 0 }
            var holesOf = [[Int]](repeating: [], count: rings.count)
            for hIdx in rings.indices where areas[hIdx] < 0 {
                let px = Double(rings[hIdx][0] % vw), py = Double(rings[hIdx][0] / vw)
                var best = -1
                for s in shells where contains(rings[s], vw: vw, px, py) {
                    if best < 0 || areas[s] < areas[best] { best = s }
                }
                guard best >= 0 else { throw GeneratorError(description: "hole without shell in label \(k)") }
                holesOf[best].append(hIdx)
            }
            func coords(_ r: [Int]) -> Ring {
                var out = r.map { lattice.vertex($0 % vw, $0 / vw) }
                if let f = out.first { out.append(f) }
                return out
            }
            result.append(
                shells.map { s in Polygon(closedRings: [coords(rings[s])] + holesOf[s].map { coords(rings[$0]) }) })
        }
        return result
    }

    /// Even–odd point-in-ring test on lattice vertex coordinates.
    private static func contains(_ ring: [Int], vw: Int, _ px: Double, _ py: Double) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let xi = Double(ring[i] % vw), yi = Double(ring[i] / vw)
            let xj = Double(ring[j] % vw), yj = Double(ring[j] / vw)
            if (yi > py) != (yj > py) && px < xi + (py - yi) * (xj - xi) / (yj - yi) { inside.toggle() }
            j = i
        }
        return inside
    }
}
