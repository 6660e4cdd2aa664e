import CoverageModel
import Foundation

/// An error raised when the parameters cannot produce a valid territory.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
}

/// An urban centre: wards around it, denser households, 5G and POPs.
struct Town {
    var centre: Coordinate
    /// Zipf weight, 1 for the largest town.
    var weight: Double
    /// Spread of the town in metres.
    var sigmaMetres: Double
}

/// One commune of the layout before names and content.
struct CommuneSeed {
    /// The commune centre (seed point; the centre of the disk for an enclave).
    var centre: Coordinate
    /// A ward (phường) of a town rather than a rural commune (xã).
    var urban: Bool
    /// The nearest town.
    var town: Int
    /// An enclave commune carved out of another.
    var isEnclave = false
}

/// The labelled lattice and the communes, towns and per-commune cell lists derived from it.
struct CommuneLayout {
    var lattice: Lattice
    var region: RegionShape
    var towns: [Town]
    var communes: [CommuneSeed]
    /// Cell indices (j·width + i) of commune k: `cells[cellStart[k]..<cellStart[k+1]]`.
    var cellStart: [Int]
    var cells: [Int32]
    /// Mean distance between commune seeds, in lattice cells.
    var spacingCells: Double
    /// Points along real roads inside each commune (empty for a generated territory).
    var roadPoints: [[Coordinate]] = []

    func cellCount(_ k: Int) -> Int { cellStart[k + 1] - cellStart[k] }

    /// A uniformly chosen cell of commune k as (i, j).
    func randomCell(_ k: Int, _ rng: inout Rng) -> (Int, Int) {
        let n = cellCount(k)
        let idx = Int(cells[cellStart[k] + rng.int(n)])
        return (idx % lattice.width, idx / lattice.width)
    }

    /// A random point well inside commune k (inside the central part of one of its cells).
    func randomPoint(_ k: Int, _ rng: inout Rng) -> Coordinate {
        let (i, j) = randomCell(k, &rng)
        return lattice.point(i, j, rng.uniform(0.26, 0.74), rng.uniform(0.26, 0.74))
    }

    static func build(_ p: GeneratorParameters, progress: (String) -> Void) throws -> CommuneLayout {
        let region = RegionShape.make(p.region, seed: p.seed)
        var lattice = Lattice(box: region.box, cellDegrees: p.latticeCellDegrees, seed: SplitMix64.hash(p.seed, 77))
        // 1. Region raster: a cell is inside when its centre is inside the outline.
        var inside = [Bool](repeating: false, count: lattice.width * lattice.height)
        var insideCount = 0
        for j in 0..<lattice.height {
            let y = lattice.centre(0, j).y
            let xs = region.crossings(atY: y)
            var k = 0
            while k + 1 < xs.count {
                let i0 = max(1, Int(((xs[k] - lattice.x0) / lattice.dx - 0.5).rounded(.up)))
                let i1 = min(lattice.width - 2, Int(((xs[k + 1] - lattice.x0) / lattice.dx - 0.5).rounded(.down)))
                if i0 <= i1 {
                    for i in i0...i1 { inside[j * lattice.width + i] = true }
                    insideCount += i1 - i0 + 1
                }
                k += 2
            }
        }
        guard insideCount > p.communes * 20 else {
            throw GeneratorError(description: "lattice too coarse: \(insideCount) cells for \(p.communes) communes")
        }
        let insideCells: [Int32] = (0..<inside.count).compactMap { inside[$0] ? Int32($0) : nil }
        func isInside(_ i: Int, _ j: Int) -> Bool {
            i >= 0 && j >= 0 && i < lattice.width && j < lattice.height && inside[j * lattice.width + i]
        }
        func interior(_ i: Int, _ j: Int, margin m: Int) -> Bool {
            for dj in -m...m { for di in -m...m where !isInside(i + di, j + dj) { return false } }
            return true
        }
        let enclaves = max(0, min(p.enclaveCommunes, p.communes / 4))
        let nVor = p.communes - enclaves
        let spacing = (Double(insideCount) / Double(nVor)).squareRoot()  // in cells
        let metresPerCell = lattice.dy * Metres.perDegreeLat
        progress("region: \(insideCount) lattice cells, commune spacing \(Int(spacing * metresPerCell)) m")

        // 2. Towns: Zipf weights, kept apart from each other.
        var rng = Rng(seed: p.seed, stream: 2)
        var towns: [Town] = []
        var townCells: [(Double, Double)] = []
        let nTowns = max(1, p.towns)
        var attempts = 0
        while towns.count < nTowns && attempts < 100_000 {
            attempts += 1
            let idx = Int(insideCells[rng.int(insideCells.count)])
            let (i, j) = (idx % lattice.width, idx / lattice.width)
            guard interior(i, j, margin: 3) else { continue }
            let minGap = attempts < 50_000 ? 1.8 * spacing : 0.5 * spacing
            if townCells.contains(where: { hypot($0.0 - Double(i), $0.1 - Double(j)) < minGap }) { continue }
            let w = 1.0 / pow(Double(towns.count + 1), 0.9)
            let sigma = spacing * metresPerCell * (0.25 + 0.75 * w.squareRoot())
            towns.append(
                Town(
                    centre: lattice.point(i, j, rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)),
                    weight: w, sigmaMetres: sigma))
            townCells.append((Double(i), Double(j)))
        }
        let townCumulative = cumulativeSums(towns.map(\.weight))

        // 3. Commune seeds: 75% uniform, 25% around towns (small urban wards), with minimum spacing.
        var seeds: [(i: Double, j: Double, urban: Bool)] = []
        let nUrban = max(1, nVor / 4)
        let bucket = SeedBuckets(cellSize: spacing)
        attempts = 0
        while seeds.count < nVor && attempts < nVor * 5_000 {
            attempts += 1
            let urban = seeds.count < nUrban
            var fi: Double, fj: Double
            if urban {
                let t = rng.pick(cumulative: townCumulative)
                let s = towns[t].sigmaMetres / metresPerCell
                fi = townCells[t].0 + 0.5 + rng.gaussian() * s
                fj = townCells[t].1 + 0.5 + rng.gaussian() * s
            } else {
                let idx = Int(insideCells[rng.int(insideCells.count)])
                fi = Double(idx % lattice.width) + rng.uniform(0.1, 0.9)
                fj = Double(idx / lattice.width) + rng.uniform(0.1, 0.9)
            }
            guard interior(Int(fi.rounded(.down)), Int(fj.rounded(.down)), margin: 2) else { continue }
            let relax = attempts > nVor * 2_000 ? 0.5 : 1.0
            let minGap = (urban ? 0.3 : 0.45) * spacing * relax
            if bucket.hasNeighbour(fi, fj, within: minGap, seeds: seeds) { continue }
            bucket.insert(fi, fj, index: seeds.count)
            seeds.append((fi, fj, urban))
        }
        guard seeds.count == nVor else {
            throw GeneratorError(description: "could only place \(seeds.count) of \(nVor) commune seeds")
        }
        // Number communes north to south, west to east (like real code lists by area).
        seeds.sort { a, b in
            let ra = Int(a.j / spacing), rb = Int(b.j / spacing)
            return ra != rb ? ra > rb : (a.i != b.i ? a.i < b.i : a.j > b.j)
        }

        // 4. Label cells with the nearest seed in a smoothly warped space (wiggly boundaries).
        let warp = Warp(spacing: spacing, rng: &rng)
        let warped = seeds.map { warp.apply($0.i, $0.j) }
        let index = SeedBuckets(cellSize: spacing)
        for (k, s) in warped.enumerated() { index.insert(s.0, s.1, index: k) }
        for idx32 in insideCells {
            let idx = Int(idx32)
            let w = warp.apply(Double(idx % lattice.width) + 0.5, Double(idx / lattice.width) + 0.5)
            lattice.labels[idx] = Int32(index.nearest(w.0, w.1, points: warped))
        }
        var communes: [CommuneSeed] = seeds.map { s in
            let c = lattice.point(
                Int(s.i.rounded(.down)), Int(s.j.rounded(.down)),
                s.i - s.i.rounded(.down), s.j - s.j.rounded(.down))
            return CommuneSeed(centre: c, urban: s.urban, town: 0)
        }
        // Every seed owns at least its own cell and its 4-neighbours.
        for (k, s) in seeds.enumerated() {
            let ci = Int(s.i.rounded(.down)), cj = Int(s.j.rounded(.down))
            for (di, dj) in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)] where isInside(ci + di, cj + dj) {
                lattice.labels[(cj + dj) * lattice.width + ci + di] = Int32(k)
            }
        }

        // 5. Enclave communes and exclaves: disks carved out of the interior of big communes.
        var counts = [Int](repeating: 0, count: nVor)
        for idx in insideCells { counts[Int(lattice.labels[Int(idx)])] += 1 }
        let bySize = (0..<nVor).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var hostUsed = [Bool](repeating: false, count: nVor)
        func carve(radius: Double, host: Int, newLabel: Int32, rng: inout Rng) -> Coordinate? {
            let r = Int(radius.rounded(.up)) + 2
            for attempt in 0..<300 {
                let (ci, cj): (Int, Int)
                if attempt == 0 {
                    let c = lattice.cell(of: communes[host].centre)
                    (ci, cj) = (c.0 + r, c.1)  // beside the centre, so the hub stays in the host
                } else {
                    let idx = Int(insideCells[rng.int(insideCells.count)])
                    (ci, cj) = (idx % lattice.width, idx / lattice.width)
                }
                var ok = lattice.label(ci, cj) == Int32(host)
                if ok {
                    outer: for dj in -r...r {
                        for di in -r...r where lattice.label(ci + di, cj + dj) != Int32(host) {
                            ok = false
                            break outer
                        }
                    }
                }
                let hub = lattice.cell(of: communes[host].centre)
                if ok && hypot(Double(hub.0 - ci), Double(hub.1 - cj)) < radius + 2 { ok = false }
                guard ok else { continue }
                for dj in -r...r {
                    for di in -r...r where hypot(Double(di), Double(dj)) <= radius {
                        lattice.labels[(cj + dj) * lattice.width + ci + di] = newLabel
                    }
                }
                return lattice.point(ci, cj, 0.5, 0.5)
            }
            return nil
        }
        var placedEnclaves = 0
        for host in bySize where placedEnclaves < enclaves && !hostUsed[host] {
            let label = Int32(nVor + placedEnclaves)
            if let c = carve(radius: max(2.5, 0.22 * spacing), host: host, newLabel: label, rng: &rng) {
                hostUsed[host] = true
                communes.append(CommuneSeed(centre: c, urban: true, town: 0, isEnclave: true))
                placedEnclaves += 1
            }
        }
        guard placedEnclaves == enclaves else {
            throw GeneratorError(description: "could only place \(placedEnclaves) of \(enclaves) enclave communes")
        }
        var placedExclaves = 0
        for host in bySize where placedExclaves < p.exclaveCommunes && !hostUsed[host] {
            // The owner is a neighbouring commune (first found scanning the host's cells).
            var owner: Int32 = -1
            scan: for idx in insideCells where lattice.labels[Int(idx)] == Int32(host) {
                let i = Int(idx) % lattice.width, j = Int(idx) / lattice.width
                for (di, dj) in [(1, 0), (0, 1), (-1, 0), (0, -1)] {
                    let l = lattice.label(i + di, j + dj)
                    if l >= 0 && l != Int32(host) && Int(l) < nVor {
                        owner = l
                        break scan
                    }
                }
            }
            guard owner >= 0,
                carve(radius: max(1.6, 0.12 * spacing), host: host, newLabel: owner, rng: &rng) != nil
            else { continue }
            hostUsed[host] = true
            placedExclaves += 1
        }

        // 6. Remove pinch points (two cells of one label touching only at a corner).
        removePinches(&lattice)

        // 7. Per-commune cell lists; nearest town and urban flags.
        let nc = communes.count
        var cellCounts = [Int](repeating: 0, count: nc)
        for j in 0..<lattice.height {
            for i in 0..<lattice.width {
                let l = lattice.labels[j * lattice.width + i]
                if l >= 0 { cellCounts[Int(l)] += 1 }
            }
        }
        var cellStart = [Int](repeating: 0, count: nc + 1)
        for k in 0..<nc { cellStart[k + 1] = cellStart[k] + cellCounts[k] }
        var fill = cellStart
        var cells = [Int32](repeating: 0, count: cellStart[nc])
        for idx in 0..<lattice.labels.count {
            let l = lattice.labels[idx]
            if l >= 0 {
                cells[fill[Int(l)]] = Int32(idx)
                fill[Int(l)] += 1
            }
        }
        if let empty = (0..<nc).first(where: { cellCounts[$0] == 0 }) {
            throw GeneratorError(description: "commune \(empty) has no cells")
        }
        for k in 0..<nc {
            var best = 0, bestD = Double.infinity
            for (t, town) in towns.enumerated() {
                let d = Metres.distance(town.centre, communes[k].centre)
                if d < bestD { bestD = d; best = t }
            }
            communes[k].town = best
            if !communes[k].urban && bestD < 0.5 * towns[best].sigmaMetres { communes[k].urban = true }
        }
        return CommuneLayout(
            lattice: lattice, region: region, towns: towns, communes: communes,
            cellStart: cellStart, cells: cells, spacingCells: spacing)
    }

    /// Reassigns cells until no label touches itself only diagonally at a vertex.
    static func removePinches(_ lattice: inout Lattice) {
        let w = lattice.width, h = lattice.height
        for _ in 0..<50 {
            var changed = false
            for j in 1..<h {
                for i in 1..<w {
                    let ia = (j - 1) * w + i - 1, ib = (j - 1) * w + i, ic = j * w + i - 1, id = j * w + i
                    let a = lattice.labels[ia], b = lattice.labels[ib]
                    let c = lattice.labels[ic], d = lattice.labels[id]
                    // Never write a commune label into the outermost ring of cells.
                    func border(_ idx: Int) -> Bool {
                        let x = idx % w, y = idx / w
                        return x == 0 || y == 0 || x == w - 1 || y == h - 1
                    }
                    if a == d && b != a && c != a {
                        lattice.labels[a >= 0 && border(ib) ? ic : ib] = a
                        changed = true
                    } else if b == c && a != b && d != b {
                        lattice.labels[b >= 0 && border(ia) ? id : ia] = b
                        changed = true
                    }
                }
            }
            if !changed { return }
        }
    }
}

/// A smooth displacement of lattice space, small enough to stay one-to-one.
struct Warp {
    let a1: Double, a2: Double, k1: Double, k2: Double
    let p: [Double]

    init(spacing: Double, rng: inout Rng) {
        a1 = 0.07 * spacing
        a2 = 0.10 * spacing
        k1 = 2 * Double.pi / (1.1 * spacing)
        k2 = 2 * Double.pi / (2.5 * spacing)
        p = (0..<4).map { _ in rng.uniform(0, 2 * Double.pi) }
    }

    @inline(__always)
    func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        (
            x + a1 * sin(k1 * y + p[0]) + a2 * sin(k2 * (0.6 * x + 0.8 * y) + p[1]),
            y + a1 * sin(k1 * x + p[2]) + a2 * sin(k2 * (0.8 * x - 0.6 * y) + p[3])
        )
    }
}

/// A uniform bucket grid over points in lattice units, for spacing checks and nearest queries.
final class SeedBuckets {
    let cellSize: Double
    private var buckets: [Int64: [Int]] = [:]
    private var pts: [(Double, Double)] = []

    init(cellSize: Double) { self.cellSize = max(cellSize, 1e-9) }

    private func key(_ bx: Int, _ by: Int) -> Int64 { Int64(bx) << 32 ^ Int64(UInt32(bitPattern: Int32(by))) }

    func insert(_ x: Double, _ y: Double, index: Int) {
        let bx = Int((x / cellSize).rounded(.down)), by = Int((y / cellSize).rounded(.down))
        buckets[key(bx, by), default: []].append(index)
        if index >= pts.count { pts.append(contentsOf: repeatElement((0, 0), count: index - pts.count + 1)) }
        pts[index] = (x, y)
    }

    func hasNeighbour(_ x: Double, _ y: Double, within r: Double, seeds: [(i: Double, j: Double, urban: Bool)]) -> Bool
    {
        let bx = Int((x / cellSize).rounded(.down)), by = Int((y / cellSize).rounded(.down))
        let span = Int((r / cellSize).rounded(.up))
        for dy in -span...span {
            for dx in -span...span {
                for k in buckets[key(bx + dx, by + dy)] ?? [] {
                    let q = pts[k]
                    if (q.0 - x) * (q.0 - x) + (q.1 - y) * (q.1 - y) < r * r { return true }
                }
            }
        }
        return false
    }

    /// The index of the nearest point (lowest index on ties).
    func nearest(_ x: Double, _ y: Double, points: [(Double, Double)]) -> Int {
        let bx = Int((x / cellSize).rounded(.down)), by = Int((y / cellSize).rounded(.down))
        var best = -1
        var bestD = Double.infinity
        var ring = 0
        while ring < 100_000 {
            for dy in -ring...ring {
                for dx in -ring...ring where max(abs(dx), abs(dy)) == ring {
                    for k in buckets[key(bx + dx, by + dy)] ?? [] {
                        let q = points[k]
                        let d = (q.0 - x) * (q.0 - x) + (q.1 - y) * (q.1 - y)
                        if d < bestD || (d == bestD && k < best) { bestD = d; best = k }
                    }
                }
            }
            // Points in ring+1 or beyond are at least ring·cellSize away.
            if best >= 0 && bestD.squareRoot() <= Double(ring) * cellSize { break }
            ring += 1
        }
        return max(best, 0)
    }
}
