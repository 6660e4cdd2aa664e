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
    public var mapTechnology: Measure
    public var language: ReportLanguage
    /// Class breaks of the maps, in percent.
    public var breaks: [Double] = MapPalette.defaultBreaks
    /// Cell sites per operator (the operator table).
    public var sitesByOperator: [String: Int] = [:]
    /// The measured evidence (nil without measurements: the report has no evidence section).
    public var evidence: ReportEvidence?

    public init(
        result: CoverageResult, audit: AuditReport?, inventory: InventorySummary, storeName: String,
        toolVersion: String, mapTechnology: Measure = .broadband, language: ReportLanguage = .en
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
        "report.html", "report.md", "communes.csv", "operators.csv", "coverage.json", "communes.geojson",
        "gap_clusters.geojson", "gap_areas.geojson", "routes.geojson", "report.gpkg", "manifest.json",
    ]

    /// The files written only when the store holds measurements (the evidence section's exports).
    public static let evidenceFiles = ["evidence.csv", "challenge_candidates.geojson"]

    /// The files of a report folder with or without the evidence exports, in the order they are listed.
    public static func folderFiles(evidence: Bool) -> [String] {
        guard evidence else { return folderFiles }
        var files = folderFiles
        files.insert(contentsOf: evidenceFiles, at: files.firstIndex(of: "report.gpkg") ?? files.count)
        return files
    }

    public static func build(_ inputs: ReportInputs) -> ReportDocument {
        let lang = inputs.language
        func L(_ label: ReportLabel) -> String { label.text(lang) }
        let N = ReportNumbers(lang)
        let r = inputs.result
        let p = r.parameters
        let asOf = inputs.inventory.datasets.compactMap(\.asOf).max()
        var lead = [
            "\(L(.province)): \(r.province.name) (\(r.province.code)) · \(L(.vintage)): \(p.vintage ?? "?") · "
                + "\(L(.communes)): \(N.grouped(r.units.count))"
                + (asOf.map { " · \(L(.dataAsOf)): \(N.date($0))" } ?? ""),
            "\(L(.store)): \(inputs.storeName) · \(L(.generatedBy)) covaudit \(inputs.toolVersion)",
        ]
        let synthetic = inputs.inventory.syntheticLayers
        if !synthetic.isEmpty {
            lead.append(
                "⚠ \(L(.syntheticData)): \(synthetic.map { ReportTerms.term($0, lang) }.joined(separator: ", "))")
        }
        var sections: [ReportSection] = []
        sections.append(headline(inputs, L, N))
        sections.append(summary(inputs, L, N))
        sections.append(maps(inputs, L, N))
        if !r.operators.isEmpty { sections.append(operators(inputs, L, N)) }
        if let evidence = inputs.evidence { sections.append(self.evidence(inputs, evidence, N)) }
        sections.append(claims(inputs, L, N))
        sections.append(worst(inputs, L, N))
        if !r.gaps.isEmpty { sections.append(gaps(inputs, L, N)) }
        if !r.institutions.isEmpty { sections.append(institutions(inputs, L, N)) }
        sections.append(allCommunes(inputs, L, N))
        sections.append(inventory(inputs, L, N))
        sections.append(parameters(inputs, L))
        sections.append(datasets(inputs, L, N))
        var notes = r.notes.map { AuditWording.text($0, lang) }
        if r.outside.locations > 0 {
            notes.append(
                "\(L(.outside)): \(N.grouped(r.outside.locations)) (\(N.grouped(r.outside.households)) \(L(.households).lowercased()))"
            )
        }
        if !notes.isEmpty { sections.append(ReportSection(id: "notes", title: L(.notes), blocks: [.list(notes)])) }
        sections.append(
            ReportSection(
                id: "files", title: L(.files), blocks: [.list(folderFiles(evidence: inputs.evidence != nil))]))
        var doc = ReportDocument(
            title: "\(L(.title)) — \(r.province.name)", language: lang, lead: lead, sections: sections)
        doc.pageHeader =
            "\(r.province.name) · \(L(.vintage)) \(p.vintage ?? "?")"
            + (asOf.map { " · \(L(.dataAsOf)) \(N.date($0))" } ?? "")
        doc.mapText = MapText(
            keyTitle: L(.mapKey), hint: L(.mapHint), north: L(.north),
            overlays: [
                .gaps: L(.overlayGaps), .sites: L(.overlaySites), .routes: L(.overlayRoutes),
                .challengeCells: EvidenceLabel.challengeCells.text(lang),
                .undeclaredCells: EvidenceLabel.undeclaredCells.text(lang),
            ],
            zoomIn: "+", zoomOut: "−", reset: L(.zoomReset), language: lang)
        return doc
    }

    // MARK: sections

    typealias Labels = (ReportLabel) -> String

    private static func summary(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let r = inputs.result
        let u = r.province
        var t = ReportTable([L(.measure), L(.households), L(.persons), L(.hamlets), L(.area)], numeric: [1, 2, 3, 4])
        for key in r.parameters.technologies {
            guard let m = u.coverage[key] else { continue }
            let name = ReportTerms.term(key.rawValue, inputs.language)
            if !m.available {
                t.rows.append([name, L(.noData), L(.noData), L(.noData), L(.noData)])
                continue
            }
            t.rows.append([
                name, N.percent(m.householdShare), N.percent(m.personShare), N.percent(m.hamletShare),
                N.percent(m.areaShare),
            ])
            if key == .fibre {
                let network = m.networkHouseholdShare.map { N.percent($0) } ?? L(.notAvailable)
                t.rows.append([L(.fibreNetwork), network, "", "", ""])
            }
        }
        let fibreKnown = u.coverage[.fibre]?.available ?? false
        let withFibre = r.units.filter { $0.fibre?.hasFibre ?? false }.count
        let facts =
            "\(L(.households)): \(N.grouped(u.households)) · \(L(.persons)): \(N.grouped(u.persons)) · "
            + "\(L(.hamlets)): \(u.hamlets.map(N.grouped) ?? L(.noData)) · \(L(.area)): "
            + "\(u.areaKm2.map { N.fixed($0, 1) + " km²" } ?? L(.noData)) · \(L(.hasFibre)): "
            + (fibreKnown
                ? "\(N.grouped(withFibre))/\(N.grouped(r.units.count)) \(L(.communes).lowercased())" : L(.notAvailable))
        return ReportSection(id: "summary", title: L(.summary), blocks: [.paragraph(facts), .table(t)])
    }

    static func verdictLabel(_ v: Verdict, _ L: (ReportLabel) -> String) -> String {
        switch v {
        case .holds: L(.holds)
        case .doesNotHold: L(.doesNotHold)
        case .cannotEvaluate: L(.cannotEvaluate)
        case .tooThin: L(.evidenceTooThin)
        }
    }

    private static func claims(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        guard let audit = inputs.audit else {
            return ReportSection(id: "claims", title: L(.claims), blocks: [.paragraph(L(.noClaims))])
        }
        let lang = inputs.language
        var blocks: [ReportBlock] = [.table(AuditTables.overview(audit, L, N))]
        for o in audit.outcomes {
            blocks.append(.subheading("\(o.claim.id) — \(verdictLabel(o.verdict, L))"))
            var about = "“\(o.claim.text)”"
            if let source = o.claim.source { about += " — \(L(.source)): \(source)" }
            if let asOf = o.claim.asOf { about += " (\(N.date(asOf)))" }
            blocks.append(.paragraph(about))
            if let notes = o.claim.notes { blocks.append(.paragraph(notes)) }
            blocks.append(.paragraph("\(L(.definition)): \(AuditWording.text(o.definition, lang))"))
            if !o.reasons.isEmpty { blocks.append(.list(o.reasons.map { AuditWording.text($0, lang) })) }
            if !o.alternatives.isEmpty { blocks.append(.table(AuditTables.alternatives(o, L, N))) }
            if o.shortfallCount > 0 {
                blocks.append(.paragraph("\(L(.fallingShort)): \(N.grouped(o.shortfallCount))"))
                blocks.append(.table(AuditTables.shortfalls(o, L, N)))
            }
        }
        return ReportSection(id: "claims", title: L(.claims), blocks: blocks)
    }

    /// Communes ranked by the map measure's household share, lowest first (communes without data left out).
    static func ranked(_ inputs: ReportInputs) -> [(UnitFigures, Double)] {
        let key = inputs.mapTechnology
        return inputs.result.units.compactMap { u in
            u.coverage[key].flatMap { $0.available ? $0.householdShare : nil }.map { (u, $0) }
        }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.code < $1.0.code }
    }

    private static func worst(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let key = inputs.mapTechnology
        let name = ReportTerms.term(key.rawValue, inputs.language)
        let fibre = ReportTerms.term("fibre", inputs.language)
        var t = ReportTable(
            [
                L(.code), L(.name), L(.households), "\(name): \(L(.households).lowercased())",
                "\(name): \(L(.hamlets).lowercased())", "\(fibre): \(L(.households).lowercased())", L(.hasFibre),
            ],
            numeric: [2, 3, 4, 5])
        for (u, share) in ranked(inputs).prefix(10) {
            t.rows.append([
                u.code, u.name, N.grouped(u.households), N.percent(share), N.percent(u.coverage[key]?.hamletShare),
                N.percent(u.coverage[.fibre]?.householdShare), hasFibre(u, L),
            ])
        }
        return ReportSection(id: "worst", title: L(.worstCommunes), blocks: [.table(t)])
    }

    /// "yes", "no", or "no data" when the fibre layers are missing.
    static func hasFibre(_ u: UnitFigures, _ L: Labels) -> String {
        guard u.coverage[.fibre]?.available ?? true, let f = u.fibre else { return L(.noData) }
        return f.hasFibre ? L(.yes) : L(.no)
    }

    private static func gaps(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let r = inputs.result
        let names = Dictionary(r.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var t = ReportTable(
            [L(.commune), L(.code), L(.households), L(.persons), L(.centre), L(.radius)], numeric: [2, 3, 5])
        for g in r.gaps.prefix(10) {
            t.rows.append([
                g.unitCode.flatMap { names[$0] } ?? "–", g.unitCode ?? "–", N.grouped(g.households),
                N.grouped(g.persons), "\(Formatting.fixed(g.lon, 5)), \(Formatting.fixed(g.lat, 5))",
                N.grouped(Int(g.radiusM.rounded())),
            ])
        }
        return ReportSection(
            id: "gaps", title: "\(L(.gaps)) (\(r.parameters.gapTechnology.rawValue))",
            blocks: [.table(t), .paragraph("gap_clusters.geojson, gap_areas.geojson")])
    }

    private static func institutions(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        var t = ReportTable(
            [L(.kind), L(.count), L(.connected), L(.measuredEvidence), L(.fibreReach)], numeric: [1, 2, 3, 4])
        for i in inputs.result.institutions {
            t.rows.append([
                ReportTerms.term(i.kind, inputs.language), N.grouped(i.count),
                "\(N.grouped(i.connected)) (\(N.percent(i.connectedShare)))",
                N.grouped(i.connectedByEvidence["measured"] ?? 0),
                i.fibreReachShare.map { "\(N.grouped(i.withinFibreReach)) (\(N.percent($0)))" } ?? L(.noData),
            ])
        }
        return ReportSection(id: "institutions", title: L(.institutions), blocks: [.table(t)])
    }

    /// Every commune's figures: what the maps show, readable without scripts and on paper.
    private static func allCommunes(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let r = inputs.result
        let measures = r.parameters.technologies.filter { [.broadband, .fibre, .g4, .g5].contains($0) }
        var t = ReportTable(
            [L(.code), L(.name), L(.households)] + measures.map { ReportTerms.term($0.rawValue, inputs.language) }
                + [L(.hasFibre)],
            numeric: Set(2..<(3 + measures.count)))
        for u in r.units {
            var row = [u.code, u.name, N.grouped(u.households)]
            for m in measures {
                let f = u.coverage[m]
                row.append(f?.available == false ? L(.noData) : N.percent(f?.householdShare))
            }
            row.append(hasFibre(u, L))
            t.rows.append(row)
        }
        return ReportSection(
            id: "communes", title: "\(L(.allCommunes)) (\(N.grouped(r.units.count)))", blocks: [.table(t)])
    }

    private static func inventory(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let inv = inputs.inventory
        var counts = ReportTable([L(.layer), L(.rows)], numeric: [1])
        let T = { (id: String) in ReportTerms.term(id, inputs.language) }
        for (layer, n) in inv.counts.sorted(by: { $0.key < $1.key }) { counts.rows.append([T(layer), N.grouped(n)]) }
        var routes = ReportTable([L(.routes), "", L(.rows), L(.lengthKm)], numeric: [2, 3])
        for (group, rows) in [
            ("medium", inv.routesByMedium), ("status", inv.routesByStatus), ("level", inv.routesByLevel),
            ("operator", inv.routesByOperator),
        ] {
            for g in rows { routes.rows.append([T(group), T(g.key), N.grouped(g.routes), N.fixed(g.lengthKm, 1)]) }
        }
        var coverage = ReportTable([L(.operatorName), L(.technology), L(.coverageAreas)], numeric: [2])
        for c in inv.coverage { coverage.rows.append([c.operatorName, c.technology, N.grouped(c.areas)]) }
        var blocks: [ReportBlock] = [.table(counts)]
        if !routes.rows.isEmpty { blocks.append(.table(routes)) }
        if !coverage.rows.isEmpty { blocks.append(.table(coverage)) }
        return ReportSection(id: "inventory", title: L(.inventory), blocks: blocks)
    }

    private static func parameters(_ inputs: ReportInputs, _ L: Labels) -> ReportSection {
        var t = ReportTable([L(.parameter), L(.value)])
        for (key, value) in parameterPairs(inputs.result.parameters) { t.rows.append([key, value]) }
        t.rows.append(["map_technology", inputs.mapTechnology.rawValue])
        t.rows.append([
            "map_breaks", inputs.breaks.map { Formatting.fixed($0, $0 == $0.rounded() ? 0 : 1) }.joined(separator: ","),
        ])
        if let evidence = inputs.evidence {
            for (key, value) in parameterPairs(evidence.result.parameters) {
                t.rows.append(["evidence.\(key)", value])
            }
        }
        return ReportSection(id: "parameters", title: L(.parameters), blocks: [.table(t)])
    }

    /// The parameters (coverage or evidence) as sorted (key, JSON text) pairs.
    static func parameterPairs(_ p: some Encodable) -> [(String, String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase  // as the JSON outputs spell them
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

    private static func datasets(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        var t = ReportTable([L(.layer), L(.file), L(.rows), L(.asOf), L(.sha256)], numeric: [2])
        for d in inputs.inventory.datasets {
            t.rows.append([
                ReportTerms.term(d.layer, inputs.language), d.fileName, N.grouped(d.rowCount), d.asOf.map(N.date) ?? "",
                d.sha256,
            ])
        }
        return ReportSection(id: "datasets", title: L(.datasets), blocks: [.table(t)])
    }
}
