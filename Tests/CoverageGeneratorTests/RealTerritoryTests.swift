import CoverageFormats
import CoverageGenerator
import CoverageTestSupport
import Foundation
import SpatialSQL
import Testing

/// The layers generated on the real communes of Thái Nguyên (GeoData/thai-nguyen).
@Suite("Generator on a real territory")
struct RealTerritoryTests {
    static func territory() throws -> RealTerritory { try RealTerritory.load(from: TestPaths.refdata) }

    /// Sums a CSV column per key column.
    static func sums(_ file: String, key: String, value: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        try CSVReader(path: TestPaths.refdata.appendingPathComponent(file).path).forEachRecord { r in
            out[r[key] ?? "", default: 0] += Double(r[value] ?? "") ?? 0
        }
        return out
    }

    @Test("census households reach every 2025 commune and keep the published province total")
    func censusRollup() throws {
        let t = try Self.territory()
        #expect(t.name == "Thái Nguyên")
        #expect(t.communes.count == 92)
        #expect(Set(t.communes.map(\.code)).count == 92)
        #expect(t.communes.filter(\.urban).count == 15)
        // The 2019 census counted 442,071 households in the two former provinces: summed here from the
        // raw GADM-keyed table (household-size columns), independently of the derived per-code file.
        var raw = 0.0
        let sizeColumns = [
            "urban_1", "urban_2", "urban_3", "urban_4", "urban_5", "rural_1_2", "rural_3", "rural_4", "rural_5",
        ]
        try CSVReader(path: TestPaths.refdata.appendingPathComponent("tn_bk_households_2019_census_ward.csv").path)
            .forEachRecord { r in for c in sizeColumns { raw += Double(r[c] ?? "") ?? 0 } }
        #expect(raw == 442_071)
        #expect(t.communes.map(\.households).reduce(0, +) == 442_071)
        // A commune made only of whole old communes gets exactly their census households.
        let census = try Self.sums("census_2019_pre2025.csv", key: "code", value: "households")
        var olds: [String: [String]] = [:]
        var split = Set<String>()
        try CSVReader(path: TestPaths.refdata.appendingPathComponent("tn_commune_mapping_pre2025_to_2025.csv").path)
            .forEachRecord { r in
                olds[r["new_code"] ?? "", default: []].append(r["old_code"] ?? "")
                if r["merge_type"] == "partial" { split.insert(r["old_code"] ?? "") }
            }
        var checked = 0
        for c in t.communes where !(olds[c.code] ?? []).contains(where: split.contains) {
            #expect(Double(c.households) == (olds[c.code] ?? []).map { census[$0] ?? 0 }.reduce(0, +), "\(c.code)")
            checked += 1
        }
        #expect(checked > 80)
    }

    @Test("generated households match each commune's census and lie inside it; reruns are byte-identical")
    func generatedLayers() throws {
        let t = try Self.territory()
        let params = GeneratorParameters.onTerritory(t, seed: 11)
        let dir = try FixtureDirectory("real-territory")
        let a = dir.url.appendingPathComponent("a"), b = dir.url.appendingPathComponent("b")
        let summary = try generateOnTerritory(t, params, outputDirectory: a)
        _ = try generateOnTerritory(t, params, outputDirectory: b)
        for name in realTerritorySyntheticFiles + ["generator.json"] {
            #expect(
                try Data(contentsOf: a.appendingPathComponent(name))
                    == Data(contentsOf: b.appendingPathComponent(name)),
                "\(name) differs between two runs")
        }
        #expect(summary.households == 442_071)
        #expect(summary.communes == 92)
        #expect(summary.routes == params.routes)

        // Hamlet households per commune are the census targets.
        var perCommune: [String: Int] = [:]
        try GeoJSONReader(path: a.appendingPathComponent("synthetic_hamlets.geojson").path).forEachFeature { f in
            perCommune[f.properties["commune_code"]?.text ?? "", default: 0] += Int(
                f.properties["households"]?.number ?? 0)
        }
        for c in t.communes { #expect(perCommune[c.code] == c.households, "\(c.code)") }

        // Households are written commune by commune: attribute rows by the running total, and check a
        // sample against the real polygon with GEOS (SpatiaLite ST_Within).
        let store = try dir.storeWithRealCommunes()
        let db = try Connection(path: store.path, mode: .readOnly)
        var commune = 0, remaining = t.communes[0].households, row = 0, sampled = 0
        try CSVReader(path: a.appendingPathComponent("synthetic_households.csv").path).forEachRecord { r in
            while remaining == 0 && commune + 1 < t.communes.count {
                commune += 1
                remaining = t.communes[commune].households
            }
            remaining -= Int(r["households"] ?? "") ?? 0
            row += 1
            guard row % 97 == 0, let lon = Double(r["lon"] ?? ""), let lat = Double(r["lat"] ?? "") else { return }
            let inside = try db.rows(
                """
                SELECT code FROM admin_units WHERE MbrWithin(MakePoint(?, ?, 4326), geom)
                AND ST_Within(MakePoint(?, ?, 4326), geom) = 1
                """, [lon, lat, lon, lat]
            ) { $0.text(0) ?? "" }
            #expect(inside == [t.communes[commune].code], "household row \(row) at \(lon),\(lat)")
            sampled += 1
        }
        #expect(sampled > 4_000)

        // Every institution row is labelled with its origin; the real ones keep their OSM ids.
        var origins: [String: Int] = [:]
        try CSVReader(path: a.appendingPathComponent("synthetic_institutions.csv").path).forEachRecord { r in
            origins[r["origin"] ?? "", default: 0] += 1
            if r["origin"] == "OpenStreetMap" { #expect(r["id"]?.hasPrefix("OSM-") == true) }
        }
        #expect(origins["synthetic"] == 2 * 92)
        #expect(origins["OpenStreetMap"] == 297 + 8 + 5 + 3 + 5 + 3 + 2 + 6)
    }
}
