import CoverageModel
import Foundation

/// The communes projected and simplified once, drawn by reference (`<use>`) in every map of a report.
struct MapBase {
    /// One commune: its path id, simplified rings (px) and label placement.
    struct Commune {
        var code: String
        var name: String
        var id: String
        var rings: [[MapPoint]]
        var path: String
        /// Where a label goes, and the width of the room there (px).
        var anchor: MapPoint
        var room: Double
    }

    let frame: MapFrame
    let communes: [Commune]

    /// Projects and simplifies `geometries` (by code) at `tolerance` px on a `width` px drawing.
    init?(geometries: [String: Geometry], names: [String: String], width: Double = 800, tolerance: Double = 0.5) {
        let codes = geometries.keys.sorted()
        guard let frame = MapFrame(fitting: codes.compactMap { geometries[$0] }, width: width) else { return nil }
        self.frame = frame
        var rings: [[MapPoint]] = []
        var owner: [Int] = []
        for (i, code) in codes.enumerated() {
            for polygon in geometries[code]?.polygons ?? [] {
                for ring in polygon.rings {
                    rings.append(ring.map(frame.project))
                    owner.append(i)
                }
            }
        }
        let simplified = Simplifier(tolerance: tolerance).simplify(rings)
        var byCommune = [[[MapPoint]]](repeating: [], count: codes.count)
        for (r, ring) in simplified.enumerated() where !ring.isEmpty { byCommune[owner[r]].append(ring) }
        communes = codes.enumerated().compactMap { i, code in
            let rs = byCommune[i]
            guard !rs.isEmpty else { return nil }
            let (anchor, room) = Self.labelRoom(rs)
            return Commune(
                code: code, name: names[code] ?? code, id: "c\(i)", rings: rs,
                path: rs.map { SVGNumber.path($0, closed: true) }.joined(), anchor: anchor, room: room)
        }
    }

    /// The `<defs>` every map of the document refers to: commune outlines and the two fill patterns.
    func defs() -> String {
        var out =
            "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>\n"
            + "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#222\" stroke-width=\"1.4\"/></pattern>\n"
            + "<pattern id=\"nodata\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1\" fill=\"#777\"/></pattern>\n"
        for c in communes { out += "<path id=\"\(c.id)\" d=\"\(c.path)\"/>\n" }
        return out + "</defs></svg>\n"
    }

    /// The widest horizontal room inside the rings near their middle (even-odd), and its centre.
    static func labelRoom(_ rings: [[MapPoint]]) -> (MapPoint, Double) {
        let ys = rings.flatMap { $0.map(\.y) }
        guard let minY = ys.min(), let maxY = ys.max() else { return (MapPoint(x: 0, y: 0), 0) }
        var best = (MapPoint(x: 0, y: 0), -1.0)
        for k in 1...9 {
            let y = minY + (maxY - minY) * Double(k) / 10
            for (a, b) in intervals(rings, y) {
                let mid = (a + b) / 2
                let room = [y - 5, y, y + 5].map { width(rings, $0, at: mid) }.min() ?? 0
                let centred = room - abs(Double(k) - 5) * 0.5  // prefer the middle
                if centred > best.1 { best = (MapPoint(x: mid, y: y), room) }
            }
        }
        if best.1 < 0 {
            let xs = rings.flatMap { $0.map(\.x) }
            return (MapPoint(x: ((xs.min() ?? 0) + (xs.max() ?? 0)) / 2, y: (minY + maxY) / 2), 0)
        }
        return best
    }

    /// The inside intervals of a horizontal line.
    static func intervals(_ rings: [[MapPoint]], _ y: Double) -> [(Double, Double)] {
        var xs: [Double] = []
        for ring in rings {
            for i in ring.indices {
                let p = ring[i], q = ring[(i + 1) % ring.count]
                if (p.y > y) != (q.y > y) { xs.append(p.x + (y - p.y) / (q.y - p.y) * (q.x - p.x)) }
            }
        }
        xs.sort()
        return stride(from: 0, to: xs.count - 1, by: 2).map { (xs[$0], xs[$0 + 1]) }
    }

    /// The width of the inside interval at height y containing x (0 when x is outside).
    static func width(_ rings: [[MapPoint]], _ y: Double, at x: Double) -> Double {
        intervals(rings, y).first { $0.0 <= x && x <= $0.1 }.map { $0.1 - $0.0 } ?? 0
    }
}
