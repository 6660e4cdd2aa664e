import CoverageModel
import Foundation

/// One generated coverage polygon as the measurement generator needs it: its ring, site and radius.
struct RecordedCell {
    var ring: Ring
    var site: Coordinate
    /// The radius the ring was drawn with, metres (the ring's vertices lie on it).
    var radius: Double
    var operatorIndex: Int
    var technology: Technology
    var box: BoundingBox

    init(ring: Ring, site: Coordinate, radius: Double, operatorIndex: Int, technology: Technology) {
        self.ring = ring
        self.site = site
        self.radius = radius
        self.operatorIndex = operatorIndex
        self.technology = technology
        var box = BoundingBox(ring[0])
        for v in ring { box.extend(v) }
        self.box = box
    }

    /// Even-odd point in ring (a point on an edge may go either way).
    @inline(__always)
    func contains(_ p: Coordinate) -> Bool {
        guard p.x >= box.minX, p.x <= box.maxX, p.y >= box.minY, p.y <= box.maxY else { return false }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}

/// Where a point stands relative to one operator's declared coverage of one technology.
struct CoverageLookup {
    /// Inside at least one of the operator's polygons of that technology.
    var inside: Bool
    /// How far from service.
    ///
    /// Inside: the nearest containing cell's site distance over its radius (0…1). Outside: metres beyond
    /// the nearest cell's edge (its site distance minus radius), or 10 km when none is near.
    var distance: Double
}

/// A bucket grid over the 4G and 5G coverage polygons of every operator, for point look-ups.
struct CoverageIndex {
    /// The technologies measurements are generated for (speed thresholds need 4G or better).
    static let technologies: [Technology] = [.g4, .g5]
    /// Bucket side in degrees (≈ 2.2 km).
    static let bucketDegrees = 0.02

    let cells: [RecordedCell]
    private var buckets: [Int64: [Int32]] = [:]

    init(cells all: [RecordedCell]) {
        cells = all.filter { Self.technologies.contains($0.technology) }
        for (n, cell) in cells.enumerated() {
            let (i0, j0) = Self.bucket(Coordinate(cell.box.minX, cell.box.minY))
            let (i1, j1) = Self.bucket(Coordinate(cell.box.maxX, cell.box.maxY))
            for j in j0...j1 {
                for i in i0...i1 {
                    buckets[Self.key(i, j, cell.operatorIndex, cell.technology), default: []].append(Int32(n))
                }
            }
        }
    }

    @inline(__always)
    static func bucket(_ p: Coordinate) -> (Int, Int) {
        (Int((p.x / bucketDegrees).rounded(.down)), Int((p.y / bucketDegrees).rounded(.down)))
    }

    @inline(__always)
    static func key(_ i: Int, _ j: Int, _ op: Int, _ tech: Technology) -> Int64 {
        let t: Int64 = tech == .g5 ? 1 : 0
        return (Int64(i) << 36) ^ (Int64(j) << 8) ^ (Int64(op) << 1) ^ t
    }

    /// The cells of `op`/`tech` whose bucket holds `p`.
    @inline(__always)
    func candidates(_ p: Coordinate, _ op: Int, _ tech: Technology) -> [Int32] {
        let (i, j) = Self.bucket(p)
        return buckets[Self.key(i, j, op, tech)] ?? []
    }

    /// Whether `p` lies in the declared coverage of `op`/`tech`, and how far from its site or edge.
    func lookup(_ p: Coordinate, _ op: Int, _ tech: Technology) -> CoverageLookup {
        var bestInside = Double.infinity
        var bestOutside = 10_000.0
        let mLon = Metres.perDegreeLon(atLat: p.y)
        for n in candidates(p, op, tech) {
            let cell = cells[Int(n)]
            let dx = (p.x - cell.site.x) * mLon, dy = (p.y - cell.site.y) * Metres.perDegreeLat
            let d = (dx * dx + dy * dy).squareRoot()
            if d <= cell.radius * 1.001, cell.contains(p) {
                bestInside = min(bestInside, d / cell.radius)
            } else {
                bestOutside = min(bestOutside, max(0, d - cell.radius))
            }
        }
        if bestInside.isFinite { return CoverageLookup(inside: true, distance: min(1, bestInside)) }
        return CoverageLookup(inside: false, distance: bestOutside)
    }

    /// True when the box meets the bounding box of some `op`/`tech` cell (conservative "may overlap").
    func mayOverlap(_ box: BoundingBox, _ op: Int, _ tech: Technology) -> Bool {
        let (i0, j0) = Self.bucket(Coordinate(box.minX, box.minY))
        let (i1, j1) = Self.bucket(Coordinate(box.maxX, box.maxY))
        for j in j0...j1 {
            for i in i0...i1 {
                for n in buckets[Self.key(i, j, op, tech)] ?? [] {
                    let b = cells[Int(n)].box
                    if b.minX <= box.maxX && box.minX <= b.maxX && b.minY <= box.maxY && box.minY <= b.maxY {
                        return true
                    }
                }
            }
        }
        return false
    }
}
