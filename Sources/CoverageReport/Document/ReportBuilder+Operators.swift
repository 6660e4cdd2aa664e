import CoverageAnalysis

extension ReportBuilder {
    /// Per operator: households, persons and area covered by each mobile measure, sites, and households
    /// covered by two or more operators.
    static func operators(_ inputs: ReportInputs, _ L: Labels, _ N: ReportNumbers) -> ReportSection {
        let r = inputs.result
        let u = r.province
        let measures = r.parameters.technologies.filter {
            $0.isMobile && u.coverage[$0]?.available == true
        }
        var households = ReportTable(
            [L(.operatorName)] + measures.map { "\($0.rawValue) \(L(.households).lowercased())" } + [L(.sites)],
            numeric: Set(1...(measures.count + 1)))
        var persons = ReportTable(
            [L(.operatorName)] + measures.map { "\($0.rawValue) \(L(.persons).lowercased())" },
            numeric: Set(1..<(measures.count + 1)))
        var areas = ReportTable(
            [L(.operatorName)] + measures.map { "\($0.rawValue) \(L(.area).lowercased())" },
            numeric: Set(1..<(measures.count + 1)))
        for op in r.operators {
            var hh = [op]
            var pp = [op]
            var aa = [op]
            for m in measures {
                let f = u.coverage[m]?.operators?[op]
                hh.append(f.map { "\(N.grouped($0.households)) (\(N.percent($0.householdShare)))" } ?? L(.noData))
                pp.append(f.map { "\(N.grouped($0.persons)) (\(N.percent($0.personShare)))" } ?? L(.noData))
                aa.append(f.map { $0.areaShare.map { N.percent($0) } ?? L(.areaNotComputed) } ?? L(.noData))
            }
            hh.append(N.grouped(inputs.sitesByOperator[op] ?? 0))
            households.rows.append(hh)
            persons.rows.append(pp)
            areas.rows.append(aa)
        }
        var multi = ReportTable([L(.measure), L(.multiOperator)], numeric: [1])
        for m in measures {
            guard let f = u.coverage[m], let n = f.householdsMultiOperator else { continue }
            let share = u.households > 0 ? Double(n) / Double(u.households) : nil
            multi.rows.append([m.rawValue, "\(N.grouped(n)) (\(N.percent(share)))"])
        }
        var blocks: [ReportBlock] = [.table(households), .table(persons), .table(areas)]
        if !multi.rows.isEmpty { blocks.append(.table(multi)) }
        blocks.append(.paragraph("operators.csv, communes.csv, communes.geojson"))
        return ReportSection(id: "operators", title: L(.operators), blocks: blocks)
    }
}
