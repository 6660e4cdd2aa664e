import CoverageModel
import Foundation

/// A zoom-16 cell chosen to carry planted truth for one operator and technology.
struct PlantTarget {
    var tile: UInt32
    var operatorIndex: Int
    var technology: Technology
    /// Declared but failing (true) or undeclared but passing (false).
    var overDeclared: Bool
    /// A point of the cell inside the territory (undeclared cells: their hamlet).
    var anchor: Coordinate

    /// The look-up key of (tile, operator, technology).
    var key: UInt64 { PlantTarget.key(tile, operatorIndex, technology) }

    @inline(__always)
    static func key(_ tile: UInt32, _ op: Int, _ tech: Technology) -> UInt64 {
        UInt64(tile) << 8 | UInt64(op) << 1 | (tech == .g5 ? 1 : 0)
    }
}

/// Chooses the planted cells: eligible cells first, then a seeded sample of the requested shares.
enum PlantedCells {
    /// Tiles wholly inside one 4G/5G polygon of an operator (all four corners inside a convex cell ring)
    /// whose corners lie in the territory, sorted by operator, technology and tile.
    static func eligibleDeclared(_ index: CoverageIndex, lattice: Lattice) -> [PlantTarget] {
        var seen = Set<UInt64>()
        var out: [PlantTarget] = []
        for cell in index.cells {
            let (x0, y0) = Zoom16.tile(Coordinate(cell.box.minX, cell.box.maxY))
            let (x1, y1) = Zoom16.tile(Coordinate(cell.box.maxX, cell.box.minY))
            guard x0 <= x1, y0 <= y1 else { continue }
            for y in y0...y1 {
                for x in x0...x1 {
                    let key = PlantTarget.key(Zoom16.key(x, y), cell.operatorIndex, cell.technology)
                    guard !seen.contains(key) else { continue }
                    let b = Zoom16.bounds(x, y)
                    let corners = [
                        Coordinate(b.minX, b.minY), Coordinate(b.maxX, b.minY), Coordinate(b.maxX, b.maxY),
                        Coordinate(b.minX, b.maxY),
                    ]
                    // Cheap first: every corner within the radius of the site (the ring lies inside that disk).
                    guard corners.allSatisfy({ Metres.distance($0, cell.site) < cell.radius }),
                        corners.allSatisfy(cell.contains),
                        corners.allSatisfy({ lattice.commune(at: $0) != nil })
                    else { continue }
                    seen.insert(key)
                    out.append(
                        PlantTarget(
                            tile: Zoom16.key(x, y), operatorIndex: cell.operatorIndex, technology: cell.technology,
                            overDeclared: true, anchor: Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)))
                }
            }
        }
        return out.sorted { $0.key < $1.key }
    }

    /// Tiles holding a hamlet where an operator declares no 4G or 5G anywhere near (no polygon's bounding
    /// box meets the tile), sorted by operator and tile.
    static func eligibleUndeclared(_ index: CoverageIndex, hamlets: [GeneratedHamlet], operators: Int) -> [PlantTarget]
    {
        var seen = Set<UInt64>()
        var out: [PlantTarget] = []
        for hamlet in hamlets {
            let (x, y) = Zoom16.tile(hamlet.position)
            let b = Zoom16.bounds(x, y)
            for op in 0..<operators {
                let key = PlantTarget.key(Zoom16.key(x, y), op, .g4)
                guard !seen.contains(key), !index.mayOverlap(b, op, .g4), !index.mayOverlap(b, op, .g5) else {
                    continue
                }
                seen.insert(key)
                out.append(
                    PlantTarget(
                        tile: Zoom16.key(x, y), operatorIndex: op, technology: .g4, overDeclared: false,
                        anchor: hamlet.position))
            }
        }
        return out.sorted { $0.key < $1.key }
    }

    /// How many cells of each kind to plant: the requested shares (at least one undeclared cell when its
    /// share is positive), scaled down so planted tests stay within half of all tests.
    static func counts(
        declared: Int, undeclared: Int, _ p: MeasurementParameters
    ) -> (over: Int, under: Int) {
        var over = Int((p.overDeclaredShare * Double(declared)).rounded())
        var under = Int((p.undeclaredShare * Double(undeclared)).rounded())
        if p.undeclaredShare > 0 && undeclared > 0 { under = max(1, under) }
        if p.overDeclaredShare > 0 && declared > 0 { over = max(1, over) }
        let budget = p.count / 2 / p.testsPerPlantedCell
        if over + under > budget {
            let scale = Double(budget) / Double(over + under)
            let newUnder = min(under, max(under > 0 && budget > 1 ? 1 : 0, Int((Double(under) * scale).rounded(.down))))
            under = newUnder
            over = min(over, budget - under)
        }
        return (max(0, over), max(0, under))
    }

    /// `n` of `candidates`, drawn without replacement (partial Fisher–Yates), in key order.
    static func sample(_ candidates: [PlantTarget], _ n: Int, _ rng: inout Rng) -> [PlantTarget] {
        var pool = candidates
        let k = min(n, pool.count)
        for i in 0..<k { pool.swapAt(i, i + rng.int(pool.count - i)) }
        return pool.prefix(k).sorted { $0.key < $1.key }
    }
}
