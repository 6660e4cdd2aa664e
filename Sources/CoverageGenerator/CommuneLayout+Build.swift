import CoverageModel
import Foundation

/// The region's lattice cells whose centres lie inside its outline (never the outermost ring).
struct RegionRaster {
    let width: Int
    let height: Int
    var inside: [Bool]
    var count = 0
    /// Indices (j·width + i) of the inside cells, in order.
    var cells: [Int32] = []

    /// Rasterises `region` on `lattice` by scanlines through the cell centres.
    init(_ lattice: Lattice, _ region: RegionShape) {
        width = lattice.width
        height = lattice.height
        inside = [Bool](repeating: false, count: width * height)
        for j in 0..<height {
            let y = lattice.centre(0, j).y
            let xs = region.crossings(atY: y)
            var k = 0
            while k + 1 < xs.count {
                let i0 = max(1, Int(((xs[k] - lattice.x0) / lattice.dx - 0.5).rounded(.up)))
                let i1 = min(width - 2, Int(((xs[k + 1] - lattice.x0) / lattice.dx - 0.5).rounded(.down)))
                if i0 <= i1 {
                    for i in i0...i1 { inside[j * width + i] = true }
                    count += i1 - i0 + 1
                }
                k += 2
            }
        }
    }

    /// Lists the inside cells (after the raster proved fine enough).
    mutating func listCells() { cells = (0..<inside.count).compactMap { inside[$0] ? Int32($0) : nil } }

    /// True when cell (i, j) is on the lattice and inside the region.
    func isInside(_ i: Int, _ j: Int) -> Bool {
        i >= 0 && j >= 0 && i < width && j < height && inside[j * width + i]
    }

    /// True when every cell within `m` cells of (i, j) is inside.
    func interior(_ i: Int, _ j: Int, margin m: Int) -> Bool {
        for dj in -m...m { for di in -m...m where !isInside(i + di, j + dj) { return false } }
        return true
    }
}

/// A commune seed in lattice cell units, before it becomes a `CommuneSeed`.
typealias SeedPoint = (i: Double, j: Double, urban: Bool)

extension CommuneLayout {
    /// Lays out the region, towns and communes of a fictional territory (deterministic in `p.seed`).
    static func build(_ p: GeneratorParameters, progress: (String) -> Void) throws -> CommuneLayout {
        let region = RegionShape.make(p.region, seed: p.seed)
        var lattice = Lattice(box: region.box, cellDegrees: p.latticeCellDegrees, seed: SplitMix64.hash(p.seed, 77))
        // 1. Region raster: a cell is inside when its centre is inside the outline.
        var raster = RegionRaster(lattice, region)
        guard raster.count > p.communes * 20 else {
            throw GeneratorError(description: "lattice too coarse: \(raster.count) cells for \(p.communes) communes")
        }
        raster.listCells()
        let enclaves = max(0, min(p.enclaveCommunes, p.communes / 4))
        let nVor = p.communes - enclaves
        let spacing = (Double(raster.count) / Double(nVor)).squareRoot()  // in cells
        let metresPerCell = lattice.dy * Metres.perDegreeLat
        progress("region: \(raster.count) lattice cells, commune spacing \(Int(spacing * metresPerCell)) m")

        var rng = Rng(seed: p.seed, stream: 2)
        let (towns, townCells) = placeTowns(
            count: max(1, p.towns), raster, lattice, spacing: spacing, metresPerCell: metresPerCell, &rng)
        let seeds = try placeSeeds(
            count: nVor, towns: towns, townCells: townCells, raster, lattice, spacing: spacing,
            metresPerCell: metresPerCell, &rng)
        var communes = labelCells(seeds, &lattice, raster, spacing: spacing, &rng)
        try carveEnclavesAndExclaves(
            enclaves: enclaves, exclaves: p.exclaveCommunes, voronoiCount: nVor, &communes, &lattice, raster,
            spacing: spacing, &rng)
        // 6. Remove pinch points (two cells of one label touching only at a corner).
        removePinches(&lattice)
        // 7. Per-commune cell lists; nearest town and urban flags.
        let (cellStart, cells) = try cellLists(lattice, communeCount: communes.count)
        assignTowns(&communes, towns)
        return CommuneLayout(
            lattice: lattice, region: region, towns: towns, communes: communes,
            cellStart: cellStart, cells: cells, spacingCells: spacing)
    }

    /// Step 2: towns with Zipf weights, kept apart from each other; returns them with their cells.
    static func placeTowns(
        count nTowns: Int, _ raster: RegionRaster, _ lattice: Lattice, spacing: Double, metresPerCell: Double,
        _ rng: inout Rng
    ) -> ([Town], [(Double, Double)]) {
        var towns: [Town] = []
        var townCells: [(Double, Double)] = []
        var attempts = 0
        while towns.count < nTowns && attempts < 100_000 {
            attempts += 1
            let idx = Int(raster.cells[rng.int(raster.cells.count)])
            let (i, j) = (idx % lattice.width, idx / lattice.width)
            guard raster.interior(i, j, margin: 3) else { continue }
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
        return (towns, townCells)
    }

    /// Step 3: commune seeds, 75% uniform and 25% around towns (small urban wards), kept apart.
    ///
    /// Numbered north to south, west to east (like real code lists by area).
    static func placeSeeds(
        count nVor: Int, towns: [Town], townCells: [(Double, Double)], _ raster: RegionRaster, _ lattice: Lattice,
        spacing: Double, metresPerCell: Double, _ rng: inout Rng
    ) throws -> [SeedPoint] {
        let townCumulative = cumulativeSums(towns.map(\.weight))
        var seeds: [SeedPoint] = []
        let nUrban = max(1, nVor / 4)
        let bucket = SeedBuckets(cellSize: spacing)
        var attempts = 0
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
                let idx = Int(raster.cells[rng.int(raster.cells.count)])
                fi = Double(idx % lattice.width) + rng.uniform(0.1, 0.9)
                fj = Double(idx / lattice.width) + rng.uniform(0.1, 0.9)
            }
            guard raster.interior(Int(fi.rounded(.down)), Int(fj.rounded(.down)), margin: 2) else { continue }
            let relax = attempts > nVor * 2_000 ? 0.5 : 1.0
            let minGap = (urban ? 0.3 : 0.45) * spacing * relax
            if bucket.hasNeighbour(fi, fj, within: minGap, seeds: seeds) { continue }
            bucket.insert(fi, fj, index: seeds.count)
            seeds.append((fi, fj, urban))
        }
        guard seeds.count == nVor else {
            throw GeneratorError(description: "could only place \(seeds.count) of \(nVor) commune seeds")
        }
        seeds.sort { a, b in
            let ra = Int(a.j / spacing), rb = Int(b.j / spacing)
            return ra != rb ? ra > rb : (a.i != b.i ? a.i < b.i : a.j > b.j)
        }
        return seeds
    }

    /// Step 4: labels every inside cell with the nearest seed in a warped space; returns the communes.
    ///
    /// The warp makes boundaries wiggly; every seed keeps its own cell and its 4-neighbours.
    static func labelCells(
        _ seeds: [SeedPoint], _ lattice: inout Lattice, _ raster: RegionRaster, spacing: Double, _ rng: inout Rng
    ) -> [CommuneSeed] {
        let warp = Warp(spacing: spacing, rng: &rng)
        let warped = seeds.map { warp.apply($0.i, $0.j) }
        let index = SeedBuckets(cellSize: spacing)
        for (k, s) in warped.enumerated() { index.insert(s.0, s.1, index: k) }
        for idx32 in raster.cells {
            let idx = Int(idx32)
            let w = warp.apply(Double(idx % lattice.width) + 0.5, Double(idx / lattice.width) + 0.5)
            lattice.labels[idx] = Int32(index.nearest(w.0, w.1, points: warped))
        }
        let communes: [CommuneSeed] = seeds.map { s in
            let c = lattice.point(
                Int(s.i.rounded(.down)), Int(s.j.rounded(.down)),
                s.i - s.i.rounded(.down), s.j - s.j.rounded(.down))
            return CommuneSeed(centre: c, urban: s.urban, town: 0)
        }
        for (k, s) in seeds.enumerated() {
            let ci = Int(s.i.rounded(.down)), cj = Int(s.j.rounded(.down))
            for (di, dj) in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)] where raster.isInside(ci + di, cj + dj) {
                lattice.labels[(cj + dj) * lattice.width + ci + di] = Int32(k)
            }
        }
        return communes
    }

    /// Step 5: enclave communes and exclaves, disks carved out of the interior of the biggest communes.
    static func carveEnclavesAndExclaves(
        enclaves: Int, exclaves: Int, voronoiCount nVor: Int, _ communes: inout [CommuneSeed],
        _ lattice: inout Lattice, _ raster: RegionRaster, spacing: Double, _ rng: inout Rng
    ) throws {
        var counts = [Int](repeating: 0, count: nVor)
        for idx in raster.cells { counts[Int(lattice.labels[Int(idx)])] += 1 }
        let bySize = (0..<nVor).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var hostUsed = [Bool](repeating: false, count: nVor)
        var placedEnclaves = 0
        for host in bySize where placedEnclaves < enclaves && !hostUsed[host] {
            let label = Int32(nVor + placedEnclaves)
            if let c = carve(
                radius: max(2.5, 0.22 * spacing), host: host, hub: communes[host].centre, newLabel: label, &lattice,
                raster, &rng)
            {
                hostUsed[host] = true
                communes.append(CommuneSeed(centre: c, urban: true, town: 0, isEnclave: true))
                placedEnclaves += 1
            }
        }
        guard placedEnclaves == enclaves else {
            throw GeneratorError(description: "could only place \(placedEnclaves) of \(enclaves) enclave communes")
        }
        var placedExclaves = 0
        for host in bySize where placedExclaves < exclaves && !hostUsed[host] {
            // The owner is a neighbouring commune (first found scanning the host's cells).
            var owner: Int32 = -1
            scan: for idx in raster.cells where lattice.labels[Int(idx)] == Int32(host) {
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
                carve(
                    radius: max(1.6, 0.12 * spacing), host: host, hub: communes[host].centre, newLabel: owner,
                    &lattice, raster, &rng) != nil
            else { continue }
            hostUsed[host] = true
            placedExclaves += 1
        }
    }

    /// Relabels a disk of `radius` cells lying wholly in `host` (away from its hub) as `newLabel`;
    /// returns the disk's centre, or nil when no place was found in 300 tries.
    static func carve(
        radius: Double, host: Int, hub hubCentre: Coordinate, newLabel: Int32, _ lattice: inout Lattice,
        _ raster: RegionRaster, _ rng: inout Rng
    ) -> Coordinate? {
        let r = Int(radius.rounded(.up)) + 2
        for attempt in 0..<300 {
            let (ci, cj): (Int, Int)
            if attempt == 0 {
                let c = lattice.cell(of: hubCentre)
                (ci, cj) = (c.0 + r, c.1)  // beside the centre, so the hub stays in the host
            } else {
                let idx = Int(raster.cells[rng.int(raster.cells.count)])
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
            let hub = lattice.cell(of: hubCentre)
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

    /// Step 7a: the cells of each commune, contiguous (`cells[cellStart[k]..<cellStart[k+1]]`).
    static func cellLists(_ lattice: Lattice, communeCount nc: Int) throws -> (cellStart: [Int], cells: [Int32]) {
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
        return (cellStart, cells)
    }

    /// Step 7b: each commune's nearest town; a rural commune close to a town's centre becomes urban.
    static func assignTowns(_ communes: inout [CommuneSeed], _ towns: [Town]) {
        for k in communes.indices {
            var best = 0, bestD = Double.infinity
            for (t, town) in towns.enumerated() {
                let d = Metres.distance(town.centre, communes[k].centre)
                if d < bestD { bestD = d; best = t }
            }
            communes[k].town = best
            if !communes[k].urban && bestD < 0.5 * towns[best].sigmaMetres { communes[k].urban = true }
        }
    }
}
