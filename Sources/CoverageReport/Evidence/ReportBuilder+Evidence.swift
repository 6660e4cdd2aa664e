import CoverageAnalysis
import CoverageModel
import Foundation

extension ReportBuilder {
    /// The evidence section: the contradiction map with the flagged cells, the per-operator table, the
    /// per-operator maps, the strongest challenge candidates, the tests-density map and the Ookla context.
    static func evidence(_ inputs: ReportInputs, _ e: ReportEvidence, _ N: ReportNumbers) -> ReportSection {
        let lang = inputs.language
        func E(_ label: EvidenceLabel) -> String { label.text(lang) }
        let names = Dictionary(inputs.result.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let all = e.rows(nil)
        var blocks: [ReportBlock] = [.paragraph(E(.intro))]
        if let line = headline(e, lang, N) { blocks.append(.callout(line)) }
        let classes = MapPalette.classes(breaks: inputs.breaks, numbers: N)
        func shareMap(_ title: String, _ rows: [String: EvidenceRow]) -> ChoroplethMap {
            ChoroplethMap(
                title: title, values: rows.mapValues { ReportEvidence.mappedShare($0) },
                hatched: Set(rows.filter { ReportEvidence.isThin($0.value) }.keys), hatchLabel: E(.tooFewTests),
                tooltips: rows.mapValues { shareTip($0, names, lang, N) }, classes: classes,
                noDataLabel: E(.servedShareNoTests))
        }
        var contradiction = shareMap(E(.contradictionMap), all)
        contradiction.overlays = [.challengeCells, .undeclaredCells]
        blocks.append(.map(contradiction))
        blocks.append(.subheading(E(.perOperator)))
        blocks.append(.table(operatorTable(e, communes: all.count, lang, N)))
        if e.result.operators.count > 1 {
            let maps = e.result.operators.map { op -> ChoroplethMap in
                var m = shareMap(op, e.rows(op))
                m.labelled = false
                return m
            }
            blocks.append(.mapGrid(E(.byOperatorMaps), maps))
        }
        if !e.result.challengeCandidates.isEmpty {
            blocks.append(.subheading(E(.topChallenges)))
            blocks.append(.table(challengeTable(e.result.challengeCandidates, names, lang, N)))
        }
        let unit = E(.densityUnit)
        let density = all.mapValues { $0.testsPerSquareKm }
        var densityMap = ChoroplethMap(
            title: E(.densityMap), values: density, hatched: [], hatchLabel: nil,
            tooltips: all.mapValues { densityTip($0, names, lang, N) },
            classes: DensityClasses.classes(density.values.compactMap { $0 }, unit: unit, numbers: N),
            noDataLabel: ReportLabel.noData.text(lang))
        densityMap.labelled = true
        blocks.append(.map(densityMap))
        if let outside = e.result.outsideCommunes.first(where: { $0.operatorName == nil }), outside.tests > 0 {
            blocks.append(.paragraph("\(E(.outsideNote)): \(N.grouped(outside.tests))"))
        }
        if let probes = probeParagraph(e.result, lang, N) {
            blocks.append(.subheading(E(.probes)))
            blocks.append(.paragraph(E(.probesNote)))
            blocks.append(.paragraph(probes))
        }
        if !e.result.speedTiles.isEmpty {
            blocks.append(.subheading(E(.speedTiles)))
            blocks.append(.paragraph(E(.speedTilesNote)))
            blocks.append(.table(speedTileTable(e.result.speedTiles, lang, N)))
        }
        blocks.append(.paragraph(E(.files)))
        return ReportSection(id: "evidence", title: E(.title), blocks: blocks)
    }

    /// "72.4% of the 3,210 tests inside declared coverage were served (95%: 70.8–74.0%)".
    static func headline(_ e: ReportEvidence, _ lang: ReportLanguage, _ N: ReportNumbers) -> String? {
        guard let t = e.total(nil), let share = t.insideShare else { return nil }
        let interval = t.insideInterval.map { " (95%: \(range($0, N)))" } ?? ""
        return lang == .vi
            ? "\(N.percent(share)) trong \(N.grouped(t.insideDeclared)) phép đo trong vùng phủ khai báo đạt\(interval)"
            : "\(N.percent(share)) of the \(N.grouped(t.insideDeclared)) tests inside declared coverage were served\(interval)"
    }

    /// "70.8–74.0%".
    static func range(_ i: ProportionInterval, _ N: ReportNumbers) -> String {
        "\(String(N.percent(i.lower).dropLast()))–\(N.percent(i.upper))"
    }

    /// A served share with its interval (on a line of its own with `separator` "\n"), or "no data"
    /// without tests inside declared coverage.
    static func shareText(_ row: EvidenceRow, _ lang: ReportLanguage, _ N: ReportNumbers, separator: String = " ")
        -> String
    {
        guard let share = row.insideShare else { return ReportLabel.noData.text(lang) }
        return N.percent(share) + (row.insideInterval.map { "\(separator)(\(range($0, N)))" } ?? "")
    }

    /// The words for an evidence strength.
    static func strengthText(_ s: EvidenceStrength, _ lang: ReportLanguage) -> String {
        switch s {
        case .enough: EvidenceLabel.strengthEnough.text(lang)
        case .tooFewTests: EvidenceLabel.strengthTooFew.text(lang)
        case .stale: EvidenceLabel.strengthStale.text(lang)
        }
    }

    private static func shareTip(
        _ row: EvidenceRow, _ names: [String: String], _ lang: ReportLanguage, _ N: ReportNumbers
    ) -> String {
        let code = row.communeCode ?? ""
        let share = row.strength == .enough ? shareText(row, lang, N) : strengthText(row.strength, lang)
        return [
            "\(names[code] ?? code) (\(code))",
            "\(EvidenceLabel.tests.text(lang)): \(N.grouped(row.valid)) · "
                + "\(EvidenceLabel.insideDeclared.text(lang)): \(N.grouped(row.insideDeclared))",
            "\(EvidenceLabel.servedInside.text(lang)): \(share)",
        ].joined(separator: "\n")
    }

    private static func densityTip(
        _ row: EvidenceRow, _ names: [String: String], _ lang: ReportLanguage, _ N: ReportNumbers
    ) -> String {
        let code = row.communeCode ?? ""
        let density = row.testsPerSquareKm.map { N.fixed($0, 2) } ?? ReportLabel.noData.text(lang)
        return "\(names[code] ?? code) (\(code))\n\(EvidenceLabel.valid.text(lang)): \(N.grouped(row.valid)) · "
            + "\(density) \(EvidenceLabel.densityUnit.text(lang))"
    }

    /// "1,204 probe tests at 52 institutions: 40 with enough tests, of which 31 served in most tests;
    /// 12 with too few or stale tests" (nil without probes).
    static func probeParagraph(_ r: EvidenceResult, _ lang: ReportLanguage, _ N: ReportNumbers) -> String? {
        guard !r.institutions.isEmpty else { return nil }
        let tests = r.institutions.reduce(0) { $0 + $1.tests }
        let enough = r.institutions.filter { $0.strength == .enough }
        let mostlyServed = enough.filter { 2 * $0.passing > $0.tests }.count
        let thin = r.institutions.count - enough.count
        if lang == .vi {
            return "\(N.grouped(tests)) phép đo hợp lệ tại \(N.grouped(r.institutions.count)) cơ quan: "
                + "\(N.grouped(enough.count)) đủ phép đo, trong đó \(N.grouped(mostlyServed)) đạt ở phần lớn phép đo; "
                + "\(N.grouped(thin)) không đủ hoặc đã cũ."
        }
        return "\(N.grouped(tests)) valid probe tests at \(N.grouped(r.institutions.count)) institutions: "
            + "\(N.grouped(enough.count)) with enough tests, of which \(N.grouped(mostlyServed)) served in most tests; "
            + "\(N.grouped(thin)) with too few or stale tests."
    }

    /// One row per operator (all operators first) from the pooled rows and the flagged cells.
    static func operatorTable(_ e: ReportEvidence, communes: Int, _ lang: ReportLanguage, _ N: ReportNumbers)
        -> ReportTable
    {
        func E(_ label: EvidenceLabel) -> String { label.text(lang) }
        let noData = ReportLabel.noData.text(lang)
        var t = ReportTable(
            [
                ReportLabel.operatorName.text(lang), E(.tests), E(.valid), E(.insideDeclared), E(.servedInside),
                E(.communesEnough), E(.challenges), E(.undeclared), E(.medianDownload), E(.p10Download),
            ], numeric: Set(1...9))
        for op in [nil] + e.result.operators.map(Optional.some) {
            guard let row = e.total(op) else { continue }
            let enough = e.rows(op).values.filter { $0.strength == .enough }.count
            t.rows.append([
                op ?? E(.allOperators), N.grouped(row.tests - row.excluded(.probe)), N.grouped(row.valid),
                N.grouped(row.insideDeclared),
                shareText(row, lang, N, separator: "\n"), "\(N.grouped(enough))/\(N.grouped(communes))",
                N.grouped(e.result.challengeCandidates.filter { op == nil || $0.operatorName == op }.count),
                N.grouped(e.result.servedUndeclared.filter { op == nil || $0.operatorName == op }.count),
                row.medianDownloadMbps.map { N.fixed($0, 1) } ?? noData,
                row.p10DownloadMbps.map { N.fixed($0, 1) } ?? noData,
            ])
        }
        return t
    }

    /// The ten candidates with the smallest p-values.
    static func challengeTable(
        _ cells: [EvidenceCell], _ names: [String: String], _ lang: ReportLanguage, _ N: ReportNumbers
    ) -> ReportTable {
        func E(_ label: EvidenceLabel) -> String { label.text(lang) }
        var t = ReportTable(
            [
                E(.cell), ReportLabel.commune.text(lang), ReportLabel.operatorName.text(lang),
                ReportLabel.technology.text(lang), E(.served), E(.pValue),
            ], numeric: [4, 5])
        let strongest = cells.sorted { ($0.pValue, $0.quadkey) < ($1.pValue, $1.quadkey) }.prefix(10)
        for c in strongest {
            t.rows.append([
                c.quadkey.digits, c.communeCode.map { names[$0] ?? $0 } ?? E(.noCommune), c.operatorName,
                c.technology.rawValue, "\(N.grouped(c.passing))/\(N.grouped(c.tests)) (\(N.percent(c.share)))",
                String(format: "%.2g", c.pValue),
            ])
        }
        return t
    }

    /// Ookla tiles per kind over all communes: counts and test-weighted averages.
    static func speedTileTable(_ summaries: [SpeedTileSummary], _ lang: ReportLanguage, _ N: ReportNumbers)
        -> ReportTable
    {
        func E(_ label: EvidenceLabel) -> String { label.text(lang) }
        var t = ReportTable(
            [E(.kind), E(.tiles), E(.tests), E(.devices), E(.averageDownload), E(.averageUpload), E(.averageLatency)],
            numeric: Set(1...6))
        for kind in SpeedTileKind.allCases {
            let s = summaries.filter { $0.kind == kind }
            guard !s.isEmpty else { continue }
            func average(_ value: (SpeedTileSummary) -> Double?) -> String {
                var weighted = 0.0
                var tests = 0
                for x in s { if let v = value(x) { weighted += v * Double(x.tests); tests += x.tests } }
                return tests > 0 ? N.fixed(weighted / Double(tests), 1) : ReportLabel.noData.text(lang)
            }
            t.rows.append([
                ReportTerms.term(kind.rawValue, lang), N.grouped(s.reduce(0) { $0 + $1.tiles }),
                N.grouped(s.reduce(0) { $0 + $1.tests }), N.grouped(s.reduce(0) { $0 + $1.devices }),
                average(\.averageDownloadMbps), average(\.averageUploadMbps), average(\.averageLatencyMs),
            ])
        }
        return t
    }
}
