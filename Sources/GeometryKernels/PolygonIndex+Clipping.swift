import CoverageModel

/// How a box lies relative to one polygon part.
enum PartRelation {
    /// The whole box is covered by the part.
    case inside
    /// No point of the box is covered by the part.
    case outside
    /// Some edge of the part touches the box.
    case mixed
}

extension PolygonIndexStorage {
    /// The parts of item `item` (parts are stored in item order); empty for an item without parts.
    func partRange(item: Int) -> Range<Int> {
        let parts = self.parts.base
        let n = self.parts.count
        // First part with item ≥ `item`, then first part with item > `item`.
        func lowerBound(_ value: Int) -> Int {
            var lo = 0
            var hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(parts[mid].item) < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return lowerBound(item)..<lowerBound(item + 1)
    }

    /// Relates a closed box to part `p`, appending to `edges` (deduplicated, ascending) every edge
    /// of the part that touches the box when the answer is `.mixed`.
    ///
    /// `firstX, firstY` is a point of the box, used when the box lies in boundary cells but no edge
    /// touches it. Cells without edges are all of one class inside any box that touches no boundary
    /// cell (an edge would separate an inside cell from an outside one); cells on the grid's rim
    /// without edges are outside.
    func classify(
        _ box: BoundingBox, part p: Int, firstX: Double, firstY: Double, edges: inout [Int]
    ) -> PartRelation {
        let g = parts.base[p]
        guard box.maxX >= g.minX, box.minX <= g.maxX, box.maxY >= g.minY, box.minY <= g.maxY else { return .outside }
        let pad = GridRaster.padding
        let nx = Int(g.columns)
        let ny = Int(g.rows)
        @inline(__always) func column(_ x: Double) -> Int {
            let c = (x - g.minX) * g.inverseWidth
            if !(c > 0) { return 0 }
            return c >= Double(nx) ? nx - 1 : Int(c)
        }
        @inline(__always) func row(_ y: Double) -> Int {
            let r = (y - g.minY) * g.inverseHeight
            if !(r > 0) { return 0 }
            return r >= Double(ny) ? ny - 1 : Int(r)
        }
        let c0 = column(box.minX - pad)
        let c1 = column(box.maxX + pad)
        let r0 = row(box.minY - pad)
        let r1 = row(box.maxY + pad)
        let st = status.base
        let starts = cellStart.base
        let ent = entries.base
        let xy = coords.base
        let before = edges.count
        var boundary = false
        for r in r0...r1 {
            for c in c0...c1 {
                let cell = g.cellBase + r * nx + c
                guard st[cell] == PolygonIndexStorage.boundary else { continue }
                boundary = true
                for k in Int(starts[cell])..<Int(starts[cell + 1]) {
                    let e = ent[k]
                    // An edge is listed in every column it crosses in a row: take it once per row.
                    if c != c0 && Int(truncatingIfNeeded: e >> 32) != c { continue }
                    let v = Int(truncatingIfNeeded: e & 0xFFFF_FFFF)
                    if Self.segmentTouchesBox(xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3], box) {
                        edges.append(v)
                    }
                }
            }
        }
        if !boundary {
            return st[g.cellBase + r0 * nx + c0] == PolygonIndexStorage.inside ? .inside : .outside
        }
        if edges.count == before { return partCovers(p, firstX, firstY) ? .inside : .outside }
        // The same edge may come from several rows.
        if edges.count - before > 1 {
            edges[before...].sort()
            var w = before + 1
            for i in (before + 1)..<edges.count where edges[i] != edges[w - 1] {
                edges[w] = edges[i]
                w += 1
            }
            edges.removeLast(edges.count - w)
        }
        return .mixed
    }

    /// True when the segment (x1, y1)–(x2, y2) shares a point with the closed box (exact).
    @inline(__always)
    static func segmentTouchesBox(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ b: BoundingBox) -> Bool {
        guard Swift.max(x1, x2) >= b.minX, Swift.min(x1, x2) <= b.maxX, Swift.max(y1, y2) >= b.minY,
            Swift.min(y1, y2) <= b.maxY
        else { return false }
        // Boxes overlap; the segment misses the box only if its line leaves all four corners strictly on one side.
        let o1 = Orientation.orient(x1, y1, x2, y2, b.minX, b.minY)
        let o2 = Orientation.orient(x1, y1, x2, y2, b.maxX, b.minY)
        let o3 = Orientation.orient(x1, y1, x2, y2, b.maxX, b.maxY)
        let o4 = Orientation.orient(x1, y1, x2, y2, b.minX, b.maxY)
        return !((o1 > 0 && o2 > 0 && o3 > 0 && o4 > 0) || (o1 < 0 && o2 < 0 && o3 < 0 && o4 < 0))
    }
}
