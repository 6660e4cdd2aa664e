import CoverageModel
import CoverageStore
import Foundation
import SpatialSQL

/// Area shares for every unit (Swift scanline integration) and, when asked, the uncovered-area
/// polygons of the gap measure (GEOS), on all cores when it is safe.
///
/// GEOS work runs per unit, only for units the gap measure leaves partly uncovered. With more than
/// one core, units are split among worker connections of their own (SQLite connections are not
/// shared across threads); each worker checks that it sees the same store contents as the caller's
/// snapshot (the datasets fingerprint) and otherwise the work falls back to the caller's
/// connection, so an import committing meanwhile never mixes states.
struct AreaPass {
    let parameters: CoverageParameters
    let storePath: String

    /// One unit's results.
    struct UnitAreas: Sendable {
        var shares: [Measure: Double]
        var gap: StoredGapArea? = nil
    }

    /// Results per unit, in unit order (`facts` in the order of `inputs.units`).
    func run(_ db: Connection, inputs: AnalysisInputs, facts: [UnitFact]) throws -> [UnitAreas] {
        let wanted = parameters.areaMeasures
        let measures = Array(Set(wanted + (parameters.gapAreas ? [parameters.gapTechnology] : [])))
        let computed = AreaShares(inputs: inputs, parameters: parameters).compute(
            units: inputs.units.map(\.geometry), centres: facts.map(\.centre), measures: measures)
        var out = computed.map { UnitAreas(shares: $0.shares.filter { wanted.contains($0.key) }) }
        guard parameters.gapAreas else { return out }
        // Fully covered units have no gap polygon; the rest need GEOS.
        let partial = computed.indices.filter { (computed[$0].shares[parameters.gapTechnology] ?? 0) < 1 }
        let gaps = try uncoveredAreas(db, facts: partial.map { facts[$0] })
        for (i, gap) in zip(partial, gaps) { out[i].gap = gap }
        return out
    }

    /// The uncovered part of each unit for the gap measure, computed with GEOS.
    private func uncoveredAreas(_ db: Connection, facts: [UnitFact]) throws -> [StoredGapArea?] {
        let expected = try SnapshotIdentity.of(db)
        let workers = min(ParallelChunks.defaultWorkers, max(1, facts.count / 8))
        if workers > 1 {
            let parts = ParallelChunks.map(0..<facts.count, chunkCount: workers) { _, range in
                Result { () throws -> [StoredGapArea?]? in
                    // nil when the worker cannot open the store or sees another snapshot.
                    guard let reader = SnapshotReader(path: storePath, fingerprint: expected) else { return nil }
                    return try uncovered(reader.db, facts: Array(facts[range]))
                }
            }
            var out: [StoredGapArea?] = []
            for part in parts {
                guard let areas = try part.get() else { return try uncovered(db, facts: facts) }
                out += areas
            }
            return out
        }
        return try uncovered(db, facts: facts)
    }

    private func uncovered(_ db: Connection, facts: [UnitFact]) throws -> [StoredGapArea?] {
        let area = try AreaCoverage(db: db, parameters: parameters)
        let key = parameters.gapTechnology
        return try facts.map { fact in
            let cover = try area.cover(unitID: fact.rowID, centre: fact.centre, box: fact.box, measures: [key])
            return try area.uncovered(unitID: fact.rowID, cover: cover, key: key).map {
                StoredGapArea(
                    unitCode: fact.code, wkb: $0.wkb, km2: $0.km2, share: fact.areaKm2 > 0 ? $0.km2 / fact.areaKm2 : 0)
            }
        }
    }
}
