import CoverageFormats
import CoverageModel
import Foundation

/// Generates a synthetic territory and writes every `synthetic_*` file plus `generator.json`.
///
/// Deterministic: the same parameters (seed included) and generator version give byte-identical
/// files. Households are generated and written commune by commune, so memory stays bounded.
public func generateTerritory(
    _ params: GeneratorParameters, outputDirectory: URL, progress: ((String) -> Void)? = nil
) throws -> GenerationSummary {
    try generateTerritory(params, outputDirectory: outputDirectory, measurements: nil, progress: progress).summary
}

/// Generates a synthetic territory as `generateTerritory(_:outputDirectory:progress:)` does and, when
/// `measurements` asks for tests, its synthetic measurements (`measurements.csv`, `measurements-truth.json`,
/// optionally `speed-tiles.csv`); the territory's files are the same bytes either way.
public func generateTerritory(
    _ params: GeneratorParameters, outputDirectory: URL, measurements: MeasurementParameters?,
    progress: ((String) -> Void)? = nil
) throws -> (summary: GenerationSummary, truth: MeasurementTruth?) {
    try measurements?.validate()
    let measurements = measurements.flatMap { $0.count > 0 ? $0 : nil }
    let say: (String) -> Void = progress ?? { _ in }
    guard params.communes >= 2, params.households >= 0, params.latticeCellDegrees > 0,
        params.minHamletsPerCommune >= 1
    else { throw GeneratorError(description: "invalid generator parameters") }
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    let files = TerritoryFiles(directory: outputDirectory, params: params)
    var summary = GenerationSummary()

    // Communes.
    let layout = try CommuneLayout.build(params, progress: say)
    let nc = layout.communes.count
    let naming = Settlements.nameCommunes(layout, seed: params.seed)
    let communePolygons = try BoundaryTracer.polygons(layout.lattice, labelCount: nc)
    let regionPolygons = try BoundaryTracer.polygons(layout.lattice, labelCount: 1, regionOnly: true).first ?? []
    say("communes: \(nc) traced")

    let (poor, remote, fibreRanking) = RemoteCommunes.choose(layout, params)

    // Hamlets (with household allocations).
    var (hamlets, firstHamlet) = Settlements.hamlets(layout, naming: naming, remote: remote, params)
    let hubs = (0..<nc).map { hamlets[firstHamlet[$0]].position }

    // Cells: sites and coverage, streamed.
    let sitesWriter = try files.geojson("synthetic_sites.geojson", "cell sites")
    let coverageWriter = try files.geojson("synthetic_coverage.geojson", "predicted coverage")
    var planner = CellPlanner(
        layout: layout, hamlets: hamlets, poor: poor, params: params,
        sites: sitesWriter, coverage: coverageWriter)
    if measurements != nil { planner.recordedCells = [] }
    try planner.run()
    say("cells: \(planner.cellCounts) on \(planner.siteCounter) sites")

    // Network.
    var network = NetworkPlanner(layout: layout, hubs: hubs, params: params)
    network.plan(remoteRanking: fibreRanking, masts: planner.masts, hamlets: hamlets, firstHamlet: firstHamlet)
    say("network: \(network.routes.count) routes, \(network.nodes.count) nodes")

    let (province, communes) = try files.writeBoundaries(
        region: regionPolygons, communes: communePolygons, naming: naming, summary: &summary)

    // Households, streamed commune by commune.
    let (households, totals) = try Settlements.writeAllHouseholds(
        layout: layout, hamlets: &hamlets, firstHamlet: firstHamlet, seed: params.seed,
        to: files.path("synthetic_households.csv"), progress: say)
    let hamletWriter = try files.geojson("synthetic_hamlets.geojson", "hamlets")
    try TerritoryWriters.hamlets(hamlets, codes: naming.codes, to: hamletWriter)

    let institutions = try files.writeInstitutions(
        layout: layout, naming: naming, hamlets: hamlets, firstHamlet: firstHamlet, noFibre: network.noFibre,
        summary: &summary)

    // Routes and nodes.
    let routes = try files.geojson("synthetic_routes.geojson", "transmission routes")
    let nodes = try files.geojson("synthetic_nodes.geojson", "network nodes")
    try TerritoryWriters.network(network, routes: routes, nodes: nodes)

    // Close everything and summarise.
    try files.finish(
        [
            ("synthetic_province.geojson", province), ("synthetic_communes.geojson", communes),
            ("synthetic_hamlets.geojson", hamletWriter),
        ], into: &summary)
    try files.finish(
        [("synthetic_households.csv", households), ("synthetic_institutions.csv", institutions)], into: &summary)
    try files.finish(
        [
            ("synthetic_routes.geojson", routes), ("synthetic_nodes.geojson", nodes),
            ("synthetic_sites.geojson", sitesWriter), ("synthetic_coverage.geojson", coverageWriter),
        ], into: &summary)

    summary.count(
        layout: layout, hamlets: hamlets, totals: totals, planner: planner, network: network, poor: poor,
        codes: naming.codes)

    try writeGeneratorManifest(GeneratorManifest(parameters: params, summary: summary), to: outputDirectory)
    say("done: \(summary.households) households in \(totals.points) points")
    let truth = try measurements.map {
        try MeasurementGenerator(
            planner: planner, network: network, hamlets: hamlets, lattice: layout.lattice, seed: params.seed,
            parameters: $0
        ).write(to: outputDirectory, progress: say)
    }
    return (summary, truth)
}

/// The content of `generator.json`.
struct GeneratorManifest: Codable {
    var parameters: GeneratorParameters
    var summary: GenerationSummary
}

/// "R000042"-style identifiers (at least six digits).
func paddedID(_ prefix: String, _ n: Int) -> String {
    let digits = String(n)
    return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
}

/// The area of the region's lattice cells in km² (spherical approximation), rounded to 0.1.
func regionArea(_ lattice: Lattice) -> Double {
    var total = 0.0
    for j in 0..<lattice.height {
        var n = 0
        for i in 0..<lattice.width where lattice.labels[j * lattice.width + i] >= 0 { n += 1 }
        if n == 0 { continue }
        let lat = lattice.y0 + (Double(j) + 0.5) * lattice.dy
        total += Double(n) * lattice.dx * Metres.perDegreeLon(atLat: lat) * lattice.dy * Metres.perDegreeLat
    }
    return (total / 1e5).rounded() / 10
}
