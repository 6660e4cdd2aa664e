import CoverageAnalysis
import CoverageAudit
import CoverageModel
import CoverageStore
import Foundation

/// Everything a report shows.
public struct ReportInputs: Sendable {
    public var result: CoverageResult
    public var audit: AuditReport?
    public var inventory: InventorySummary
    /// The store file name (not the path: the report may travel).
    public var storeName: String
    public var toolVersion: String
    /// The measure of the household coverage map (broadband by default).
    public var mapTechnology: TechnologyKey
    public var language: ReportLanguage

    public init(
        result: CoverageResult, audit: AuditReport?, inventory: InventorySummary, storeName: String,
        toolVersion: String, mapTechnology: TechnologyKey = .broadband, language: ReportLanguage = .en
    ) {
        self.result = result
        self.audit = audit
        self.inventory = inventory
        self.storeName = storeName
        self.toolVersion = toolVersion
        self.mapTechnology = mapTechnology
        self.language = language
    }
}

/// Builds the format-independent report document.
public enum ReportBuilder {
    /// The files a report folder holds, in the order they are listed.
    public static let folderFiles = [
        "report.html", "report.md", "communes.csv", "coverage.json", "communes.geojson", "gap_clusters.geojson",
        "gap_areas.geojson", "routes.geojson", "report.gpkg", "manifest.json",
    ]

    public static func build(_ inputs: ReportInputs) -> ReportDocument {
        let lang = inputs.language
        func L(_ label: ReportLabel) -> String { label.text(lang) }
        let r = inputs.result
        let p = r.parameters
        var lead = [
            "\(L(.province)): \(r.province.name) (\(r.province.code)) · \(L(.vintage)): \(p.vintage ?? "?") · "
                + "\(L(.communes)): \(r.units.count)",
            "\(L(.store)): \(inputs.storeName) · \(L(.generatedBy)) covaudit \(inputs.toolVersion)",
        ]
        let synthetic = inputs.inventory.syntheticLayers
        if !synthetic.isEmpty { lead.append("⚠ \(L(.syntheticData)): \(synthetic.joined(separator: ", "))") }
        var sections: [ReportSection] = []
        sections.append(summary(inputs, L))
        sections.append(claims(inputs, L))
        sections.append(maps(inputs, L))
        sections.append(worst(inputs, L))
        if !r.gaps.isEmpty { sections.append(gaps(inputs, L)) }
        if !r.institutions.isEmpty { sections.append(institutions(inputs, L)) }
        sections.append(inventory(inputs, L))
        sections.append(parameters(inputs, L))
        sections.append(datasets(inputs, L))
        var notes = r.notes
        if r.outside.locations > 0 {
            notes.append(
                "\(L(.outside)): \(Formatting.grouped(r.outside.locations)) (\(Formatting.grouped(r.outside.households)) \(L(.households).lowercased()))"
            )
        }
        if !notes.isEmpty { sections.append(ReportSection(id: "notes", title: L(.notes), blocks: [.list(notes)])) }
        sections.append(ReportSection(id: "files", title: L(.files), blocks: [.list(folderFiles)]))
        return ReportDocument(
            title: "\(L(.title)) — \(r.province.name)", language: lang, lead: lead, sections: sections)
    }

    // MARK: sections

    private static func summary(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        let r = inputs.result
        let u = r.province
        var t = ReportTable([L(.measure), L(.households), L(.persons), L(.hamlets), L(.area)], numeric: [1, 2, 3, 4])
        for key in r.parameters.technologies {
            guard let m = u.coverage[key.rawValue] else { continue }
            if !m.available {
                t.rows.append([key.rawValue, L(.noData), L(.noData), L(.noData), L(.noData)])
                continue
            }
            t.rows.append([
                key.rawValue, Formatting.percent(m.householdShare), Formatting.percent(m.personShare),
                Formatting.percent(m.hamletShare), Formatting.percent(m.areaShare),
            ])
            if key == .fibre, m.networkHouseholdShare != nil {
                t.rows.append([L(.fibreNetwork), Formatting.percent(m.networkHouseholdShare), "", "", ""])
            }
        }
        let withFibre = r.units.filter { $0.fibre?.hasFibre ?? false }.count
        let facts =
            "\(L(.households)): \(Formatting.grouped(u.households)) · \(L(.persons)): \(Formatting.grouped(u.persons)) · "
            + "\(L(.hamlets)): \(u.hamlets.map(Formatting.grouped) ?? "0") · \(L(.area)): "
            + "\(u.areaKm2.map { Formatting.fixed($0, 1) } ?? "?") km² · \(L(.hasFibre)): \(withFibre)/\(r.units.count) \(L(.communes).lowercased())"
        return ReportSection(id: "summary", title: L(.summary), blocks: [.paragraph(facts), .table(t)])
    }

    static func verdictLabel(_ v: Verdict, _ L: (ReportLabel) -> String) -> String {
        switch v {
        case .holds: L(.holds)
        case .doesNotHold: L(.doesNotHold)
        case .cannotEvaluate: L(.cannotEvaluate)
        }
    }

    private static func claims(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        guard let audit = inputs.audit else {
            return ReportSection(id: "claims", title: L(.claims), blocks: [.paragraph(L(.noClaims))])
        }
        var blocks: [ReportBlock] = [.table(AuditTables.overview(audit, L))]
        for o in audit.outcomes {
            blocks.append(.subheading("\(o.claim.id) — \(verdictLabel(o.verdict, L))"))
            var about = "“\(o.claim.text)”"
            if let source = o.claim.source { about += " — \(L(.source)): \(source)" }
            if let asOf = o.claim.asOf { about += " (\(asOf))" }
            blocks.append(.paragraph(about))
            if let notes = o.claim.notes { blocks.append(.paragraph(notes)) }
            blocks.append(.paragraph("\(L(.definition)): \(o.definition)"))
            if !o.reasons.isEmpty { blocks.append(.list(o.reasons)) }
            if !o.alternatives.isEmpty { blocks.append(.table(AuditTables.alternatives(o, L))) }
            if o.shortfallCount > 0 {
                blocks.append(.paragraph("\(L(.fallingShort)): \(o.shortfallCount)"))
                blocks.append(.table(AuditTables.shortfalls(o, L)))
            }
        }
        return ReportSection(id: "claims", title: L(.claims), blocks: blocks)
    }

    private static func tooltip(_ u: UnitFigures, _ L: (ReportLabel) -> String) -> String {
        var lines = ["\(u.name) (\(u.code))", "\(L(.households)): \(Formatting.grouped(u.households))"]
        for key in ["broadband", "fibre", "4G", "5G"] {
            guard let m = u.coverage[key], m.available else { continue }
            lines.append("\(key): \(Formatting.percent(m.householdShare))")
        }
        if let f = u.fibre { lines.append("\(L(.hasFibre)): \(f.hasFibre ? L(.yes) : L(.no))") }
        return lines.joined(separator: "\n")
    }

    private static func maps(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        let r = inputs.result
        let key = inputs.mapTechnology.rawValue
        var tips: [String: String] = [:]
        var household: [String: Double?] = [:]
        var fibre: [String: Double?] = [:]
        var noFibre: Set<String> = []
        for u in r.units {
            tips[u.code] = tooltip(u, L)
            let m = u.coverage[key]
            household[u.code] = m?.available == false ? nil : m?.householdShare
            let f = u.coverage["fibre"]
            fibre[u.code] = f?.available == false ? nil : f?.householdShare
            if u.fibre?.hasFibre == false { noFibre.insert(u.code) }
        }
        let first = ChoroplethMap(
            title: "\(L(.mapHouseholds)): \(key)", values: household, hatched: [], hatchLabel: nil, tooltips: tips,
            classes: ChoroplethMap.shareClasses, noDataLabel: L(.noData))
        let second = ChoroplethMap(
            title:
                "\(L(.mapFibre)) (\(L(.households).lowercased()), \(Formatting.fixed(r.parameters.fibreDistanceMetres, 0)) m)",
            values: fibre, hatched: noFibre, hatchLabel: L(.noFibre), tooltips: tips,
            classes: ChoroplethMap.shareClasses,
            noDataLabel: L(.noData))
        return ReportSection(
            id: "maps", title: L(.mapHouseholds), blocks: [.paragraph(L(.mapNote)), .map(first), .map(second)])
    }

    private static func worst(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        let key = inputs.mapTechnology.rawValue
        let ranked = inputs.result.units.compactMap { u in u.coverage[key]?.householdShare.map { (u, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.code < $1.0.code }
        var t = ReportTable(
            [
                L(.code), L(.name), L(.households), "\(key) \(L(.households).lowercased())",
                "\(key) \(L(.hamlets).lowercased())",
                "fibre \(L(.households).lowercased())", L(.hasFibre),
            ],
            numeric: [2, 3, 4, 5])
        for (u, share) in ranked.prefix(10) {
            t.rows.append([
                u.code, u.name, Formatting.grouped(u.households), Formatting.percent(share),
                Formatting.percent(u.coverage[key]?.hamletShare),
                Formatting.percent(u.coverage["fibre"]?.householdShare),
                (u.fibre?.hasFibre ?? false) ? L(.yes) : L(.no),
            ])
        }
        return ReportSection(id: "worst", title: L(.worstCommunes), blocks: [.table(t)])
    }

    private static func gaps(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        let r = inputs.result
        var t = ReportTable([L(.code), L(.households), L(.persons), L(.centre), L(.radius)], numeric: [1, 2, 4])
        for g in r.gaps.prefix(10) {
            t.rows.append([
                g.unitCode ?? "–", Formatting.grouped(g.households), Formatting.grouped(g.persons),
                "\(Formatting.fixed(g.lon, 5)), \(Formatting.fixed(g.lat, 5))", Formatting.fixed(g.radiusM, 0),
            ])
        }
        return ReportSection(
            id: "gaps", title: "\(L(.gaps)) (\(r.parameters.gapTechnology.rawValue))",
            blocks: [.table(t), .paragraph("gap_clusters.geojson, gap_areas.geojson")])
    }

    private static func institutions(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        var t = ReportTable(
            [L(.kind), L(.count), L(.connected), L(.measuredEvidence), L(.fibreReach)], numeric: [1, 2, 3, 4])
        for i in inputs.result.institutions {
            t.rows.append([
                i.kind, Formatting.grouped(i.count),
                "\(Formatting.grouped(i.connected)) (\(Formatting.percent(i.connectedShare)))",
                Formatting.grouped(i.connectedByEvidence["measured"] ?? 0),
                "\(Formatting.grouped(i.withinFibreReach)) (\(Formatting.percent(i.fibreReachShare)))",
            ])
        }
        return ReportSection(id: "institutions", title: L(.institutions), blocks: [.table(t)])
    }

    private static func inventory(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        let inv = inputs.inventory
        var counts = ReportTable([L(.layer), L(.rows)], numeric: [1])
        for (layer, n) in inv.counts.sorted(by: { $0.key < $1.key }) {
            counts.rows.append([layer, Formatting.grouped(n)])
        }
        var routes = ReportTable([L(.routes), "", L(.rows), L(.lengthKm)], numeric: [2, 3])
        for (group, rows) in [
            ("medium", inv.routesByMedium), ("status", inv.routesByStatus), ("level", inv.routesByLevel),
            ("operator", inv.routesByOperator),
        ] {
            for g in rows {
                routes.rows.append([group, g.key, Formatting.grouped(g.routes), Formatting.fixed(g.lengthKm, 1)])
            }
        }
        var coverage = ReportTable([L(.operatorName), L(.technology), L(.coverageAreas)], numeric: [2])
        for c in inv.coverage { coverage.rows.append([c.operatorName, c.technology, Formatting.grouped(c.areas)]) }
        var blocks: [ReportBlock] = [.table(counts)]
        if !routes.rows.isEmpty { blocks.append(.table(routes)) }
        if !coverage.rows.isEmpty { blocks.append(.table(coverage)) }
        return ReportSection(id: "inventory", title: L(.inventory), blocks: blocks)
    }

    private static func parameters(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        var t = ReportTable([L(.parameter), L(.value)])
        for (key, value) in parameterPairs(inputs.result.parameters) { t.rows.append([key, value]) }
        t.rows.append(["map_technology", inputs.mapTechnology.rawValue])
        return ReportSection(id: "parameters", title: L(.parameters), blocks: [.table(t)])
    }

    /// The parameters as sorted (key, JSON text) pairs.
    static func parameterPairs(_ p: CoverageParameters) -> [(String, String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(p),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.keys.sorted().map { key in
            let value = object[key] ?? NSNull()
            if let s = value as? String { return (key, s) }
            if let d = try? JSONSerialization.data(
                withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
            {
                return (key, String(decoding: d, as: UTF8.self))
            }
            return (key, "\(value)")
        }
    }

    private static func datasets(_ inputs: ReportInputs, _ L: (ReportLabel) -> String) -> ReportSection {
        var t = ReportTable([L(.layer), L(.file), L(.rows), L(.asOf), L(.sha256)], numeric: [2])
        for d in inputs.inventory.datasets {
            t.rows.append([d.layer, d.fileName, Formatting.grouped(d.rowCount), d.asOf ?? "", d.sha256])
        }
        return ReportSection(id: "datasets", title: L(.datasets), blocks: [.table(t)])
    }
}
