import CoverageModel
import Foundation

/// Builds the generator's commune layout on real boundaries: a lattice whose labelled cells lie wholly
/// inside one commune, so every point generated in a labelled cell falls in that commune.
enum RasterLayout {
    /// The layout of `territory` on cells of `cellDegrees` (degrees of longitude).
    static func build(_ territory: RealTerritory, cellDegrees: Double, seed: UInt64) throws -> CommuneLayout {
        let communes = territory.communes
        guard var box = communes.first?.polygons.first?.exterior.first.map(BoundingBox.init) else {
            throw GeneratorError(description: "the territory has no communes")
        }
        for c in communes { for p in c.polygons { for v in p.exterior { box.extend(v) } } }
        var lattice = Lattice(box: box, cellDegrees: cellDegrees, seed: seed, displaced: false)
        for (k, c) in communes.enumerated() {
            for p in c.polygons { fill(p, label: Int32(k), into: &lattice) }
        }
        for c in communes {
            for p in c.polygons { for ring in p.rings { clearCells(along: ring, in: &lattice) } }
        }
        let nc = communes.count
        var cellLists = [[Int32]](repeating: [], count: nc)
        for idx in lattice.labels.indices where lattice.labels[idx] >= 0 {
            cellLists[Int(lattice.labels[idx])].append(Int32(idx))
        }
        if let small = cellLists.firstIndex(where: \.isEmpty) {
            throw GeneratorError(
                description: "commune \(communes[small].code) holds no whole cell of \(cellDegrees)°; use finer cells")
        }
        var cellStart = [0]
        for list in cellLists { cellStart.append(cellStart[cellStart.count - 1] + list.count) }
        let centres = cellLists.map { centreCell($0, lattice) }
        let cellKm2 = lattice.dx * Metres.perDegreeLon(atLat: box.minY) * lattice.dy * Metres.perDegreeLat / 1e6
        let towns = makeTowns(territory, centres: centres, cellLists: cellLists, cellKm2: cellKm2)
        let seeds = communes.indices.map { k in
            let nearest =
                towns.indices.min {
                    Metres.distance(towns[$0].centre, centres[k]) < Metres.distance(towns[$1].centre, centres[k])
                } ?? 0
            return CommuneSeed(centre: centres[k], urban: communes[k].urban, town: nearest)
        }
        var layout = CommuneLayout(
            lattice: lattice,
            region: RegionShape(outline: [
                Coordinate(box.minX, box.minY), Coordinate(box.maxX, box.minY), Coordinate(box.maxX, box.maxY),
                Coordinate(box.minX, box.maxY),
            ]),
            towns: towns, communes: seeds, cellStart: cellStart, cells: cellLists.flatMap { $0 },
            spacingCells: (Double(cellStart[nc]) / Double(nc)).squareRoot())
        layout.roadPoints = roadPoints(territory.roads, lattice: lattice, communes: nc)
        return layout
    }

    /// Labels the cells whose centre lies inside the polygon (even-odd over all its rings).
    static func fill(_ polygon: Polygon, label: Int32, into lattice: inout Lattice) {
        var crossings: [Int: [Double]] = [:]
        for ring in polygon.rings where ring.count > 1 {
            for e in 0..<(ring.count - 1) {
                let a = ring[e], b = ring[e + 1]
                guard a.y != b.y else { continue }
                let lo = min(a.y, b.y), hi = max(a.y, b.y)
                let j0 = Int(((lo - lattice.y0) / lattice.dy - 0.5).rounded(.up))
                let j1 = Int(((hi - lattice.y0) / lattice.dy - 0.5).rounded(.up)) - 1
                guard j0 <= j1 else { continue }
                for j in j0...j1 {
                    let y = lattice.y0 + (Double(j) + 0.5) * lattice.dy
                    crossings[j, default: []].append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
        }
        for (j, xs) in crossings where j >= 0 && j < lattice.height {
            let sorted = xs.sorted()
            var k = 0
            while k + 1 < sorted.count {
                let i0 = max(0, Int(((sorted[k] - lattice.x0) / lattice.dx - 0.5).rounded(.up)))
                let i1 = min(lattice.width - 1, Int(((sorted[k + 1] - lattice.x0) / lattice.dx - 0.5).rounded(.down)))
                if i0 <= i1 { for i in i0...i1 { lattice.labels[j * lattice.width + i] = label } }
                k += 2
            }
        }
    }

    /// Unlabels every cell a ring's edges touch (each edge in pieces of at most half a cell, each
    /// piece clearing the cells of its bounding box), so labelled cells hold no boundary.
    static func clearCells(along ring: Ring, in lattice: inout Lattice) {
        guard ring.count > 1 else { return }
        for e in 0..<(ring.count - 1) {
            let a = ring[e], b = ring[e + 1]
            let steps = max(1, Int((max(abs(b.x - a.x) / lattice.dx, abs(b.y - a.y) / lattice.dy) * 2).rounded(.up)))
            var p = a
            for s in 1...steps {
                let t = Double(s) / Double(steps)
                let q = Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
                let (i0, j0) = lattice.cell(of: Coordinate(min(p.x, q.x), min(p.y, q.y)))
                let (i1, j1) = lattice.cell(of: Coordinate(max(p.x, q.x), max(p.y, q.y)))
                p = q
                let ja = max(0, j0), jb = min(lattice.height - 1, j1)
                let ia = max(0, i0), ib = min(lattice.width - 1, i1)
                guard ja <= jb, ia <= ib else { continue }
                for j in ja...jb { for i in ia...ib { lattice.labels[j * lattice.width + i] = -1 } }
            }
        }
    }

    /// The centre of the commune's cell nearest to the mean of its cells.
    static func centreCell(_ cells: [Int32], _ lattice: Lattice) -> Coordinate {
        let points = cells.map { lattice.centre(Int($0) % lattice.width, Int($0) / lattice.width) }
        let mx = points.map(\.x).reduce(0, +) / Double(points.count)
        let my = points.map(\.y).reduce(0, +) / Double(points.count)
        let mean = Coordinate(mx, my)
        return points.min { Metres.distance($0, mean) < Metres.distance($1, mean) } ?? mean
    }

    /// One town per ward (phường), weighted by its households; the largest commune when there is none.
    static func makeTowns(
        _ territory: RealTerritory, centres: [Coordinate], cellLists: [[Int32]], cellKm2: Double
    ) -> [Town] {
        var urban = territory.communes.indices.filter { territory.communes[$0].urban }
        if urban.isEmpty,
            let largest = territory.communes.indices.max(by: {
                territory.communes[$0].households < territory.communes[$1].households
            })
        {
            urban = [largest]
        }
        let largest = Double(urban.map { territory.communes[$0].households }.max() ?? 1)
        return urban.map { k in
            let areaKm2 = Double(cellLists[k].count) * cellKm2
            return Town(
                centre: centres[k], weight: max(0.05, Double(territory.communes[k].households) / max(1, largest)),
                sigmaMetres: max(400, 350 * areaKm2.squareRoot()))
        }
    }

    /// Points every 150 m along the roads, grouped by the commune whose labelled cell holds them.
    static func roadPoints(_ roads: [[Coordinate]], lattice: Lattice, communes: Int) -> [[Coordinate]] {
        var out = [[Coordinate]](repeating: [], count: communes)
        for road in roads where road.count > 1 {
            for e in 0..<(road.count - 1) {
                let a = road[e], b = road[e + 1]
                let n = max(1, Int((Metres.distance(a, b) / 150).rounded(.up)))
                for s in 0..<n {
                    let t = Double(s) / Double(n)
                    let p = Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
                    let (i, j) = lattice.cell(of: p)
                    let l = lattice.label(i, j)
                    if l >= 0 { out[Int(l)].append(p) }
                }
            }
        }
        return out
    }
}
