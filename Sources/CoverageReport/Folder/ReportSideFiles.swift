import CoverageAnalysis
import CoverageFormats
import CoverageModel
import CoverageStore

/// The report folder's files that need no audit, encoded into memory on a thread of its own (with
/// its own read-only connection: a `Store` serves one thread at a time) while the caller audits
/// the claims and writes report.html, report.md and coverage.json.
struct ReportSideFiles: Sendable {
    /// The files' bytes by name, report.gpkg included.
    typealias Encoded = [(file: String, bytes: [UInt8])]

    /// The store to open read-only.
    var storePath: String
    /// The folder that takes GDAL's hidden scratch GeoPackage (it exists before the job starts).
    var scratchFolder: String
    /// Everything but the audit (none of these files shows it).
    var inputs: ReportInputs

    /// The files, or the first error raised.
    @Sendable func run() -> Result<Encoded, any Error> {
        Result {
            let store = try Store.open(at: storePath, readOnly: true)
            return try tables(store) + (try storeLayers(store)) + [("report.gpkg", try geoPackage(store))]
        }
    }

    /// The per-commune and per-operator tables, the communes layer and the evidence exports.
    private func tables(_ store: Store) throws -> Encoded {
        let result = inputs.result
        let units = try store.adminUnits(vintage: result.parameters.vintage, level: .commune)
        let geometries = Dictionary(units.map { ($0.code, $0.geometry) }, uniquingKeysWith: { a, _ in a })
        let label = Self.syntheticLabel(inputs.inventory.syntheticLayers)
        var out: Encoded = []
        out.append(("communes.csv", try Self.bytes { try CoverageCSV.write(result, to: $0, excel: true) }))
        out.append(("operators.csv", try Self.bytes { try CoverageCSV.writeOperators(result, to: $0, excel: true) }))
        out.append(
            (
                "communes.geojson",
                try Self.bytes {
                    try CoverageGeoJSON.write(result, geometries: geometries, to: $0, commonProperties: label)
                }
            ))
        guard let evidence = inputs.evidence else { return out }
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        out.append(
            (
                "evidence.csv",
                try Self.bytes { try EvidenceExports.writeCSV(evidence.result, names: names, to: $0, excel: true) }
            ))
        out.append(
            (
                "challenge_candidates.geojson",
                try Self.bytes { sink in
                    let writer = GeoJSONWriter(
                        sink: sink, precision: 7, collectionMembers: [("name", .string("challenge_candidates"))])
                    writer.commonProperties = label
                    try EvidenceExports.writeCells(
                        evidence.result.challengeCandidates, tests: evidence.candidateTests, to: writer)
                    try writer.finish()
                }
            ))
        return out
    }

    /// The store's layers of the folder (gap clusters, gap areas, routes) as GeoJSON.
    private func storeLayers(_ store: Store) throws -> Encoded {
        let label = Self.syntheticLabel(inputs.inventory.syntheticLayers)
        return try [
            (ExportLayer.gapClusters, "gap_clusters.geojson"), (.gapAreas, "gap_areas.geojson"),
            (.routes, "routes.geojson"),
        ].map { layer, file in
            (
                file,
                try Self.bytes { sink in
                    let writer = GeoJSONWriter(
                        sink: sink, precision: 7, collectionMembers: [("name", .string(layer.rawValue))])
                    writer.commonProperties = label
                    try LayerExport.write(layer, from: store, to: writer)
                    try writer.finish()
                }
            )
        }
    }

    /// report.gpkg, written by GDAL to a scratch file and read back.
    private func geoPackage(_ store: Store) throws -> [UInt8] {
        try GeoPackageExport.encode(
            store: store, scratchFolder: scratchFolder, mapTechnology: inputs.mapTechnology, breaks: inputs.breaks,
            evidence: inputs.evidence
        ).0
    }

    /// The bytes `write` puts into an in-memory sink.
    private static func bytes(_ write: (ByteSink) throws -> Void) throws -> [UInt8] {
        let sink = ByteSink()
        try write(sink)
        return sink.buffer
    }

    /// The property every GeoJSON feature of the folder carries when some inputs are synthetic.
    static func syntheticLabel(_ synthetic: [String]) -> [(String, JSONScalar)] {
        synthetic.isEmpty ? [] : [("synthetic_inputs", .string(synthetic.joined(separator: ",")))]
    }
}
