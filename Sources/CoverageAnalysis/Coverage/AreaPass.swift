import CoverageModel
import CoverageStore
import Foundation

/// Area shares for every unit (Swift scanline integration) and, when asked, the uncovered-area
/// polygons of the gap measure (GEOS), on all cores when it is safe.
///
/// GEOS work runs per unit, only for units the gap measure leaves partly uncovered. With more than
/// one core, units are split among worker snapshots (`ReadSnapshot.worker()`, each on a connection
/// of its own); a worker is refused unless it sees the caller's snapshot, and then the caller's
/// snapshot does all the work, so an import committing meanwhile never mixes states.
struct AreaPass {
    let parameters: CoverageParameters
    /// Where workers come from (nil: the caller's snapshot; tests pass one that is refused).
    var workerSource: SnapshotWorkers? = nil

    /// One unit's results.
    struct UnitAreas: Sendable {
        var shares: [Measure: Double]
        var gap: StoredGapArea? = nil
        /// The unit's areas per top box (what a what-if run starts from).
        var boxes = UnitBoxSums()
    }

    /// Results per unit, in unit order (`facts` in the order of `inputs.units`).
    func run(_ snapshot: ReadSnapshot, inputs: AnalysisInputs, facts: [UnitFact]) throws -> [UnitAreas] {
        let wanted = parameters.areaMeasures
        let measures = Array(Set(wanted + (parameters.gapAreas ? [parameters.gapTechnology] : [])))
        let computed = AreaShares(inputs: inputs, parameters: parameters).compute(
            units: inputs.units.map(\.geometry), centres: facts.map(\.centre), measures: measures)
        var out = computed.map { UnitAreas(shares: $0.shares.filter { wanted.contains($0.key) }, boxes: $0.boxes) }
        guard parameters.gapAreas else { return out }
        // Fully covered units have no gap polygon; the rest need GEOS.
        let partial = computed.indices.filter { (computed[$0].shares[parameters.gapTechnology] ?? 0) < 1 }
        let gaps = try uncoveredAreas(snapshot, facts: partial.map { facts[$0] })
        for (i, gap) in zip(partial, gaps) { out[i].gap = gap }
        return out
    }

    /// The uncovered part of each unit for the gap measure, computed with GEOS (`GapPolygons`).
    private func uncoveredAreas(_ snapshot: ReadSnapshot, facts: [UnitFact]) throws -> [StoredGapArea?] {
        let workers = min(ParallelChunks.defaultWorkers, max(1, facts.count / 8))
        if workers > 1 {
            let source = workerSource ?? snapshot.workers
            let parts = ParallelChunks.map(0..<facts.count, chunkCount: workers) { _, range in
                Result { () throws -> [StoredGapArea?]? in
                    // nil when the worker cannot open the store or sees another snapshot.
                    guard let worker = source.open() else { return nil }
                    return try uncovered(worker, facts: Array(facts[range]))
                }
            }
            var out: [StoredGapArea?] = []
            for part in parts {
                guard let areas = try part.get() else { return try uncovered(snapshot, facts: facts) }
                out += areas
            }
            return out
        }
        return try uncovered(snapshot, facts: facts)
    }

    private func uncovered(_ snapshot: ReadSnapshot, facts: [UnitFact]) throws -> [StoredGapArea?] {
        let gaps = GapPolygons(snapshot: snapshot, parameters: parameters)
        return try facts.map { fact in
            try gaps.uncovered(unitID: fact.unit, centre: fact.centre, box: fact.box).map {
                StoredGapArea(
                    unitCode: fact.code, wkb: $0.wkb, km2: $0.km2, share: fact.areaKm2 > 0 ? $0.km2 / fact.areaKm2 : 0)
            }
        }
    }
}
