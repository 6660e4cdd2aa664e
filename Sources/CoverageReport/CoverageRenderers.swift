import CoverageAnalysis
import CoverageFormats
import CoverageModel
import Foundation

/// Writes a coverage result as CSV (province row first, then the units).
public enum CoverageCSV {
    /// The wide form (one row per unit, per-operator columns); `excel` adds a UTF-8 byte order mark for Excel.
    public static func write(_ result: CoverageResult, to sink: ByteSink, excel: Bool = false) throws {
        if excel { sink.append("\u{FEFF}") }
        let rows = [result.province] + result.units
        let names = UnitColumnNames(measures: result.parameters.technologies, operators: result.operators)
        let header = UnitColumns.columns(result.province, names: names).map(\.0)
        let writer = CSVWriter(sink: sink, header: header)
        for u in rows { try writer.writeRow(UnitColumns.columns(u, names: names).map(\.1)) }
        _ = try writer.finish()
    }

    /// The long form of the per-operator figures: one row per unit, mobile measure and operator.
    public static func writeOperators(_ result: CoverageResult, to sink: ByteSink, excel: Bool = false) throws {
        if excel { sink.append("\u{FEFF}") }
        let writer = CSVWriter(
            sink: sink,
            header: [
                "level", "code", "name", "measure", "operator", "households", "household_share", "persons",
                "person_share", "area_share",
            ])
        let measures = result.parameters.technologies.filter { $0.isMobile }
        for u in [result.province] + result.units {
            for key in measures {
                let m = u.coverage[key].flatMap { $0.available ? $0 : nil }
                for op in result.operators {
                    let f = m?.operators?[op]
                    try writer.writeRow([
                        .string(u.level), .string(u.code), .string(u.name), .string(key.rawValue), .string(op),
                        f.map { .integer($0.households) } ?? .null, UnitColumns.fixed(f?.householdShare, 6),
                        f.map { .integer($0.persons) } ?? .null, UnitColumns.fixed(f?.personShare, 6),
                        UnitColumns.fixed(f?.areaShare, 6),
                    ])
                }
            }
        }
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
        let names = UnitColumnNames(measures: result.parameters.technologies, operators: result.operators)
        for u in result.units {
            try writer.writeFeature(
                geometry: geometries[u.code], properties: UnitColumns.columns(u, names: names), id: .string(u.code))
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

/// Renders a coverage result as plain-text tables, labels and numbers in `language`.
public enum CoverageTable {
    public static func render(_ r: CoverageResult, language: ReportLanguage = .en) -> String {
        let vi = language == .vi
        func t(_ en: String, _ viText: String) -> String { vi ? viText : en }
        let N = ReportNumbers(language)
        let noData = ReportLabel.noData.text(language)
        let measures = r.parameters.technologies
        var out = ""
        let p = r.parameters
        out += t("coverage of ", "vùng phủ của ") + r.province.name
        out +=
            " (\(t("vintage", "phiên bản địa giới")) \(p.vintage ?? "?"), \(t("level", "cấp")) \(p.grouping.rawValue))"
        out +=
            "; \(t("fibre reach", "tầm cáp quang")) \(N.grouped(Int(p.fibreDistanceMetres))) m \(t("straight-line", "đường thẳng"))"
        out +=
            p.includePlanned
            ? t(" incl. planned", " tính cả quy hoạch") : t(", active only", ", chỉ tuyến đang hoạt động")
        out += "; \(t("hamlet rule", "quy tắc thôn")) \(p.hamletRule)"
        if let op = p.operatorName { out += "; \(t("operator", "nhà mạng")) \(op)" }
        out += "\n\n"
        var header = [t("code", "mã"), t("name", "tên"), t("households", "hộ")]
        for m in measures { header.append("\(m.rawValue) \(t("hh", "hộ"))") }
        for m in measures where p.computeAreas { header.append("\(m.rawValue) \(t("area", "diện tích"))") }
        var table = TextTable(header, numeric: Set(2..<header.count))
        for u in [r.province] + r.units {
            var row = [u.code, u.name, N.grouped(u.households)]
            for m in measures {
                let f = u.coverage[m]
                row.append(f?.available == false ? noData : N.percent(f?.householdShare))
            }
            for m in measures where p.computeAreas {
                let f = u.coverage[m]
                row.append(f?.available == false ? noData : N.percent(f?.areaShare))
            }
            table.add(row)
        }
        out += table.render()
        if let fibre = r.province.coverage[.fibre], fibre.available {
            let network =
                fibre.networkHouseholdShare.map { N.percent($0) }
                ?? t("not available (no fibre nodes)", "không có số liệu (không có nút cáp quang)")
            out +=
                "\n" + t("fibre: ", "cáp quang: ") + N.percent(fibre.householdShare)
                + t(" of households within reach (straight line), ", " số hộ trong tầm (đường thẳng), ") + network
                + t(" along the route network from a node; ", " theo mạng tuyến từ một nút; ")
            let withFibre = r.units.filter { $0.fibre?.hasFibre ?? false }.count
            if p.grouping == .commune {
                out += t(
                    "\(withFibre) of \(r.units.count) communes have fibre",
                    "\(withFibre)/\(r.units.count) xã có cáp quang")
            }
            out += "\n"
        }
        if !r.institutions.isEmpty {
            var it = TextTable(
                [
                    t("institutions", "cơ quan, tổ chức"), t("count", "số lượng"), t("connected", "có kết nối"),
                    t("share", "tỷ lệ"), t("measured", "đo kiểm"), t("fibre reach", "tầm cáp quang"),
                ], numeric: [1, 2, 3, 4, 5])
            for i in r.institutions {
                it.add([
                    ReportTerms.term(i.kind, language), N.grouped(i.count), N.grouped(i.connected),
                    N.percent(i.connectedShare), N.grouped(i.connectedByEvidence["measured"] ?? 0),
                    N.percent(i.fibreReachShare),
                ])
            }
            out += "\n" + it.render()
        }
        out +=
            "\n" + t("outside every unit: ", "ngoài mọi đơn vị: ") + N.grouped(r.outside.locations)
            + t(" locations, ", " điểm, ") + N.grouped(r.outside.households) + t(" households\n", " hộ\n")
        if !r.gaps.isEmpty {
            out += t(
                "largest \(p.gapTechnology.rawValue) gaps: ", "các vùng lõm \(p.gapTechnology.rawValue) lớn nhất: ")
            out += r.gaps.prefix(5).map {
                "\(N.grouped($0.households)) \(t("hh near", "hộ gần")) \(Formatting.fixed($0.lon, 4)),\(Formatting.fixed($0.lat, 4))"
                    + ($0.unitCode.map { " (\($0))" } ?? "")
            }.joined(separator: "; ")
            out += "\n"
        }
        for note in r.notes { out += "\(t("note", "ghi chú")): \(AuditWording.text(note, language))\n" }
        return out
    }
}
