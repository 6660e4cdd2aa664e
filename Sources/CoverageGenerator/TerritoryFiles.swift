import CoverageFormats
import CoverageModel
import Foundation

/// The files of one fictional territory: their paths, their writers, and the steps that write the
/// boundaries and institutions and close every file into the summary.
struct TerritoryFiles {
    let directory: URL
    let params: GeneratorParameters

    /// The label every GeoJSON collection carries: generator version, scale and seed.
    var label: String {
        "covaudit generator v\(params.generatorVersion), scale \(params.scale.rawValue), seed \(params.seed)"
    }

    /// The path of a file in the output folder.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A GeoJSON writer for `name`, its collection named "synthetic WHAT (label)".
    func geojson(_ name: String, _ what: String) throws -> GeoJSONWriter {
        try GeoJSONWriter(
            path: path(name), precision: 7, collectionMembers: [("name", .string("synthetic \(what) (\(label))"))])
    }

    /// Writes the province outline and the communes (counting multi-part communes and holes).
    func writeBoundaries(
        region: [Polygon], communes polygons: [[Polygon]], naming: CommuneNaming, summary: inout GenerationSummary
    ) throws -> (province: GeoJSONWriter, communes: GeoJSONWriter) {
        let province = try geojson("synthetic_province.geojson", "province")
        try province.writeFeature(
            geometry: .multiPolygon(region),
            properties: [
                ("code", "99"), ("name", .string(params.scale == .national ? "Quốc gia Tổng Hợp" : "Tỉnh Tổng Hợp")),
                ("level", "province"),
            ])
        let communes = try geojson("synthetic_communes.geojson", "communes")
        for (k, polys) in polygons.enumerated() {
            if polys.count > 1 { summary.multiPolygonCommunes += 1 }
            if polys.contains(where: { $0.rings.count > 1 }) { summary.communesWithHoles += 1 }
            try communes.writeFeature(
                geometry: .multiPolygon(polys),
                properties: [
                    ("code", .string(naming.codes[k])), ("name", .string(naming.names[k])), ("level", "commune"),
                    ("parent_code", "99"),
                ])
        }
        return (province, communes)
    }

    /// Writes the institutions of every commune (schools, clinics, offices near its hamlets).
    func writeInstitutions(
        layout: CommuneLayout, naming: CommuneNaming, hamlets: [GeneratedHamlet], firstHamlet: [Int],
        noFibre: [Bool], summary: inout GenerationSummary
    ) throws -> CSVWriter {
        let institutions = try CSVWriter(
            path: path("synthetic_institutions.csv"),
            header: ["id", "kind", "name", "lon", "lat", "connection", "evidence"])
        var nextInstitution = 1
        for k in 0..<layout.communes.count {
            summary.institutions += try Institutions.write(
                commune: k, layout: layout, naming: naming, hamlets: hamlets[firstHamlet[k]..<firstHamlet[k + 1]],
                noFibre: noFibre[k], seed: params.seed, nextID: &nextInstitution, writer: institutions)
        }
        return institutions
    }

    /// Closes GeoJSON files in order and records each in the summary.
    func finish(_ writers: [(String, GeoJSONWriter)], into summary: inout GenerationSummary) throws {
        for (name, w) in writers {
            let bytes = try w.finish()
            summary.files.append(
                FileSummary(name: name, records: w.featureCount, vertices: w.vertexCount, bytes: bytes))
        }
    }

    /// Closes CSV files in order and records each in the summary.
    func finish(_ writers: [(String, CSVWriter)], into summary: inout GenerationSummary) throws {
        for (name, w) in writers {
            let bytes = try w.finish()
            summary.files.append(FileSummary(name: name, records: w.rowCount, vertices: 0, bytes: bytes))
        }
    }
}
