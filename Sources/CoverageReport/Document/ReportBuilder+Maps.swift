import CoverageAnalysis

extension ReportBuilder {
    /// The text shown on tap, click or hover: name, code, households and the main shares.
    static func tooltip(_ u: UnitFigures, _ L: Labels, _ N: ReportNumbers) -> String {
        let vi = L(.holds) != ReportLabel.holds.text(.en)
        var lines = ["\(u.name) (\(u.code))", "\(L(.households)): \(N.grouped(u.households))"]
        for key in [Measure.broadband, .fibre, .g4, .g5] {
            guard let m = u.coverage[key] else { continue }
            lines.append(
                "\(ReportTerms.term(key.rawValue, vi ? .vi : .en)): \(m.available ? N.percent(m.householdShare) : L(.noData))"
            )
        }
        lines.append("\(L(.hasFibre)): \(hasFibre(u, L))")
        return lines.joined(separator: "\n")
    }

    /// The measure of the per-operator maps and table: 4G+ when computed, else the first mobile measure.
    static func operatorMeasure(_ r: CoverageResult) -> Measure? {
        let mobile = r.parameters.technologies.filter { $0.isMobile }
        return mobile.contains(.g4plus) ? .g4plus : mobile.first
    }

    static func maps(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let r = inputs.result
        let key = inputs.mapTechnology
        let T = { (id: String) in ReportTerms.term(id, inputs.language) }
        let classes = MapPalette.classes(breaks: inputs.breaks, numbers: N)
        let tips = Dictionary(r.units.map { ($0.code, tooltip($0, L, N)) }, uniquingKeysWith: { a, _ in a })
        func values(_ measure: Measure, op: String? = nil) -> [String: Double?] {
            Dictionary(
                r.units.map { u -> (String, Double?) in
                    guard let m = u.coverage[measure], m.available else { return (u.code, nil) }
                    guard let op else { return (u.code, m.householdShare) }
                    return (u.code, m.operators?[op]?.householdShare)
                }, uniquingKeysWith: { a, _ in a })
        }
        func map(_ title: String, _ v: [String: Double?]) -> ChoroplethMap {
            ChoroplethMap(
                title: title, values: v, hatched: [], hatchLabel: nil, tooltips: tips, classes: classes,
                noDataLabel: L(.noData))
        }
        var first = map("\(L(.mapHouseholds)): \(T(key.rawValue))", values(key))
        first.overlays = [.gaps, .sites]
        var second = map(
            "\(L(.mapFibre)) (\(L(.households).lowercased()), \(N.grouped(Int(r.parameters.fibreDistanceMetres))) m)",
            values(.fibre))
        second.hatched = Set(
            r.units.filter { $0.fibre?.hasFibre == false && $0.coverage[.fibre]?.available != false }.map(\.code))
        second.hatchLabel = L(.noFibre)
        second.overlays = [.routes]
        var blocks: [ReportBlock] = [.paragraph(L(.mapNote)), .map(first), .map(second)]
        var byTech = r.parameters.technologies.map { t -> ChoroplethMap in
            var m = map(T(t.rawValue), values(t))
            m.labelled = false
            return m
        }
        byTech.removeAll { $0.title == T(Measure.g4plus.rawValue) }
        if byTech.count > 1 { blocks.append(.mapGrid(L(.mapsByTechnology), byTech)) }
        if let measure = operatorMeasure(r), r.operators.count > 1 {
            let byOperator = r.operators.map { op -> ChoroplethMap in
                var m = map(op, values(measure, op: op))
                m.labelled = false
                return m
            }
            blocks.append(.mapGrid("\(L(.mapsByOperator)) (\(measure.rawValue))", byOperator))
        }
        return ReportSection(id: "maps", title: L(.mapHouseholds), blocks: blocks)
    }
}
