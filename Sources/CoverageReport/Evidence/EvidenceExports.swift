import CoverageAnalysis
import CoverageFormats
import CoverageModel
import Foundation
import GDALVector

/// The evidence exports of a report folder and of `covaudit evidence --cells`: evidence.csv, the
/// challenge candidates as GeoJSON, and the GeoPackage layers of the flagged cells and their tests.
public enum EvidenceExports {
    /// The columns of evidence.csv (one row per commune × operator; empty cells are no data, never 0).
    static let csvHeader = [
        "commune_code", "commune_name", "operator", "tests", "excluded", "valid", "inside_declared",
        "outside_declared", "inside_served", "outside_served", "inside_share", "inside_interval_low",
        "inside_interval_high", "evidence", "tests_per_km2", "tests_per_1000_households", "download_tests",
        "median_download_mbps", "p10_download_mbps",
    ]

    /// Writes evidence.csv: every commune × operator row (the all-operators row, `operator` empty, first).
    public static func writeCSV(_ result: EvidenceResult, names: [String: String], to sink: ByteSink, excel: Bool)
        throws
    {
        if excel { sink.append("\u{FEFF}") }
        let csv = CSVWriter(sink: sink, header: csvHeader)
        func number(_ v: Double?) -> JSONScalar { v.map(JSONScalar.number) ?? .null }
        for row in result.rows {
            try csv.writeRow([
                row.communeCode.map(JSONScalar.string) ?? .null,
                row.communeCode.flatMap { names[$0] }.map(JSONScalar.string) ?? .null,
                row.operatorName.map(JSONScalar.string) ?? .null, .integer(row.tests),
                .integer(row.excluded.values.reduce(0, +)), .integer(row.valid), .integer(row.insideDeclared),
                .integer(row.outsideDeclared), .integer(row.insidePassing), .integer(row.outsidePassing),
                number(row.insideShare), number(row.insideInterval?.lower), number(row.insideInterval?.upper),
                .string(row.strength.rawValue), number(row.testsPerSquareKm), number(row.testsPerThousandHouseholds),
                .integer(row.downloadTests), number(row.medianDownloadMbps), number(row.p10DownloadMbps),
            ])
        }
        _ = try csv.finish()
    }

    /// The properties of a flagged cell, in the GeoJSON files and the GeoPackage layers alike.
    static func cellProperties(_ c: EvidenceCell) -> [(String, JSONScalar)] {
        [
            ("quadkey", .string(c.quadkey.digits)), ("commune_code", c.communeCode.map(JSONScalar.string) ?? .null),
            ("operator", .string(c.operatorName)), ("technology", .string(c.technology.rawValue)),
            ("tests", .integer(c.tests)), ("served", .integer(c.passing)), ("served_share", .number(c.share)),
            ("interval_low", .number(c.interval.lower)), ("interval_high", .number(c.interval.upper)),
            ("p_value", .number(c.pValue)),
        ]
    }

    /// The ids (as imported) of the tests behind a cell that `tests` holds, comma-separated.
    static func testIDs(_ c: EvidenceCell, _ tests: [String: CoverageModel.Measurement]) -> (String, JSONScalar) {
        ("test_ids", .string(c.testIDs.compactMap { tests[$0]?.id }.joined(separator: ",")))
    }

    /// Writes each cell as its zoom-16 square with `cellProperties` (`kind` first when given; the ids
    /// of its tests last when `tests` is given); returns the count.
    @discardableResult
    public static func writeCells(
        _ cells: [EvidenceCell], kind: String? = nil, tests: [String: CoverageModel.Measurement]? = nil,
        to writer: GeoJSONWriter
    ) throws -> Int {
        for c in cells {
            let ids = tests.map { [testIDs(c, $0)] } ?? []
            try writer.writeFeature(
                geometry: .polygon(c.quadkey.polygon),
                properties: (kind.map { [("kind", JSONScalar.string($0))] } ?? []) + cellProperties(c) + ids)
        }
        return cells.count
    }

    /// The properties of one test behind a challenge candidate.
    static func testProperties(_ c: EvidenceCell, _ t: CoverageModel.Measurement) -> [(String, JSONScalar)] {
        func number(_ v: Double?) -> JSONScalar { v.map(JSONScalar.number) ?? .null }
        return [
            ("quadkey", .string(c.quadkey.digits)), ("operator", .string(c.operatorName)),
            ("technology", .string(c.technology.rawValue)), ("test_id", .string(t.id)),
            ("time", t.time.map { .string(isoTime($0)) } ?? .null), ("download_mbps", number(t.downloadMbps)),
            ("upload_mbps", number(t.uploadMbps)), ("latency_ms", number(t.latencyMs)), ("rsrp_dbm", number(t.rsrpDbm)),
            ("environment", t.environment.map { .string($0.rawValue) } ?? .null),
            ("source", .string(t.source.rawValue)),
        ]
    }

    /// Writes the layers `challenge_candidates`, `challenge_tests` (the tests behind each candidate that
    /// `tests` holds, with the cell's quadkey) and `served_undeclared`; returns the feature counts.
    static func writeLayers(
        _ result: EvidenceResult, tests: [String: CoverageModel.Measurement], to writer: GeoPackageWriter
    ) throws -> [(String, Int)] {
        var counts: [(String, Int)] = []
        let candidates = result.challengeCandidates.map {
            (Geometry.polygon($0.quadkey.polygon), cellProperties($0) + [testIDs($0, tests)])
        }
        counts.append(
            (
                "challenge_candidates",
                try writeLayer(
                    writer, "challenge_candidates", .multiPolygon, cellFields + [("test_ids", .text)], candidates)
            ))
        let undeclared = result.servedUndeclared.map { (Geometry.polygon($0.quadkey.polygon), cellProperties($0)) }
        counts.append(
            ("served_undeclared", try writeLayer(writer, "served_undeclared", .multiPolygon, cellFields, undeclared)))
        let rows = result.challengeCandidates.flatMap { c in
            c.testIDs.compactMap { id in tests[id].map { (Geometry.point($0.position), testProperties(c, $0)) } }
        }
        counts.insert(("challenge_tests", try writeLayer(writer, "challenge_tests", .point, testFields, rows)), at: 1)
        writer.addStyle(
            layer: "challenge_candidates", name: "challenge candidates",
            qml: QGISStyle.single("fill", colour: "#e41a1c"),
            isDefault: true)
        writer.addStyle(
            layer: "challenge_tests", name: "challenge tests", qml: QGISStyle.single("point", colour: "#111111"),
            isDefault: true)
        writer.addStyle(
            layer: "served_undeclared", name: "served undeclared", qml: QGISStyle.single("fill", colour: "#4d4d4d"),
            isDefault: true)
        return counts
    }

    static let cellFields: [(String, GeoPackageWriter.FieldKind)] = [
        ("quadkey", .text), ("commune_code", .text), ("operator", .text), ("technology", .text), ("tests", .integer),
        ("served", .integer), ("served_share", .real), ("interval_low", .real), ("interval_high", .real),
        ("p_value", .real),
    ]

    static let testFields: [(String, GeoPackageWriter.FieldKind)] = [
        ("quadkey", .text), ("operator", .text), ("technology", .text), ("test_id", .text), ("time", .text),
        ("download_mbps", .real), ("upload_mbps", .real), ("latency_ms", .real), ("rsrp_dbm", .real),
        ("environment", .text), ("source", .text),
    ]

    /// Writes one layer of `rows` (geometry, properties in `fields` order); returns the count.
    private static func writeLayer(
        _ writer: GeoPackageWriter, _ name: String, _ geometry: GeoPackageWriter.LayerGeometry,
        _ fields: [(String, GeoPackageWriter.FieldKind)], _ rows: [(Geometry, [(String, JSONScalar)])]
    ) throws -> Int {
        try writer.writeLayer(name, geometry: geometry, fields: fields) { emit in
            for (g, properties) in rows { try emit(g, properties.map { value($0.1) }) }
        }
        return rows.count
    }

    private static func value(_ v: JSONScalar) -> GeoPackageWriter.FieldValue {
        switch v {
        case .null: .null
        case .bool(let b): .integer(b ? 1 : 0)
        case .int(let i): .integer(i)
        case .number(let d), .fixed(let d, _): .real(d)
        case .string(let s): .text(s)
        }
    }

    /// `2025-11-03T14:05:00Z` for seconds since 1970 (whole seconds, UTC).
    public static func isoTime(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let rest = whole - days * 86_400
        let (y, m, d) = CivilDate.date(days: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
