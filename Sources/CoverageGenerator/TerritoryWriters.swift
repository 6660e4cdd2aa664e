import CoverageFormats
import CoverageModel

/// Which communes get poor mobile coverage or no fibre: the rural ones farthest from a town.
enum RemoteCommunes {
    /// Poor-coverage communes, remote communes (fewer hamlet households) and the no-fibre ranking.
    static func choose(
        _ layout: CommuneLayout, _ params: GeneratorParameters
    ) -> (poor: [Bool], remote: [Bool], fibreRanking: [Int]) {
        let nc = layout.communes.count
        var distanceToTown = [Double](repeating: 0, count: nc)
        for k in 0..<nc {
            distanceToTown[k] = layout.towns.map { Metres.distance($0.centre, layout.communes[k].centre) }.min() ?? 0
        }
        let ranking = (0..<nc).filter { !layout.communes[$0].urban && !layout.communes[$0].isEnclave }
            .sorted { distanceToTown[$0] != distanceToTown[$1] ? distanceToTown[$0] > distanceToTown[$1] : $0 < $1 }
        var poor = [Bool](repeating: false, count: nc)
        for k in ranking.prefix(params.poorCoverageCommunes) { poor[k] = true }
        var remote = [Bool](repeating: false, count: nc)
        for k in ranking.prefix(2 * (params.poorCoverageCommunes + params.communesWithoutFibre)) { remote[k] = true }
        // No-fibre candidates: interleave with poor coverage so some communes lack both.
        return (poor, remote, Array(ranking.dropFirst(params.poorCoverageCommunes / 2)))
    }
}

/// Writers shared by the generated and the real-boundary territories.
enum TerritoryWriters {
    /// Writes the hamlets as points with their commune code and counts.
    static func hamlets(_ hamlets: [GeneratedHamlet], codes: [String], to writer: GeoJSONWriter) throws {
        for h in hamlets {
            try writer.writeFeature(
                geometry: .point(h.position),
                properties: [
                    ("code", .string(h.code)), ("name", .string(h.name)), ("commune_code", .string(codes[h.commune])),
                    ("households", .int(Int64(h.households))), ("population", .int(Int64(h.population))),
                ])
        }
    }

    /// Writes the planned routes and nodes.
    static func network(_ network: NetworkPlanner, routes: GeoJSONWriter, nodes: GeoJSONWriter) throws {
        for (i, r) in network.routes.enumerated() {
            try routes.writeFeature(
                geometry: .lineString(r.line),
                properties: [
                    ("id", .string(paddedID("R", i + 1))), ("operator", .string(Operators.names[r.operatorIndex])),
                    ("medium", .string(r.medium.rawValue)), ("level", .string(r.level.rawValue)),
                    ("status", .string(r.status.rawValue)), ("capacity", .string(r.capacity)),
                ])
        }
        for (i, n) in network.nodes.enumerated() {
            try nodes.writeFeature(
                geometry: .point(n.position),
                properties: [
                    ("id", .string(paddedID("N", i + 1))), ("kind", .string(n.kind.rawValue)),
                    ("operator", .string(Operators.names[n.operatorIndex])), ("status", .string(n.status.rawValue)),
                ])
        }
    }
}

extension GenerationSummary {
    /// Fills the counts of a generated territory (files are recorded by the caller).
    mutating func count(
        layout: CommuneLayout, hamlets: [GeneratedHamlet], totals: (points: Int, units: Int, persons: Int),
        planner: CellPlanner, network: NetworkPlanner, poor: [Bool], codes: [String]
    ) {
        let nc = layout.communes.count
        communes = nc
        towns = layout.towns.count
        self.hamlets = hamlets.count
        householdPoints = totals.points
        households = totals.units
        persons = totals.persons
        routes = network.routes.count
        nodes = network.nodes.count
        sites = planner.siteCounter
        (cells2G, cells3G, cells4G, cells5G) = (
            planner.cellCounts[0], planner.cellCounts[1], planner.cellCounts[2], planner.cellCounts[3]
        )
        poorCoverageCommuneCodes = (0..<nc).filter { poor[$0] }.map { codes[$0] }
        communesWithoutFibreCodes = (0..<nc).filter { network.noFibre[$0] }.map { codes[$0] }
        regionAreaKm2 = regionArea(layout.lattice)
    }
}
