import CoverageModel
import Foundation
import GeometryKernels

extension AreaShares {
    /// Per unit its top nodes' sums (nil: a unit without a box), the work spread leaf by leaf: the
    /// units' trees are walked on the cores (`QuadAreaIntegrator.plan`), then every leaf sweep of
    /// every unit is pulled by whichever core is free, costliest first, and each unit's nodes add
    /// their sweeps in the walk's order (the bits of `sumsByUnit`).
    ///
    /// A what-if run recomputes a few hundred units at most, of very uneven cost (a town's units
    /// hold most of the leaves): split by unit, one core ends long before the other.
    func sumsByLeaf(_ request: UnitRequest) -> [UnitBoxSums?] {
        let count = request.units.count
        let walked = ParallelChunks.map(0..<count, chunkCount: Self.chunkCount(units: count)) { _, range in
            var integrator = QuadAreaIntegrator(layers: 5, capsuleLayer: Self.fibreBit)
            var scratch = UnitScratch()
            return range.map { u -> (input: UnitInput, plan: QuadAreaPlan)? in
                guard let unit = unitInput(u, request, &scratch) else { return nil }
                let plan = integrator.plan(
                    pieces: scratch.pieces, capsules: scratch.capsules, frame: unit.frame, box: unit.box,
                    capsuleStep: Self.fibreStepMetres, topDepth: Self.topDepth, skip: unit.skip)
                return (unit, plan)
            }
        }
        .flatMap { $0 }
        // Every sweep of every unit, numbered unit by unit.
        var firstSweep: [Int] = []
        var sweeps: [LeafSweep] = []
        for unit in walked {
            firstSweep.append(sweeps.count)
            sweeps += unit?.plan.sweeps ?? []
        }
        let costs = sweeps.map(\.cost)
        let order = sweeps.indices.sorted { costs[$0] > costs[$1] }
        let areas = ParallelChunks.pull(
            sweeps.count, order: order, state: { LeafSweeper(layers: 5, capsuleLayer: Self.fibreBit) }
        ) { [sweeps] sweeper, i in
            sweeps[i].areas(with: &sweeper)
        }
        return walked.enumerated().map { u, unit in
            guard let unit else { return nil }
            let first = firstSweep[u]
            return unit.input.sums(unit.plan.topNodeAreas(masks: 32) { areas[first + $0] })
        }
    }
}
