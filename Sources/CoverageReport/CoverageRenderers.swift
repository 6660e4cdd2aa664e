import CoverageAnalysis
import CoverageFormats
import CoverageModel
import Foundation

/// Writes a coverage result as CSV (province row first, then the units).
public enum CoverageCSV {
    public static func write(_ result: CoverageResult, to sink: ByteSink) throws {
        let rows = [result.province] + result.units
        let header = UnitColumns.columns(result.province, measures: result.parameters.technologies).map(\.0)
        let writer = CSVWriter(sink: sink, header: header)
        for u in rows { try writer.writeRow(UnitColumns.columns(u, measures: result.parameters.technologies).map(\.1)) }
        _ = try writer.finish()
    }
}

/// Writes a coverage result as GeoJSON: each unit's geometry with its flattened figures.
public enum CoverageGeoJSON {
    /// - Parameter geometries: unit geometry by code (hamlets: their area or point).
    ///   - commonProperties: added to every feature (e.g. which inputs are synthetic).
    public static func write(
        _ result: CoverageResult, geometries: [String: Geometry], to sink: ByteSink,
        commonProperties: [(String, JSONScalar)] = []
    ) throws {
        let writer = GeoJSONWriter(
            sink: sink, precision: 6,
            collectionMembers: [
                ("name", .string("covaudit_coverage")), ("run_id", result.runID.map { .int($0) } ?? .null),
            ])
        writer.commonProperties = commonProperties
        for u in result.units {
            try writer.writeFeature(
                geometry: geometries[u.code],
                properties: UnitColumns.columns(u, measures: result.parameters.technologies),
                id: .string(u.code))
        }
        _ = try writer.finish()
    }
}

/// Encodes results as pretty, key-sorted JSON.
public enum ReportJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Renders a coverage result as plain-text tables.
public enum CoverageTable {
    public static func render(_ r: CoverageResult) -> String {
        let measures = r.parameters.technologies
        var out = ""
        let p = r.parameters
        out += "coverage of \(r.province.name) (vintage \(p.vintage ?? "?"), \(p.grouping.rawValue) level)"
        out += "; fibre reach \(Formatting.fixed(p.fibreDistanceMetres, 0)) m straight-line"
        out += p.includePlanned ? " incl. planned" : ", active only"
        out += "; hamlet rule \(p.hamletRule)"
        if let op = p.operatorName { out += "; operator \(op)" }
        out += "\n\n"
        var header = ["code", "name", "households"]
        for m in measures { header.append("\(m.rawValue) hh") }
        for m in measures where p.computeAreas { header.append("\(m.rawValue) area") }
        var t = TextTable(header, numeric: Set(2..<header.count))
        for u in [r.province] + r.units {
            var row = [u.code, u.name, Formatting.grouped(u.households)]
            for m in measures {
                let f = u.coverage[m.rawValue]
                row.append(f?.available == false ? "no data" : Formatting.percent(f?.householdShare))
            }
            for m in measures where p.computeAreas {
                let f = u.coverage[m.rawValue]
                row.append(f?.available == false ? "no data" : Formatting.percent(f?.areaShare))
            }
            t.add(row)
        }
        out += t.render()
        if let fibre = r.province.coverage["fibre"], fibre.available {
            out +=
                "\nfibre: \(Formatting.percent(fibre.householdShare)) of households within reach (straight line), "
                + "\(Formatting.percent(fibre.networkHouseholdShare)) along the route network from a node; "
            let withFibre = r.units.filter { $0.fibre?.hasFibre ?? false }.count
            if p.grouping == .commune { out += "\(withFibre) of \(r.units.count) communes have fibre" }
            out += "\n"
        }
        if !r.institutions.isEmpty {
            var it = TextTable(
                ["institutions", "count", "connected", "share", "measured", "fibre reach"], numeric: [1, 2, 3, 4, 5])
            for i in r.institutions {
                it.add([
                    i.kind, Formatting.grouped(i.count), Formatting.grouped(i.connected),
                    Formatting.percent(i.connectedShare),
                    Formatting.grouped(i.connectedByEvidence["measured"] ?? 0), Formatting.percent(i.fibreReachShare),
                ])
            }
            out += "\n" + it.render()
        }
        out +=
            "\noutside every unit: \(Formatting.grouped(r.outside.locations)) locations, "
            + "\(Formatting.grouped(r.outside.households)) households\n"
        if !r.gaps.isEmpty {
            out += "largest \(p.gapTechnology.rawValue) gaps: "
            out += r.gaps.prefix(5).map {
                "\(Formatting.grouped($0.households)) hh near \(Formatting.fixed($0.lon, 4)),\(Formatting.fixed($0.lat, 4))"
                    + ($0.unitCode.map { " (\($0))" } ?? "")
            }.joined(separator: "; ")
            out += "\n"
        }
        for note in r.notes { out += "note: \(note)\n" }
        return out
    }
}
