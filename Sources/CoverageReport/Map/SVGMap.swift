import CoverageAnalysis
import CoverageModel
import Foundation

/// Draws choropleths as inline SVG over a shared `MapBase`: fills by reference to the commune outlines,
/// overlays, labels (names where they fit, numbers with a key otherwise), a scale bar and a north arrow;
/// the legend and key are HTML beside the SVG so they stay readable at any width and on paper.
struct SVGMap {
    let base: MapBase
    let layers: MapLayers
    let text: MapText

    /// A full map: SVG, legend, key of numbered communes.
    func figure(_ map: ChoroplethMap, id: String) -> String {
        let keyed = map.labelled ? labels() : (names: [], numbered: [])
        var out = "<figure class=\"map\" id=\"fig-\(id)\">\n<figcaption id=\"cap-\(id)\">\(HTMLText.escape(map.title))"
        if !keyed.numbered.isEmpty {
            out += " <a class=\"keylink\" href=\"#key-\(id)\">\(HTMLText.escape(text.keyTitle))</a>"
        }
        out += "</figcaption>\n<div class=\"mapbox\">\n" + svg(map, id: id, labels: keyed) + "</div>\n"
        out += "<p class=\"info\" id=\"info-\(id)\" aria-live=\"polite\"></p>\n"
        out += legend(map)
        if !keyed.numbered.isEmpty {
            out += "<div class=\"key\" id=\"key-\(id)\"><p class=\"keyt\">\(HTMLText.escape(text.keyTitle))</p><ol>"
            for (n, c) in keyed.numbered { out += "<li value=\"\(n)\">\(HTMLText.escape(c.name))</li>" }
            out += "</ol></div>\n"
        } else {
            out += "<span id=\"key-\(id)\"></span>\n"
        }
        return out + "</figure>\n"
    }

    /// Small multiples sharing the first map's legend.
    func grid(_ title: String, _ maps: [ChoroplethMap], id: String) -> String {
        var out =
            "<figure class=\"grid\" id=\"fig-\(id)\">\n<figcaption id=\"cap-\(id)\">\(HTMLText.escape(title))</figcaption>\n"
        out += "<div class=\"cells\">\n"
        for (i, m) in maps.enumerated() {
            out += "<div class=\"cell\"><p class=\"ct\">\(HTMLText.escape(m.title))</p>"
            out += svg(m, id: "\(id)-\(i)", labels: (names: [], numbered: [])) + "</div>\n"
        }
        out += "</div>\n"
        if let first = maps.first { out += legend(first) }
        return out + "<span id=\"key-\(id)\"></span>\n</figure>\n"
    }

    private func svg(
        _ map: ChoroplethMap, id: String, labels: (names: [MapBase.Commune], numbered: [(Int, MapBase.Commune)])
    ) -> String {
        let f = base.frame
        let w = SVGNumber.text(f.width), h = SVGNumber.text(f.height.rounded(.up))
        var out =
            "<svg class=\"map\(map.labelled ? "" : " small")\" id=\"\(id)\" viewBox=\"0 0 \(w) \(h)\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(map.title))\">\n<g class=\"vp\">\n"
        for c in base.communes {
            let value = map.values[c.code] ?? nil
            let fill = value == nil ? "url(#nodata)" : map.colour(value)
            out += "<use href=\"#\(c.id)\" class=\"c\" fill=\"\(fill)\">"
            out += "<title>\(HTMLText.escape(map.tooltips[c.code] ?? c.name))</title></use>\n"
            if map.hatched.contains(c.code) { out += "<use href=\"#\(c.id)\" class=\"h\" fill=\"url(#hatch)\"/>\n" }
        }
        if map.overlays.contains(.routes) { out += routes() }
        if map.overlays.contains(.sites) { out += sites() }
        if map.overlays.contains(.gaps) { out += gaps() }
        for overlay in [MapOverlay.undeclaredCells, .challengeCells] where map.overlays.contains(overlay) {
            out += cells(overlay)
        }
        if map.labelled {
            out += "<g class=\"lb\">"
            for c in labels.names { out += label(c.anchor, short(c.name), cls: "n") }
            for (n, c) in labels.numbered { out += label(c.anchor, String(n), cls: "k") }
            out += "</g>\n" + scaleBar()
        }
        out += "</g>\n"
        if map.labelled { out += northArrow() }
        return out + "</svg>\n"
    }

    private func label(_ p: MapPoint, _ s: String, cls: String) -> String {
        "<text class=\"\(cls)\" x=\"\(SVGNumber.text(p.x))\" y=\"\(SVGNumber.text(p.y + 3.5))\">\(HTMLText.escape(s))</text>"
    }

    /// The name without its administrative prefix (Xã, Phường, Thị trấn), for labels.
    func short(_ name: String) -> String {
        for prefix in ["Xã ", "Phường ", "Thị trấn "] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// Estimated label width at 10 px.
    private func labelWidth(_ s: String) -> Double { Double(s.count) * 5.6 + 4 }

    /// Communes labelled by name where the name fits without overlap, the others numbered (in code order).
    func labels() -> (names: [MapBase.Commune], numbered: [(Int, MapBase.Commune)]) {
        var placed: [(Double, Double, Double, Double)] = []
        var names: [MapBase.Commune] = []
        var rest: [MapBase.Commune] = []
        for c in base.communes.sorted(by: { $0.room > $1.room }) {
            let w = labelWidth(short(c.name))
            let box = (c.anchor.x - w / 2, c.anchor.y - 6, c.anchor.x + w / 2, c.anchor.y + 6)
            let overlaps = placed.contains { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }
            if c.room >= w && !overlaps {
                names.append(c)
                placed.append(box)
            } else {
                rest.append(c)
            }
        }
        let numbered = rest.sorted { $0.code < $1.code }.enumerated().map { ($0.offset + 1, $0.element) }
        return (names.sorted { $0.code < $1.code }, numbered)
    }

    private func routes() -> String {
        let simplifier = Simplifier(tolerance: 0.7)
        var d = ""
        for line in layers.routes {
            let pts = line.map { base.frame.project($0).snapped }
            guard pts.count >= 2 else { continue }
            let kept = simplifier.simplifyLine(pts)
            d += SVGNumber.path(kept, closed: false)
        }
        return d.isEmpty ? "" : "<path class=\"rt\" d=\"\(d)\"/>\n"
    }

    private func sites() -> String {
        var seen = Set<MapPoint>()
        var d = ""
        for s in layers.sites {
            let p = base.frame.project(s)
            let q = MapPoint(x: p.x.rounded(), y: p.y.rounded())
            guard seen.insert(q).inserted else { continue }
            d += "M\(SVGNumber.text(q.x)) \(SVGNumber.text(q.y))h0"
        }
        return d.isEmpty ? "" : "<path class=\"st\" d=\"\(d)\"/>\n"
    }

    private func gaps() -> String {
        let n = ReportNumbers(text.language)
        let names = Dictionary(base.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out = "<g class=\"gp\">"
        for g in layers.gaps {
            let place = g.unitCode.flatMap { names[$0] }.map { " — \($0)" } ?? ""
            let p = base.frame.project(Coordinate(g.lon, g.lat))
            let r = max(2.5, sqrt(Double(g.households)) * 0.35)
            out += "<circle cx=\"\(SVGNumber.text(p.x))\" cy=\"\(SVGNumber.text(p.y))\" r=\"\(SVGNumber.text(r))\">"
            out +=
                "<title>\(HTMLText.escape("\(text.overlays[.gaps] ?? "gap"): \(n.grouped(g.households))\(place)"))</title></circle>"
        }
        return out + "</g>\n"
    }

    /// A scale bar of a round length about a fifth of the map width, bottom left.
    private func scaleBar() -> String {
        let f = base.frame
        let target = f.width / 5 / f.pixelsPerKm
        let km = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 500].last { $0 <= target } ?? 1
        let px = km * f.pixelsPerKm
        let x = 12.0, y = f.height - 14
        let n = ReportNumbers(text.language)
        return
            "<g class=\"sb\"><rect x=\"\(SVGNumber.text(x))\" y=\"\(SVGNumber.text(y))\" width=\"\(SVGNumber.text(px / 2))\" height=\"5\" fill=\"#222\"/>"
            + "<rect x=\"\(SVGNumber.text(x + px / 2))\" y=\"\(SVGNumber.text(y))\" width=\"\(SVGNumber.text(px / 2))\" height=\"5\" fill=\"#fff\" stroke=\"#222\"/>"
            + "<text x=\"\(SVGNumber.text(x))\" y=\"\(SVGNumber.text(y - 4))\">0</text>"
            + "<text x=\"\(SVGNumber.text(x + px))\" y=\"\(SVGNumber.text(y - 4))\" text-anchor=\"end\">\(n.grouped(Int(km))) km</text></g>\n"
    }

    /// A north arrow, top right (lines of longitude are vertical in this projection).
    private func northArrow() -> String {
        let x = base.frame.width - 24
        return "<g class=\"na\" aria-hidden=\"true\"><path d=\"M\(SVGNumber.text(x)) 12l9 26-9-7-9 7z\" fill=\"#222\"/>"
            + "<text x=\"\(SVGNumber.text(x))\" y=\"50\" text-anchor=\"middle\">\(HTMLText.escape(text.north))</text></g>\n"
    }

    /// The HTML legend: classes, no data, the hatch and the overlays.
    private func legend(_ map: ChoroplethMap) -> String {
        var out = "<ul class=\"legend\">"
        for c in map.classes {
            out += "<li><i style=\"background:\(c.colour)\"></i>\(HTMLText.escape(c.label))</li>"
        }
        out += "<li><i class=\"nd\"></i>\(HTMLText.escape(map.noDataLabel))</li>"
        if let hatch = map.hatchLabel { out += "<li><i class=\"ht\"></i>\(HTMLText.escape(hatch))</li>" }
        for o in map.overlays {
            out += "<li><i class=\"ov-\(o.rawValue)\"></i>\(HTMLText.escape(text.overlays[o] ?? o.rawValue))</li>"
        }
        return out + "</ul>\n"
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
