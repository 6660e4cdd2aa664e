import CoverageModel
import Foundation
import GeometryKernels

/// A what-if run's area shares: for each unit the change meets, only the top boxes the change
/// meets are integrated again; the others come from the stored run's box sums (`AreaBoxState`),
/// so the shares and the box sums are those of a full run bit for bit.
struct WhatIfAreas {
    let parameters: CoverageParameters

    /// Recomputes the shares of `units` (those whose boxes meet the `change` boxes) into `out`.
    ///
    /// `out.boxes` becomes `stored` with those units replaced. A unit whose stored chunk cannot be
    /// decoded is computed whole, with every other unit of that chunk. `fibreLayout`: the stored
    /// run's fibre segment grid layout (required when `inputs` hold only the routes near `units`).
    func update(
        _ out: inout UnitAreaFigures, inputs: AnalysisInputs, facts: [UnitFact], units: [Int], change: [BoundingBox],
        stored: AreaBoxState, fibreLayout: BoxGridLayout? = nil
    ) {
        var previous: [Int: UnitBoxSums] = [:]
        var compute = Set(units)
        for u in units where previous[u] == nil {
            let members = stored.units(inChunkOf: u)
            if let chunk = stored.chunk(of: u) {
                for (v, sums) in zip(members, chunk) { previous[v] = sums }
            } else {
                compute.formUnion(members)
            }
        }
        let recomputed = compute.sorted()
        let wanted = parameters.areaMeasures
        // The measures of a full run's area pass (`AreaPass`): the same fibre decision, the same boxes.
        let measures = Array(Set(wanted + (parameters.gapAreas ? [parameters.gapTechnology] : [])))
        let boxes = recomputed.compactMap { inputs.units[$0].geometry.boundingBox }
        let fresh = AreaShares(inputs: inputs, parameters: parameters, only: boxes, fibreLayout: fibreLayout).compute(
            units: recomputed.map { inputs.units[$0].geometry }, centres: recomputed.map { facts[$0].centre },
            measures: measures, stored: recomputed.map { previous[$0] }, change: BoxSet(change), schedule: .byLeaf)
        var replaced: [Int: UnitBoxSums] = [:]
        for (u, unit) in zip(recomputed, fresh) {
            out.shares[u] = unit.shares.filter { wanted.contains($0.key) }
            replaced[u] = unit.boxes
        }
        var boxState = stored
        // Every unit of an undecodable chunk is in `replaced`, so replacing cannot fail.
        _ = boxState.replace(replaced)
        out.boxes = boxState
    }
}
