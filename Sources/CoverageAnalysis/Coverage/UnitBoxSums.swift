import CoverageModel

/// A unit's covered areas per layer mask, kept per top node of its integration tree
/// (`QuadAreaIntegrator.integrate(topDepth:)`), non-zero masks only.
///
/// The unit's areas are always summed from these, node by node in the tree's order, so a run that
/// takes some nodes from a stored run and integrates the others gets the same bits.
struct UnitBoxSums: Equatable, Sendable {
    /// Per top node: its key in the upper 32 bits, the masks (bit `m`: mask `m`) with a non-zero area below.
    var nodes: [UInt64] = []
    /// The non-zero areas (m²), node by node, masks ascending within a node.
    var values: [Double] = []

    /// Appends one node's areas (indexed by mask, at most 32 masks).
    mutating func append(key: UInt32, areas areaByMask: [Double]) {
        var bits: UInt32 = 0
        for (mask, area) in areaByMask.enumerated() where area != 0 {
            bits |= 1 << UInt32(mask)
            values.append(area)
        }
        nodes.append(UInt64(key) << 32 | UInt64(bits))
    }

    /// Appends one node's masks and their areas as another value holds them.
    mutating func append(key: UInt32, masks: UInt32, values areas: ArraySlice<Double>) {
        nodes.append(UInt64(key) << 32 | UInt64(masks))
        values += areas
    }

    /// The nodes in order: key, masks and their areas.
    func forEachNode(_ body: (_ key: UInt32, _ masks: UInt32, _ values: ArraySlice<Double>) -> Void) {
        var at = 0
        for node in nodes {
            let bits = UInt32(truncatingIfNeeded: node)
            let n = bits.nonzeroBitCount
            body(UInt32(truncatingIfNeeded: node >> 32), bits, values[at..<at + n])
            at += n
        }
    }

    /// The unit's area per mask (`masks` entries): the nodes' areas added node by node, in order.
    func areaByMask(masks: Int) -> [Double] {
        var out = [Double](repeating: 0, count: masks)
        forEachNode { _, bits, values in
            var rest = bits
            var i = values.startIndex
            while rest != 0 {
                out[rest.trailingZeroBitCount] += values[i]
                i += 1
                rest &= rest - 1
            }
        }
        return out
    }

    /// Whether the values are as many as the nodes' masks say.
    var isConsistent: Bool {
        nodes.reduce(0) { $0 + UInt32(truncatingIfNeeded: $1).nonzeroBitCount } == values.count
    }
}
