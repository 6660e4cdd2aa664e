import CoverageModel
import Foundation

/// A leaf's scanline sweep taken out of the tree walk (`QuadAreaIntegrator.plan`), to run later on
/// any core: the same edges, capsules, frame and box as the walk would sweep, so the same areas.
package struct LeafSweep: Sendable {
    let edges: [SweepEdge]
    let capsules: [Capsule]
    let frame: LocalFrame
    let box: BoundingBox
    let capsuleStep: Double

    /// A rough cost, for running the costliest sweeps first: edges, and capsules on every line.
    package var cost: Double {
        let lines = capsules.isEmpty ? 0 : (frame.localY(box.maxY) - frame.localY(box.minY)) / capsuleStep
        return Double(edges.count) * 16 + max(lines, 0) * Double(8 + capsules.count)
    }

    /// The sweep's covered area per layer mask, with the scratch of `sweeper`.
    package func areas(with sweeper: inout LeafSweeper) -> [Double] {
        sweeper.sweep.integrate(edges: edges, capsules: capsules, frame: frame, box: box, capsuleStep: capsuleStep)
        return sweeper.sweep.areaByMask
    }
}

/// A worker's scratch for `LeafSweep.areas(with:)` (one per worker, reused sweep after sweep).
package struct LeafSweeper {
    var sweep: ScanlineArea

    /// Scratch for sweeps of `layers` layers, capsules in `capsuleLayer`.
    package init(layers: Int, capsuleLayer: Int) {
        sweep = ScanlineArea(layers: layers, capsuleLayer: capsuleLayer)
    }
}

/// One addition to a top node's areas, in the tree walk's order: a box wholly covered by the layers
/// of `mask` (its ellipsoidal area), or a leaf's sweep (its index in `QuadAreaPlan.sweeps`).
package enum AreaStep: Sendable {
    case rectangle(mask: Int, area: Double)
    case sweep(Int)
}

/// A unit's integration tree walked without its leaf sweeps.
///
/// Per top node (depth first) the additions that make its areas, and the sweeps they need. Once
/// the sweeps have run (in any order, on any core), `topNodeAreas` adds them in the walk's order:
/// the bits of `integrate(topDepth:)`.
package struct QuadAreaPlan: Sendable {
    /// Per top node, depth first: its key and its additions in `steps` (nil: skipped).
    package internal(set) var topNodes: [(key: UInt32, steps: Range<Int>?)] = []
    package internal(set) var steps: [AreaStep] = []
    package internal(set) var sweeps: [LeafSweep] = []

    /// An empty plan.
    package init() {}

    /// Per top node its key and areas per mask (`masks` of them; nil: skipped), given each sweep's areas.
    package func topNodeAreas(masks: Int, sweepAreas: (Int) -> [Double]) -> [(key: UInt32, areaByMask: [Double]?)] {
        topNodes.map { key, range in
            guard let range else { return (key, nil) }
            var areas = [Double](repeating: 0, count: masks)
            for step in steps[range] {
                switch step {
                case .rectangle(let mask, let area): areas[mask] += area
                case .sweep(let i):
                    let swept = sweepAreas(i)
                    for m in areas.indices { areas[m] += swept[m] }
                }
            }
            return (key, areas)
        }
    }
}
