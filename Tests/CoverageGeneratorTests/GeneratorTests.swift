import CoverageFormats
import CoverageGenerator
import Foundation
import Testing

@Suite("Synthetic territory generator")
struct GeneratorTests {
    static let fileNames = [
        "synthetic_province.geojson", "synthetic_communes.geojson", "synthetic_hamlets.geojson",
        "synthetic_households.csv", "synthetic_institutions.csv", "synthetic_routes.geojson",
        "synthetic_nodes.geojson", "synthetic_sites.geojson", "synthetic_coverage.geojson", "generator.json",
    ]

    @Test("same seed gives byte-identical files; another seed gives different files")
    func determinism() throws {
        let (a, _) = try GeneratedFiles.generate(.demo, seed: 7)
        let (b, _) = try GeneratedFiles.generate(.demo, seed: 7)
        let (c, _) = try GeneratedFiles.generate(.demo, seed: 8)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        for name in Self.fileNames {
            let da = try Data(contentsOf: a.appendingPathComponent(name))
            let db = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(da == db, "\(name) differs between two runs with the same seed")
            #expect(!da.isEmpty)
        }
        for name in ["synthetic_communes.geojson", "synthetic_households.csv", "synthetic_coverage.geojson"] {
            let da = try Data(contentsOf: a.appendingPathComponent(name))
            let dc = try Data(contentsOf: c.appendingPathComponent(name))
            #expect(da != dc, "\(name) is the same for seeds 7 and 8")
        }
    }

    static func within(_ value: Int, _ target: Int, _ tolerance: Double = 0.05) -> Bool {
        abs(Double(value - target)) <= tolerance * Double(target)
    }

    @Test("counts are within 5% of the scale targets", arguments: [Scale.demo, .province])
    func counts(scale: Scale) throws {
        let p = GeneratorParameters.defaults(for: scale, seed: 2024)
        let (dir, s) = try GeneratedFiles.generate(scale, seed: 2024)
        defer { try? FileManager.default.removeItem(at: dir) }
        let communes = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_communes.geojson"))
        #expect(Self.within(communes.count, p.communes))
        #expect(s.communes == communes.count)
        let households = try GeneratedFiles.csvRows(dir.appendingPathComponent("synthetic_households.csv"))
        let unitSum = households.reduce(0) { $0 + (Int($1[3]) ?? 0) }
        #expect(Self.within(unitSum, p.households), "households \(unitSum)")
        #expect(households.count == s.householdPoints)
        for row in households.prefix(20_000) {
            #expect(row.count == 5)
            let units = Int(row[3]) ?? 0, persons = Int(row[4]) ?? 0
            #expect((1...3).contains(units) && (1...8).contains(persons))
        }
        let coverage = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_coverage.geojson"))
        func cells(_ tech: String) -> Int { coverage.filter { $0.properties["technology"] as? String == tech }.count }
        #expect(Self.within(cells("4G"), p.cells4G), "4G \(cells("4G"))")
        #expect(Self.within(cells("5G"), p.cells5G), "5G \(cells("5G"))")
        #expect(cells("2G") > 0 && cells("3G") > 0)
        for f in coverage.prefix(2_000) {
            let ring = (f.geometry["coordinates"] as? [[[Double]]])?.first ?? []
            #expect((25...65).contains(ring.count), "coverage ring of \(ring.count) positions")
            #expect(f.properties["source"] as? String == "predicted")
        }
        let routes = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_routes.geojson"))
        #expect(Self.within(routes.count, p.routes), "routes \(routes.count)")
        let media = Set(routes.compactMap { $0.properties["medium"] as? String })
        #expect(media.isSuperset(of: ["fibre", "microwave"]))
        #expect(routes.contains { $0.properties["status"] as? String == "planned" })
        #expect(
            Set(routes.compactMap { $0.properties["level"] as? String }) == ["backbone", "intra-province", "access"])
        let hamlets = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_hamlets.geojson"))
        var perCommune: [String: Int] = [:]
        for h in hamlets { perCommune[h.properties["commune_code"] as? String ?? "", default: 0] += 1 }
        #expect(perCommune.count == communes.count)
        #expect(perCommune.values.allSatisfy { (8...15).contains($0) })
        #expect(hamlets.reduce(0) { $0 + ($1.properties["households"] as? Int ?? 0) } == unitSum)
        let nodes = try GeneratedFiles.features(dir.appendingPathComponent("synthetic_nodes.geojson"))
        #expect(Set(nodes.compactMap { $0.properties["kind"] as? String }).isSuperset(of: ["pop", "olt", "splice"]))
        let institutions = try String(
            contentsOf: dir.appendingPathComponent("synthetic_institutions.csv"), encoding: .utf8)
        #expect(institutions.hasPrefix("id,kind,name,lon,lat,connection,evidence\n"))
        #expect(!s.communesWithoutFibreCodes.isEmpty && !s.poorCoverageCommuneCodes.isEmpty)
        // Labelled synthetic, codes and names.
        let text = try String(contentsOf: dir.appendingPathComponent("synthetic_communes.geojson"), encoding: .utf8)
        #expect(text.hasPrefix("{\"type\":\"FeatureCollection\",\"name\":\"synthetic "))
        for c in communes {
            let code = c.properties["code"] as? String ?? ""
            #expect(code.count == 5 && code.allSatisfy(\.isNumber))
            #expect(c.properties["parent_code"] as? String == "99")
            #expect(c.properties["level"] as? String == "commune")
            let name = c.properties["name"] as? String ?? ""
            #expect(name.hasPrefix("Xã ") || name.hasPrefix("Phường "))
        }
        #expect(Set(communes.compactMap { $0.properties["name"] as? String }).count == communes.count)
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: dir.appendingPathComponent("generator.json")))
        #expect((manifest as? [String: Any])?["parameters"] != nil)
        if scale == .demo {
            let total = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.fileSizeKey])
                .reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
            #expect(total < 5_000_000, "demo output is \(total) bytes")
        }
    }
}
