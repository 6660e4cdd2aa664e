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
