import CoverageModel
import Foundation
import SpatialSQL

/// Area shares and uncovered areas for every unit, on all cores when it is safe.
///
/// GEOS work runs per unit. With more than one core, units are split among worker connections of
/// their own (SQLite connections are not shared across threads); each worker checks that it sees
/// the same store contents as the caller's snapshot (the datasets fingerprint) and otherwise the
/// work falls back to the caller's connection, so an import committing meanwhile never mixes states.
struct AreaPass {
    let parameters: CoverageParameters
    let storePath: String

    /// One unit's results.
    struct UnitAreas: Sendable {
        var shares: [TechnologyKey: Double]
        var gap: ResultsWriter.GapArea?
    }

    /// The store's contents fingerprint: every import adds a dataset row and every replace removes one.
    static func fingerprint(_ db: Connection) throws -> String {
        try db.scalar("SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || total(row_count) FROM datasets").text
            ?? ""
    }

    /// Results per unit, in unit order.
    func run(_ db: Connection, facts: [UnitFact]) throws -> [UnitAreas] {
        let expected = try Self.fingerprint(db)
        let workers = min(ParallelChunks.defaultWorkers, max(1, facts.count / 8))
        if workers > 1 {
            let parts = ParallelChunks.map(0..<facts.count, chunkCount: workers) { _, range in
                Result { () throws -> [UnitAreas]? in
                    let worker = try Connection(path: storePath, mode: .readOnly)
                    try worker.execute("BEGIN")
                    defer { try? worker.execute("COMMIT") }
                    guard try Self.fingerprint(worker) == expected else { return nil }
                    return try compute(worker, facts: Array(facts[range]))
                }
            }
            var out: [UnitAreas] = []
            for part in parts {
                guard let areas = try part.get() else { return try compute(db, facts: facts) }
                out += areas
            }
            return out
        }
        return try compute(db, facts: facts)
    }

    private func compute(_ db: Connection, facts: [UnitFact]) throws -> [UnitAreas] {
        let area = try AreaCoverage(db: db, parameters: parameters)
        let wanted = Set(parameters.technologies + [parameters.gapTechnology])
        return try facts.map { fact in
            let cover = try area.cover(unitID: fact.rowID, centre: fact.centre, box: fact.box, measures: wanted)
            var shares: [TechnologyKey: Double] = [:]
            for key in parameters.technologies { shares[key] = try area.share(cover, key) }
            let gap = try area.uncovered(unitID: fact.rowID, cover: cover, key: parameters.gapTechnology).map {
                ResultsWriter.GapArea(
                    unitCode: fact.code, wkb: $0.wkb, km2: $0.km2, share: fact.areaKm2 > 0 ? $0.km2 / fact.areaKm2 : 0)
            }
            return UnitAreas(shares: shares, gap: gap)
        }
    }
}
