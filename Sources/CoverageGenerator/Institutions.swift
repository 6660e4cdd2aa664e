import CoverageFormats
import CoverageModel

/// Schools, health stations, commune offices and businesses with their recorded connection.
enum Institutions {
    static let publicConnection = cumulativeSums([0.86, 0.07, 0.04, 0.0, 0.03])
    private static let businessConnection = cumulativeSums([0.70, 0.15, 0.10, 0.0, 0.05])
    static let offGridConnection = cumulativeSums([0.0, 0.0, 0.60, 0.20, 0.20])
    static let evidence = cumulativeSums([0.60, 0.25, 0.15])
    private static let schoolLevels = ["Mầm non", "Tiểu học", "THCS", "Tiểu học và THCS", "THPT"]
    private static let businessForms = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân"]
    private static let businessTrades = [
        "Thương mại", "Xây dựng", "Nông sản", "Dịch vụ", "Chè", "Vận tải", "Lâm nghiệp",
    ]

    /// Writes the institutions of commune k; returns how many were written.
    static func write(
        commune k: Int, layout: CommuneLayout, naming: CommuneNaming, hamlets: ArraySlice<GeneratedHamlet>,
        noFibre: Bool, seed: UInt64, nextID: inout Int, writer: CSVWriter
    ) throws -> Int {
        var rng = Rng(seed: seed, stream: 20_000_000 + UInt64(k))
        let c = layout.communes[k]
        let base = naming.baseNames[k]
        let unit = c.urban ? "phường" : "xã"
        var items: [(InstitutionKind, String)] = [
            (.stateOffice, "UBND \(unit) \(base)"), (.health, "Trạm Y tế \(unit) \(base)"),
        ]
        let schools = c.urban ? rng.int(in: 3...6) : rng.int(in: 2...4)
        for s in 0..<schools {
            let level = schoolLevels[min(s, schoolLevels.count - 1)]
            items.append((.school, "Trường \(level) \(base)" + (s >= schoolLevels.count ? " \(s)" : "")))
        }
        let businesses = c.urban ? rng.int(in: 5...25) : rng.int(in: 0...4)
        var maker = NameMaker(seed: seed, stream: 30_000_000 + UInt64(k))
        for _ in 0..<businesses {
            let form = rng.element(businessForms)
            let name = "\(form) \(rng.element(businessTrades)) \(maker.unique())"
            items.append((.business, name))
        }
        let hamletList = Array(hamlets)
        for (idx, (kind, name)) in items.enumerated() {
            // The commune office and health station sit at the commune centre; others near a hamlet.
            let anchor = idx < 2 ? hamletList[0].position : rng.element(hamletList).position
            var pos = layout.randomPoint(k, &rng)
            for attempt in 0..<12 {
                let spread = idx < 2 ? 60.0 : 200.0
                let cand =
                    attempt == 0 && idx == 0
                    ? anchor : Metres.offset(anchor, rng.gaussian() * spread, rng.gaussian() * spread)
                if layout.lattice.commune(at: cand) == Int32(k) {
                    pos = cand
                    break
                }
            }
            let table = noFibre ? offGridConnection : (kind == .business ? businessConnection : publicConnection)
            let connection = ConnectionKind.allCases[rng.pick(cumulative: table)]
            let grade = EvidenceGrade.allCases[rng.pick(cumulative: evidence)]
            let digits = String(nextID)
            try writer.writeRow([
                .string("I" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits),
                .string(kind.rawValue), .string(name), .fixed(pos.x, decimals: 7), .fixed(pos.y, decimals: 7),
                .string(connection.rawValue), .string(grade.rawValue),
            ])
            nextID += 1
        }
        return items.count
    }
}
