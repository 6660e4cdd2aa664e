import CoverageModel
import GeometryKernels

/// The state part that keeps the layout of the area stage's grid of every fibre segment (its
/// extent and count): a what-if run lays the grid of the few segments it reads out the same, so
/// it reads only the routes near the units it computes (issue 18). An optional part: a run stored
/// without it has its what-if runs read every route.
enum FibreLayoutState {
    /// The part's name.
    static let name = "fibre-layout"

    /// Writes `layout` as the part into `parts`.
    static func encode(_ layout: BoxGridLayout, into parts: inout [String: [UInt8]]) {
        var w = StateWriter()
        w.int(Int64(layout.validCount))
        if let e = layout.extent {
            for v in [e.minX, e.minY, e.maxX, e.maxY] { w.double(v) }
        }
        parts[name] = w.take()
    }

    /// The layout kept in `parts`: `.some(nil)` when the part is absent, nil when it is malformed.
    static func decode(_ parts: [String: [UInt8]]) -> BoxGridLayout?? {
        guard let bytes = parts[name] else { return .some(nil) }
        var r = StateReader(bytes)
        guard let count = r.int(), count >= 0 else { return nil }
        guard count > 0 else { return r.atEnd ? .some(BoxGridLayout()) : nil }
        guard let minX = r.double(), let minY = r.double(), let maxX = r.double(), let maxY = r.double(), r.atEnd,
            minX <= maxX, minY <= maxY
        else { return nil }
        return .some(
            BoxGridLayout(extent: BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY), validCount: Int(count)))
    }
}
