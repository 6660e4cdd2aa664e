import CoverageFormats
import CoverageModel
import Foundation

/// A hamlet (thôn / bản / tổ dân phố): a point with a share of its commune's households.
struct GeneratedHamlet {
    var commune: Int
    var position: Coordinate
    var name: String
    var code: String
    var weight: Double
    var sigmaMetres: Double
    /// Households allocated to the hamlet (exact target).
    var households = 0
    /// Persons generated for the hamlet.
    var population = 0
}

/// Fictional names and codes for communes.
struct CommuneNaming {
    var names: [String]
    var baseNames: [String]
    var codes: [String]
}

enum Settlements {
    /// Names and 5-digit codes for every commune.
    static func nameCommunes(_ layout: CommuneLayout, seed: UInt64) -> CommuneNaming {
        var maker = NameMaker(seed: seed, stream: 3)
        var names: [String] = [], bases: [String] = [], codes: [String] = []
        for (k, c) in layout.communes.enumerated() {
            let base = maker.unique()
            bases.append(base)
            names.append((c.urban ? "Phường " : "Xã ") + base)
            let code = 10_000 + 3 * (k + 1)
            codes.append(String(code))
        }
        return CommuneNaming(names: names, baseNames: bases, codes: codes)
    }

    /// Hamlets of every commune (the first is the commune centre), with exact household allocations.
    ///
    /// With `householdsPerCommune` each commune's households are split among its own hamlets (real
    /// territories: census counts); without, the total is split over all hamlets by weight. Where the
    /// layout has road points, half the hamlets (not the centre) sit within a few hundred metres of a road.
    static func hamlets(
        _ layout: CommuneLayout, naming: CommuneNaming, remote: [Bool], _ p: GeneratorParameters,
        householdsPerCommune: [Int]? = nil
    ) -> (hamlets: [GeneratedHamlet], firstOfCommune: [Int]) {
        var rng = Rng(seed: p.seed, stream: 4)
        var maker = NameMaker(seed: p.seed, stream: 5)
        var hamlets: [GeneratedHamlet] = []
        var first: [Int] = []
        let lo = max(1, p.minHamletsPerCommune), hi = max(lo, p.maxHamletsPerCommune)
        for (k, c) in layout.communes.enumerated() {
            first.append(hamlets.count)
            maker.reset()
            let n = rng.int(in: lo...hi)
            let town = layout.towns[c.town]
            let factor = c.urban ? (4 + 12 * town.weight.squareRoot()) : (remote[k] ? 0.5 : 1)
            for h in 0..<n {
                var pos = layout.randomPoint(k, &rng)
                if h == 0, layout.lattice.commune(at: c.centre) == Int32(k) {
                    pos = c.centre
                } else if h > 0, k < layout.roadPoints.count, !layout.roadPoints[k].isEmpty, rng.chance(0.5) {
                    let road = rng.element(layout.roadPoints[k])
                    let near = Metres.offset(road, rng.gaussian() * 250, rng.gaussian() * 250)
                    if layout.lattice.commune(at: near) == Int32(k) { pos = near }
                }
                let name: String
                if c.urban {
                    name = rng.chance(0.6) ? "Tổ dân phố \(h + 1)" : "Tổ dân phố \(maker.unique())"
                } else {
                    name = "\(maker.element(["Thôn", "Thôn", "Bản", "Xóm"])) \(maker.unique())"
                }
                let code = naming.codes[k] + "-" + (h + 1 < 10 ? "0" : "") + String(h + 1)
                let weight = rng.lognormal(0, c.urban ? 0.4 : 0.5) * factor
                let sigma = c.urban ? rng.uniform(300, 700) : rng.uniform(150, 400)
                hamlets.append(
                    GeneratedHamlet(
                        commune: k, position: pos, name: name, code: code, weight: weight,
                        sigmaMetres: sigma))
            }
        }
        first.append(hamlets.count)
        if let targets = householdsPerCommune {
            for k in layout.communes.indices {
                let range = first[k]..<first[k + 1]
                let alloc = allocate(targets[k], weights: hamlets[range].map(\.weight))
                for (i, n) in zip(range, alloc) { hamlets[i].households = n }
            }
        } else {
            let alloc = allocate(p.households, weights: hamlets.map(\.weight))
            for i in hamlets.indices { hamlets[i].households = alloc[i] }
        }
        return (hamlets, first)
    }

    /// Splits `total` into integers proportional to `weights` (largest remainder, ties to lower index).
    static func allocate(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, !weights.isEmpty else { return weights.map { _ in 0 } }
        var out = [Int](repeating: 0, count: weights.count)
        var rema: [(Double, Int)] = []
        var assigned = 0
        for (i, w) in weights.enumerated() {
            let q = Double(total) * w / sum
            out[i] = Int(q.rounded(.down))
            assigned += out[i]
            rema.append((q - Double(out[i]), i))
        }
        rema.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        var left = total - assigned
        var r = 0
        while left > 0 {
            out[rema[r % rema.count].1] += 1
            left -= 1
            r += 1
        }
        return out
    }

    private static let personsCumulative = cumulativeSums([0.08, 0.17, 0.22, 0.28, 0.14, 0.07, 0.03, 0.01])

    /// Generates and writes the households of commune k; updates hamlet populations.
    ///
    /// Households cluster around their hamlet (Gaussian), about 7% are scattered over the commune.
    static func writeHouseholds(
        commune k: Int, layout: CommuneLayout, hamlets: inout [GeneratedHamlet], range: Range<Int>,
        seed: UInt64, nextID: inout Int, writer: CSVWriter, totals: inout (points: Int, units: Int, persons: Int)
    ) throws {
        var rng = Rng(seed: seed, stream: 10_000_000 + UInt64(k))
        let lattice = layout.lattice
        for h in range {
            var remaining = hamlets[h].households
            let centre = hamlets[h].position
            let sigma = hamlets[h].sigmaMetres
            let mLon = Metres.perDegreeLon(atLat: centre.y), mLat = Metres.perDegreeLat
            var population = 0
            while remaining > 0 {
                let u = rng.unit()
                let units = min(remaining, u < 0.93 ? 1 : (u < 0.98 ? 2 : 3))
                var pos: Coordinate
                if rng.chance(0.07) {
                    pos = layout.randomPoint(k, &rng)
                } else {
                    pos = centre
                    var found = false
                    for _ in 0..<12 {
                        let g1 = rng.gaussian(), g2 = rng.gaussian()
                        let cand = Coordinate(centre.x + g1 * sigma / mLon, centre.y + g2 * sigma / mLat)
                        if lattice.commune(at: cand) == Int32(k) {
                            pos = cand
                            found = true
                            break
                        }
                    }
                    if !found { pos = layout.randomPoint(k, &rng) }
                }
                var persons = 0
                for _ in 0..<units { persons += 1 + rng.pick(cumulative: personsCumulative) }
                persons = min(8, max(units, persons))
                try writer.writeRow([
                    .int(Int64(nextID)), .fixed(pos.x, decimals: 7), .fixed(pos.y, decimals: 7),
                    .int(Int64(units)), .int(Int64(persons)),
                ])
                nextID += 1
                remaining -= units
                population += persons
                totals.points += 1
                totals.units += units
                totals.persons += persons
            }
            hamlets[h].population = population
        }
    }

    /// Writes every commune's households in commune order; returns the points, households and persons.
    static func writeAllHouseholds(
        layout: CommuneLayout, hamlets: inout [GeneratedHamlet], firstHamlet: [Int], seed: UInt64, to path: String,
        progress: (String) -> Void
    ) throws -> (writer: CSVWriter, totals: (points: Int, units: Int, persons: Int)) {
        let writer = try CSVWriter(path: path, header: ["id", "lon", "lat", "households", "persons"])
        var nextID = 1
        var totals = (points: 0, units: 0, persons: 0)
        let nc = layout.communes.count
        for k in 0..<nc {
            try writeHouseholds(
                commune: k, layout: layout, hamlets: &hamlets, range: firstHamlet[k]..<firstHamlet[k + 1],
                seed: seed, nextID: &nextID, writer: writer, totals: &totals)
            if k % 500 == 499 { progress("households: \(k + 1) of \(nc) communes, \(totals.units) households") }
        }
        return (writer, totals)
    }
}
