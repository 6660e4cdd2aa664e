import CoverageFormats
import CoverageModel
import Foundation

/// A physical mast (used later as an access-route source).
struct Mast {
    var position: Coordinate
    var commune: Int
    var urban: Bool
    var operatorIndex: Int
}

/// The three operators, their site-id prefixes and market shares.
enum Operators {
    static let names = ["Viettel", "VNPT", "MobiFone"]
    static let prefixes = ["VTL", "VNP", "MBF"]
    static let share = cumulativeSums([0.45, 0.30, 0.25])
    static let band5G = ["2600", "3700", "3600"]
}

/// Generates cell sites and their coverage polygons, streaming both to their writers.
struct CellPlanner {
    let layout: CommuneLayout
    let hamlets: [GeneratedHamlet]
    let poor: [Bool]
    let params: GeneratorParameters
    let sites: GeoJSONWriter
    let coverage: GeoJSONWriter
    var rng: Rng
    var siteCounter = 0
    var cellCounts = [0, 0, 0, 0]
    var masts: [Mast] = []
    /// Every cell written, kept only when measurements are generated (nil: not recorded).
    var recordedCells: [RecordedCell]?

    init(
        layout: CommuneLayout, hamlets: [GeneratedHamlet], poor: [Bool], params: GeneratorParameters,
        sites: GeoJSONWriter, coverage: GeoJSONWriter
    ) {
        self.layout = layout
        self.hamlets = hamlets
        self.poor = poor
        self.params = params
        self.sites = sites
        self.coverage = coverage
        rng = Rng(seed: params.seed, stream: 6)
    }

    /// Writes one site and up to `maxCells` of its cells (3 wedges or 1 omni); returns cells written.
    mutating func addSite(
        at c: Coordinate, operatorIndex op: Int, tech: Technology, radius: Double, triSector: Bool,
        band: String, maxCells: Int
    ) throws -> Int {
        siteCounter += 1
        let digits = String(siteCounter)
        let siteID =
            "\(Operators.prefixes[op])-\(tech.rawValue)-" + String(repeating: "0", count: max(0, 6 - digits.count))
            + digits
        try sites.writeFeature(
            geometry: .point(c),
            properties: [
                ("id", .string(siteID)), ("operator", .string(Operators.names[op])),
                ("technology", .string(tech.rawValue)), ("band", .string(band)),
                ("range_m", .int(Int64(radius.rounded()))),
            ])
        let techIndex = Technology.allCases.firstIndex(of: tech) ?? 0
        var written = 0
        if triSector {
            let azimuth = rng.uniform(0, 2 * Double.pi)
            for s in 0..<3 where written < maxCells {
                let r = radius * rng.uniform(0.9, 1.1)
                let a0 = azimuth + Double(s) * 2 * Double.pi / 3 - Double.pi / 3
                let k = rng.int(in: 23...63)
                var ring: Ring = [c]
                for t in 0..<k {
                    let a = a0 + (2 * Double.pi / 3) * Double(t) / Double(k - 1)
                    ring.append(Metres.offset(c, r * cos(a), r * sin(a)))
                }
                ring.append(c)
                try writeCell(ring, siteID: siteID, sector: s + 1, op: op, tech: tech, site: c, radius: r)
                written += 1
            }
        } else {
            let n = rng.int(in: 24...64)
            let phase = rng.uniform(0, 2 * Double.pi)
            var ring: Ring = []
            for t in 0..<n {
                let a = phase + 2 * Double.pi * Double(t) / Double(n)
                ring.append(Metres.offset(c, radius * cos(a), radius * sin(a)))
            }
            ring.append(ring[0])
            try writeCell(ring, siteID: siteID, sector: 0, op: op, tech: tech, site: c, radius: radius)
            written = 1
        }
        cellCounts[techIndex] += written
        return written
    }

    private mutating func writeCell(
        _ ring: Ring, siteID: String, sector: Int, op: Int, tech: Technology, site: Coordinate, radius: Double
    ) throws {
        recordedCells?.append(RecordedCell(ring: ring, site: site, radius: radius, operatorIndex: op, technology: tech))
        try coverage.writeFeature(
            geometry: .polygon(Polygon(closedRings: [ring])),
            properties: [
                ("id", .string("\(siteID)-\(sector)")), ("operator", .string(Operators.names[op])),
                ("technology", .string(tech.rawValue)), ("source", .string("predicted")),
                ("site_id", .string(siteID)),
            ])
    }

    /// A mast location: 40% in towns, 60% near hamlets (by households); never in poor-coverage communes.
    mutating func mastLocation(hamletCumulative: [Double], townCumulative: [Double]) -> (Coordinate, Int)? {
        for _ in 0..<50 {
            let c: Coordinate
            if rng.chance(0.4) {
                let t = layout.towns[rng.pick(cumulative: townCumulative)]
                let s = 1.5 * t.sigmaMetres
                c = Metres.offset(t.centre, rng.gaussian() * s, rng.gaussian() * s)
            } else {
                let h = hamlets[rng.pick(cumulative: hamletCumulative)]
                c = Metres.offset(h.position, rng.gaussian() * 300, rng.gaussian() * 300)
            }
            if let k = layout.lattice.commune(at: c), !poor[Int(k)] { return (c, Int(k)) }
        }
        return nil
    }

    /// Generates every technology's cells up to the parameter targets.
    mutating func run() throws {
        let hamletCumulative = cumulativeSums(hamlets.map { Double($0.households) })
        let townCumulative = cumulativeSums(layout.towns.map(\.weight))
        // Poor-coverage communes keep only one old 2G omni site at their centre.
        for (k, isPoor) in poor.enumerated() where isPoor && cellCounts[0] < params.cells2G {
            let h = hamlets.first { $0.commune == k }?.position ?? layout.communes[k].centre
            _ = try addSite(
                at: h, operatorIndex: 0, tech: .g2, radius: rng.uniform(2500, 4000), triSector: false,
                band: "900", maxCells: 1)
        }
        // 4G masts.
        while cellCounts[2] < params.cells4G {
            guard let (c, k) = mastLocation(hamletCumulative: hamletCumulative, townCumulative: townCumulative)
            else { throw GeneratorError(description: "no room for 4G sites") }
            let urban = layout.communes[k].urban
            let op = rng.pick(cumulative: Operators.share)
            masts.append(Mast(position: c, commune: k, urban: urban, operatorIndex: op))
            let radius = urban ? rng.uniform(700, 1800) : rng.uniform(1500, 4000)
            _ = try addSite(
                at: c, operatorIndex: op, tech: .g4, radius: radius,
                triSector: rng.chance(urban ? 0.8 : 0.65), band: rng.element(["1800", "1800", "2100", "2600", "700"]),
                maxCells: params.cells4G - cellCounts[2])
        }
        // 2G and 3G on existing masts.
        for (tech, target, band) in [(Technology.g3, params.cells3G, "2100"), (.g2, params.cells2G, "900")] {
            let ti = Technology.allCases.firstIndex(of: tech) ?? 0
            var m = 0
            while cellCounts[ti] < target && !masts.isEmpty {
                let mast = masts[m % masts.count]
                m += 1
                let radius =
                    tech == .g2
                    ? (mast.urban ? rng.uniform(1200, 2500) : rng.uniform(3000, 7000))
                    : (mast.urban ? rng.uniform(900, 2000) : rng.uniform(2000, 5000))
                let pos = Metres.offset(mast.position, rng.uniform(-15, 15), rng.uniform(-15, 15))
                _ = try addSite(
                    at: pos, operatorIndex: mast.operatorIndex, tech: tech, radius: radius,
                    triSector: rng.chance(0.5), band: band, maxCells: target - cellCounts[ti])
            }
        }
        // 5G: towns only, concentrated in the biggest.
        let w5 = cumulativeSums(layout.towns.map { pow($0.weight, 1.2) })
        var attempts = 0
        while cellCounts[3] < params.cells5G && attempts < params.cells5G * 100 {
            attempts += 1
            let t = layout.towns[rng.pick(cumulative: w5)]
            let s = 0.6 * t.sigmaMetres
            let c = Metres.offset(t.centre, rng.gaussian() * s, rng.gaussian() * s)
            guard let k = layout.lattice.commune(at: c), !poor[Int(k)] else { continue }
            let op = rng.pick(cumulative: Operators.share)
            _ = try addSite(
                at: c, operatorIndex: op, tech: .g5, radius: rng.uniform(300, 800),
                triSector: rng.chance(0.5), band: Operators.band5G[op],
                maxCells: params.cells5G - cellCounts[3])
        }
    }
}
