import CoverageModel
import Foundation

/// Draws a choropleth as inline SVG: equirectangular projection scaled by cos(mid-latitude), vertices
/// snapped to 0.1 px and thinned, hover text in SVG `<title>` elements (works offline without scripts).
public struct SVGMap {
    /// Commune geometry by code.
    public var geometries: [String: Geometry]
    /// Drawing width in px.
    public var width = 720.0
    /// Vertices closer than this (px) to the previous kept vertex are dropped.
    public var tolerance = 0.7

    public init(geometries: [String: Geometry]) { self.geometries = geometries }

    private struct Frame {
        var minLon: Double, maxLat: Double, kx: Double, scale: Double, height: Double
        func project(_ c: Coordinate) -> (Double, Double) { ((c.x - minLon) * kx * scale, (maxLat - c.y) * scale) }
    }

    private func frame() -> Frame? {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for g in geometries.values {
            g.forEachCoordinate { c in
                minX = min(minX, c.x)
                maxX = max(maxX, c.x)
                minY = min(minY, c.y)
                maxY = max(maxY, c.y)
            }
        }
        guard minX.isFinite, maxX > minX, maxY > minY else { return nil }
        let kx = cos((minY + maxY) / 2 * .pi / 180)
        let scale = width / ((maxX - minX) * kx)
        return Frame(minLon: minX, maxLat: maxY, kx: kx, scale: scale, height: (maxY - minY) * scale)
    }

    /// The SVG path data of a polygonal geometry (empty for other kinds).
    private func pathData(_ g: Geometry, _ f: Frame) -> String {
        var d = ""
        for polygon in g.polygons {
            for ring in polygon.rings {
                var kept: [(Double, Double)] = []
                for c in ring {
                    let (x, y) = f.project(c)
                    let p = ((x * 10).rounded() / 10, (y * 10).rounded() / 10)
                    if let last = kept.last, abs(last.0 - p.0) + abs(last.1 - p.1) < tolerance { continue }
                    kept.append(p)
                }
                guard kept.count >= 3 else { continue }
                d += "M" + kept.map { "\(Self.num($0.0)) \(Self.num($0.1))" }.joined(separator: "L") + "Z"
            }
        }
        return d
    }

    static func num(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// The map as an `<svg>` element (no xmlns needed inside HTML), legend below the map.
    public func render(_ map: ChoroplethMap, id: String) -> String {
        guard let f = frame() else { return "<p>\(HTMLText.escape(map.noDataLabel))</p>" }
        let legendHeight = 28.0 + (map.hatchLabel == nil ? 0 : 22)
        let h = (f.height + legendHeight + 8).rounded(.up)
        var out =
            "<svg class=\"map\" id=\"\(id)\" viewBox=\"-2 -2 \(Self.num(width + 4)) \(Self.num(h + 4))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(map.title))\">\n"
        out += "<title>\(HTMLText.escape(map.title))</title>\n"
        out +=
            "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#333\" stroke-width=\"1.5\"/>"
            + "</pattern></defs>\n"
        for code in geometries.keys.sorted() {
            guard let g = geometries[code] else { continue }
            let d = pathData(g, f)
            guard !d.isEmpty else { continue }
            let value = map.values[code] ?? nil
            out += "<path class=\"c\" d=\"\(d)\" fill=\"\(map.colour(value))\">"
            out += "<title>\(HTMLText.escape(map.tooltips[code] ?? code))</title></path>\n"
            if map.hatched.contains(code) {
                out += "<path class=\"h\" d=\"\(d)\" fill=\"url(#\(id)-hatch)\"/>\n"
            }
        }
        // Legend.
        var x = 0.0
        let y = f.height + 10
        for c in map.classes + [MapClass(lowerBound: .nan, colour: map.colour(nil), label: map.noDataLabel)] {
            out +=
                "<rect x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" width=\"14\" height=\"14\" fill=\"\(c.colour)\" stroke=\"#555\"/>"
            out += "<text x=\"\(Self.num(x + 18))\" y=\"\(Self.num(y + 12))\">\(HTMLText.escape(c.label))</text>\n"
            x += 34 + Double(c.label.count) * 7.5  // swatch, gap, label at ~7.5 px per character
        }
        if let hatch = map.hatchLabel {
            out +=
                "<rect x=\"0\" y=\"\(Self.num(y + 22))\" width=\"14\" height=\"14\" fill=\"url(#\(id)-hatch)\" stroke=\"#555\"/>"
            out += "<text x=\"18\" y=\"\(Self.num(y + 34))\">\(HTMLText.escape(hatch))</text>\n"
        }
        out += "</svg>\n"
        return out
    }
}

/// HTML text escaping.
public enum HTMLText {
    /// Escapes &, <, >, " and ', and shows control characters as escapes (`\x1B`; line breaks and tabs kept).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in DisplayText.terminal(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
