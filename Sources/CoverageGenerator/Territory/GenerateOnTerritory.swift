import CoverageFormats
import CoverageModel
import Foundation

/// The synthetic files written for a real territory (its communes come from the real file).
public let realTerritorySyntheticFiles = [
    "synthetic_hamlets.geojson", "synthetic_households.csv", "synthetic_institutions.csv",
    "synthetic_routes.geojson", "synthetic_nodes.geojson", "synthetic_sites.geojson", "synthetic_coverage.geojson",
]

/// Generates the layers with no public source on a real territory's communes.
///
/// Writes them with `generator.json`: hamlets and households (each commune's census count, hamlets near roads), cells
/// and their coverage, routes (backbone along the roads) and nodes, and institutions (the real schools,
/// clinics and town halls plus a commune office and health station per commune) with synthetic
/// connections. Deterministic like `generateTerritory`.
public func generateOnTerritory(
    _ territory: RealTerritory, _ params: GeneratorParameters, outputDirectory: URL,
    progress: ((String) -> Void)? = nil
) throws -> GenerationSummary {
    try generateOnTerritory(
        territory, params, outputDirectory: outputDirectory, measurements: nil, progress: progress
    ).summary
}

/// Generates the layers of a real territory as `generateOnTerritory(_:_:outputDirectory:progress:)` does and,
/// when `measurements` asks for tests, synthetic measurements on them (see `generateTerritory`).
public func generateOnTerritory(
    _ territory: RealTerritory, _ params: GeneratorParameters, outputDirectory: URL,
    measurements: MeasurementParameters?, progress: ((String) -> Void)? = nil
) throws -> (summary: GenerationSummary, truth: MeasurementTruth?) {
    try measurements?.validate()
    let measurements = measurements.flatMap { $0.count > 0 ? $0 : nil }
    let say: (String) -> Void = progress ?? { _ in }
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    func path(_ name: String) -> String { outputDirectory.appendingPathComponent(name).path }
    let label = "covaudit generator v\(params.generatorVersion), \(territory.name), seed \(params.seed)"
    func geojson(_ name: String, _ what: String) throws -> GeoJSONWriter {
        try GeoJSONWriter(
            path: path(name), precision: 7, collectionMembers: [("name", .string("synthetic \(what) (\(label))"))])
    }
    let layout = try RasterLayout.build(
        territory, cellDegrees: params.latticeCellDegrees, seed: SplitMix64.hash(params.seed, 77))
    let nc = layout.communes.count
    let naming = CommuneNaming(
        names: territory.communes.map(\.name), baseNames: territory.communes.map { baseName($0.name) },
        codes: territory.communes.map(\.code))
    say("communes: \(nc) on \(layout.cells.count) whole cells of \(params.latticeCellDegrees)°")
    let (poor, remote, fibreRanking) = RemoteCommunes.choose(layout, params)
    var (hamlets, firstHamlet) = Settlements.hamlets(
        layout, naming: naming, remote: remote, params, householdsPerCommune: territory.communes.map(\.households))
    let hubs = (0..<nc).map { hamlets[firstHamlet[$0]].position }

    let sitesWriter = try geojson("synthetic_sites.geojson", "cell sites")
    let coverageWriter = try geojson("synthetic_coverage.geojson", "predicted coverage")
    var planner = CellPlanner(
        layout: layout, hamlets: hamlets, poor: poor, params: params, sites: sitesWriter, coverage: coverageWriter)
    if measurements != nil { planner.recordedCells = [] }
    try planner.run()
    say("cells: \(planner.cellCounts) on \(planner.siteCounter) sites")
    var network = NetworkPlanner(layout: layout, hubs: hubs, params: params)
    network.plan(
        remoteRanking: fibreRanking, masts: planner.masts, hamlets: hamlets, firstHamlet: firstHamlet,
        roads: territory.roads)
    say("network: \(network.routes.count) routes, \(network.nodes.count) nodes")

    var summary = GenerationSummary()
    let (households, totals) = try Settlements.writeAllHouseholds(
        layout: layout, hamlets: &hamlets, firstHamlet: firstHamlet, seed: params.seed,
        to: path("synthetic_households.csv"), progress: say)
    let hamletWriter = try geojson("synthetic_hamlets.geojson", "hamlets")
    try TerritoryWriters.hamlets(hamlets, codes: naming.codes, to: hamletWriter)
    let institutions = try CSVWriter(
        path: path("synthetic_institutions.csv"),
        header: ["id", "kind", "name", "lon", "lat", "connection", "evidence", "origin"])
    summary.institutions = try RealInstitutions.write(
        territory, layout: layout, naming: naming, hubs: hubs, noFibre: network.noFibre, seed: params.seed,
        writer: institutions)
    let routes = try geojson("synthetic_routes.geojson", "transmission routes")
    let nodes = try geojson("synthetic_nodes.geojson", "network nodes")
    try TerritoryWriters.network(network, routes: routes, nodes: nodes)

    for (name, writer) in [
        ("synthetic_hamlets.geojson", hamletWriter), ("synthetic_routes.geojson", routes),
        ("synthetic_nodes.geojson", nodes), ("synthetic_sites.geojson", sitesWriter),
        ("synthetic_coverage.geojson", coverageWriter),
    ] {
        let bytes = try writer.finish()
        summary.files.append(
            FileSummary(name: name, records: writer.featureCount, vertices: writer.vertexCount, bytes: bytes))
    }
    for (name, writer) in [("synthetic_households.csv", households), ("synthetic_institutions.csv", institutions)] {
        let bytes = try writer.finish()
        summary.files.append(FileSummary(name: name, records: writer.rowCount, vertices: 0, bytes: bytes))
    }
    summary.files.sort { $0.name < $1.name }
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

/// A commune's name without its unit word ("Phường Phan Đình Phùng" → "Phan Đình Phùng").
func baseName(_ name: String) -> String {
    for prefix in ["Phường ", "Xã ", "Thị trấn "] where name.hasPrefix(prefix) {
        return String(name.dropFirst(prefix.count))
    }
    return name
}

/// Writes `generator.json` (sorted keys, pretty, newline-terminated).
func writeGeneratorManifest(_ manifest: GeneratorManifest, to directory: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var data = try encoder.encode(manifest)
    data.append(0x0A)
    try OutputFile.write(data, to: directory.appendingPathComponent("generator.json").path)
}
