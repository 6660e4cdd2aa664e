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
    let say: (String) -> Void = progress ?? { _ in }
    guard params.communes >= 2, params.households >= 0, params.latticeCellDegrees > 0,
        params.minHamletsPerCommune >= 1
    else { throw GeneratorError(description: "invalid generator parameters") }
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    func path(_ name: String) -> String { outputDirectory.appendingPathComponent(name).path }
    let label = "covaudit generator v\(params.generatorVersion), scale \(params.scale.rawValue), seed \(params.seed)"
    func geojson(_ name: String, _ what: String) throws -> GeoJSONWriter {
        try GeoJSONWriter(
            path: path(name), precision: 7,
            collectionMembers: [("name", .string("synthetic \(what) (\(label))"))])
    }
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
    let sitesWriter = try geojson("synthetic_sites.geojson", "cell sites")
    let coverageWriter = try geojson("synthetic_coverage.geojson", "predicted coverage")
    var planner = CellPlanner(
        layout: layout, hamlets: hamlets, poor: poor, params: params,
        sites: sitesWriter, coverage: coverageWriter)
    try planner.run()
    say("cells: \(planner.cellCounts) on \(planner.siteCounter) sites")

    // Network.
    var network = NetworkPlanner(layout: layout, hubs: hubs, params: params)
    network.plan(remoteRanking: fibreRanking, masts: planner.masts, hamlets: hamlets, firstHamlet: firstHamlet)
    say("network: \(network.routes.count) routes, \(network.nodes.count) nodes")

    // Province and communes.
    let province = try geojson("synthetic_province.geojson", "province")
    try province.writeFeature(
        geometry: .multiPolygon(regionPolygons),
        properties: [
            ("code", "99"), ("name", .string(params.scale == .national ? "Quốc gia Tổng Hợp" : "Tỉnh Tổng Hợp")),
            ("level", "province"),
        ])
    let communes = try geojson("synthetic_communes.geojson", "communes")
    for k in 0..<nc {
        let polys = communePolygons[k]
        if polys.count > 1 { summary.multiPolygonCommunes += 1 }
        if polys.contains(where: { $0.rings.count > 1 }) { summary.communesWithHoles += 1 }
        try communes.writeFeature(
            geometry: .multiPolygon(polys),
            properties: [
                ("code", .string(naming.codes[k])), ("name", .string(naming.names[k])), ("level", "commune"),
                ("parent_code", "99"),
            ])
    }

    // Households, streamed commune by commune.
    let (households, totals) = try Settlements.writeAllHouseholds(
        layout: layout, hamlets: &hamlets, firstHamlet: firstHamlet, seed: params.seed,
        to: path("synthetic_households.csv"), progress: say)
    let hamletWriter = try geojson("synthetic_hamlets.geojson", "hamlets")
    try TerritoryWriters.hamlets(hamlets, codes: naming.codes, to: hamletWriter)

    // Institutions.
    let institutions = try CSVWriter(
        path: path("synthetic_institutions.csv"),
        header: ["id", "kind", "name", "lon", "lat", "connection", "evidence"])
    var nextInstitution = 1
    for k in 0..<nc {
        summary.institutions += try Institutions.write(
            commune: k, layout: layout, naming: naming, hamlets: hamlets[firstHamlet[k]..<firstHamlet[k + 1]],
            noFibre: network.noFibre[k], seed: params.seed, nextID: &nextInstitution, writer: institutions)
    }

    // Routes and nodes.
    let routes = try geojson("synthetic_routes.geojson", "transmission routes")
    let nodes = try geojson("synthetic_nodes.geojson", "network nodes")
    try TerritoryWriters.network(network, routes: routes, nodes: nodes)

    // Close everything and summarise.
    func record(_ name: String, _ w: GeoJSONWriter) throws {
        let bytes = try w.finish()
        summary.files.append(FileSummary(name: name, records: w.featureCount, vertices: w.vertexCount, bytes: bytes))
    }
    func record(_ name: String, _ w: CSVWriter) throws {
        let bytes = try w.finish()
        summary.files.append(FileSummary(name: name, records: w.rowCount, vertices: 0, bytes: bytes))
    }
    try record("synthetic_province.geojson", province)
    try record("synthetic_communes.geojson", communes)
    try record("synthetic_hamlets.geojson", hamletWriter)
    try record("synthetic_households.csv", households)
    try record("synthetic_institutions.csv", institutions)
    try record("synthetic_routes.geojson", routes)
    try record("synthetic_nodes.geojson", nodes)
    try record("synthetic_sites.geojson", sitesWriter)
    try record("synthetic_coverage.geojson", coverageWriter)

    summary.count(
        layout: layout, hamlets: hamlets, totals: totals, planner: planner, network: network, poor: poor,
        codes: naming.codes)

    try writeGeneratorManifest(GeneratorManifest(parameters: params, summary: summary), to: outputDirectory)
    say("done: \(summary.households) households in \(totals.points) points")
    return summary
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
