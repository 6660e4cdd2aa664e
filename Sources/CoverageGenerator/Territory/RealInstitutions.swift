import CoverageFormats
import CoverageModel

/// Institutions of a real territory: its real schools, clinics and town halls, and a commune office
/// and health station per commune, each with a synthetic recorded connection.
enum RealInstitutions {
    /// Writes every institution (real ones first, in file order); returns how many were written.
    static func write(
        _ territory: RealTerritory, layout: CommuneLayout, naming: CommuneNaming, hubs: [Coordinate],
        noFibre: [Bool], seed: UInt64, writer: CSVWriter
    ) throws -> Int {
        var rng = Rng(seed: seed, stream: 40_000_000)
        var count = 0
        func row(
            _ id: String, _ kind: InstitutionKind, _ name: String, _ at: Coordinate, offGrid: Bool, _ origin: String
        )
            throws
        {
            let table = offGrid ? Institutions.offGridConnection : Institutions.publicConnection
            let connection = ConnectionKind.allCases[rng.pick(cumulative: table)]
            let grade = EvidenceGrade.allCases[rng.pick(cumulative: Institutions.evidence)]
            try writer.writeRow([
                .string(id), .string(kind.rawValue), .string(name), .fixed(at.x, decimals: 7),
                .fixed(at.y, decimals: 7), .string(connection.rawValue), .string(grade.rawValue), .string(origin),
            ])
            count += 1
        }
        for place in territory.places {
            // The commune of a place near a boundary is unknown to the lattice: it counts as on the grid.
            let k = layout.lattice.commune(at: place.position).map(Int.init)
            try row(
                place.id, place.kind, place.name, place.position, offGrid: k.map { noFibre[$0] } ?? false,
                "OpenStreetMap")
        }
        for k in naming.codes.indices {
            let unit = layout.communes[k].urban ? "phường" : "xã"
            let base = baseName(naming.names[k])
            let office = hubs[k]
            let station = Metres.offset(office, 60, -40)
            try row(
                "SYN-\(naming.codes[k])-UB", .stateOffice, "UBND \(unit) \(base)", office, offGrid: noFibre[k],
                "synthetic")
            let health = layout.lattice.commune(at: station) == Int32(k) ? station : office
            try row(
                "SYN-\(naming.codes[k])-YT", .health, "Trạm Y tế \(unit) \(base)", health, offGrid: noFibre[k],
                "synthetic")
        }
        return count
    }
}
