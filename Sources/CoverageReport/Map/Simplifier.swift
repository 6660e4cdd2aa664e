/// Douglas–Peucker simplification in px that keeps edges shared by two communes identical in both.
///
/// A vertex is fixed where the set of rings it belongs to changes (where three communes meet, or a shared
/// edge meets the outer boundary); the runs between fixed vertices are simplified in one canonical
/// direction, so two neighbours simplify a shared run the same way and no slivers or gaps appear.
struct Simplifier {
    var tolerance: Double

    /// Simplifies every ring (snapped to 0.1 px); rings reduced below 3 distinct points are dropped.
    func simplify(_ rings: [[MapPoint]]) -> [[MapPoint]] {
        let snapped = rings.map { ring -> [MapPoint] in
            var out: [MapPoint] = []
            for p in ring.map(\.snapped) where out.last != p { out.append(p) }
            if out.count > 1, out.first == out.last { out.removeLast() }
            return out
        }
        let owners = OwnerSets(snapped)
        return snapped.enumerated().map { r, ring in
            guard ring.count >= 3 else { return [] }
            let n = ring.count
            let sets = owners.ringSets[r]
            var fixed = (0..<n).filter { i in
                sets[i] != sets[(i + n - 1) % n] || sets[i] != sets[(i + 1) % n]
            }
            if fixed.isEmpty {
                // An island: fix its lowest point and the vertex farthest from it.
                let a = (0..<n).min { (ring[$0].y, ring[$0].x) < (ring[$1].y, ring[$1].x) } ?? 0
                let b = (0..<n).max { Self.dist2(ring[$0], ring[a]) < Self.dist2(ring[$1], ring[a]) } ?? 0
                fixed = a == b ? [a] : [min(a, b), max(a, b)]
            }
            var out: [MapPoint] = []
            for (k, start) in fixed.enumerated() {
                let end = k + 1 < fixed.count ? fixed[k + 1] : fixed[0] + n
                let run = (start...end).map { ring[$0 % n] }
                var kept = canonicalSimplify(run)
                kept.removeLast()
                out += kept
            }
            return out.count >= 3 ? out : []
        }
    }

    /// Simplifies an open line (its ends kept).
    func simplifyLine(_ points: [MapPoint]) -> [MapPoint] { canonicalSimplify(points) }

    /// Simplifies a run in the direction that starts at its smaller end point (same result either way).
    private func canonicalSimplify(_ run: [MapPoint]) -> [MapPoint] {
        guard let first = run.first, let last = run.last else { return run }
        if (last.x, last.y) < (first.x, first.y) { return Array(douglasPeucker(run.reversed()).reversed()) }
        return douglasPeucker(run)
    }

    private func douglasPeucker(_ points: [MapPoint]) -> [MapPoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let t2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            var best = -1.0
            var index = a
            for i in (a + 1)..<b {
                let d = Self.segmentDist2(points[i], points[a], points[b])
                if d > best {
                    best = d
                    index = i
                }
            }
            if best > t2 {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    static func dist2(_ p: MapPoint, _ q: MapPoint) -> Double { (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) }

    static func segmentDist2(_ p: MapPoint, _ a: MapPoint, _ b: MapPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        guard len2 > 0 else { return dist2(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2))
        return dist2(p, MapPoint(x: a.x + t * dx, y: a.y + t * dy))
    }
}

/// The set of rings each vertex belongs to, numbered: two vertices get the same number exactly when
/// the same rings pass through them (each point looked up once, not three times per vertex).
private struct OwnerSets {
    /// Per ring, per vertex: the number of the vertex's set of rings.
    var ringSets: [[Int]]

    /// Numbers the ring sets of every vertex of `rings` (snapped, without repeated points).
    init(_ rings: [[MapPoint]]) {
        var slot: [MapPoint: Int] = [:]
        var owners: [[Int]] = []
        var slots: [[Int]] = []
        slots.reserveCapacity(rings.count)
        for (r, ring) in rings.enumerated() {
            var ringSlots: [Int] = []
            ringSlots.reserveCapacity(ring.count)
            for p in ring {
                if let s = slot[p] {
                    if owners[s].last != r { owners[s].append(r) }
                    ringSlots.append(s)
                } else {
                    slot[p] = owners.count
                    ringSlots.append(owners.count)
                    owners.append([r])
                }
            }
            slots.append(ringSlots)
        }
        var numbers: [[Int]: Int] = [:]
        let setOfSlot = owners.map { set in
            if let k = numbers[set] { return k }
            numbers[set] = numbers.count
            return numbers.count - 1
        }
        ringSets = slots.map { $0.map { setOfSlot[$0] } }
    }
}
