import Foundation

/// QGIS styles (QML) for the GeoPackage layers, from the same classes and colours as the HTML maps.
enum QGISStyle {
    /// A rule-based fill style on a share attribute, from the HTML maps' classes and colours.
    ///
    /// One rule per class of `MapPalette.classes(breaks:)` (what `ReportBuilder` gives the HTML maps
    /// for the same breaks) and one for no data in `MapPalette.noData`.
    static func shareChoropleth(attribute: String, breaks: [Double] = MapPalette.defaultBreaks) -> String {
        let classes = MapPalette.classes(breaks: breaks)
        let field = "\"\(attribute)\""
        var rules: [(label: String, filter: String, colour: String)] = []
        for (i, c) in classes.enumerated() {
            var conditions: [String] = []
            if i > 0 { conditions.append("\(field) >= \(c.lowerBound)") }
            if i + 1 < classes.count { conditions.append("\(field) < \(classes[i + 1].lowerBound)") }
            rules.append(
                (c.label, conditions.isEmpty ? "\(field) IS NOT NULL" : conditions.joined(separator: " AND "), c.colour)
            )
        }
        rules.append(("no data", "\(field) IS NULL", MapPalette.noData))
        var out =
            "<renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n<rules key=\"root\">\n"
        for (i, r) in rules.enumerated() {
            out += "<rule key=\"r\(i)\" symbol=\"\(i)\" label=\"\(xml(r.label))\" filter=\"\(xml(r.filter))\"/>\n"
        }
        out += "</rules>\n<symbols>\n"
        for (i, r) in rules.enumerated() {
            out += symbol(
                "fill", name: "\(i)", layer: "SimpleFill",
                [
                    ("color", rgba(r.colour)), ("outline_color", "85,85,85,255"), ("outline_width", "0.2"),
                    ("style", "solid"),
                ])
        }
        out += "</symbols>\n</renderer-v2>\n"
        return document(out)
    }

    /// A single-symbol style: `point` markers, `line`s or `fill`s in one colour (`#rrggbb`).
    static func single(_ kind: String, colour: String) -> String {
        let (layer, options): (String, [(String, String)]) =
            switch kind {
            case "line": ("SimpleLine", [("line_color", rgba(colour)), ("line_width", "0.6")])
            case "fill":
                (
                    "SimpleFill",
                    [("color", rgba(colour, alpha: 128)), ("outline_color", rgba(colour)), ("style", "solid")]
                )
            default:
                (
                    "SimpleMarker",
                    [("color", rgba(colour)), ("size", "2.4"), ("name", "circle"), ("outline_color", "35,35,35,255")]
                )
            }
        let renderer =
            "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n<symbols>\n"
            + symbol(kind == "point" ? "marker" : kind, name: "0", layer: layer, options)
            + "</symbols>\n</renderer-v2>\n"
        return document(renderer)
    }

    private static func symbol(_ type: String, name: String, layer: String, _ options: [(String, String)]) -> String {
        var out = "<symbol type=\"\(type)\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
        out += "<layer class=\"\(layer)\" enabled=\"1\" locked=\"0\" pass=\"0\">\n<Option type=\"Map\">\n"
        for (k, v) in options { out += "<Option name=\"\(k)\" type=\"QString\" value=\"\(v)\"/>\n" }
        return out + "</Option>\n</layer>\n</symbol>\n"
    }

    private static func document(_ renderer: String) -> String {
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            + "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n" + renderer + "</qgis>\n"
    }

    /// `#rrggbb` as QGIS's `r,g,b,a`.
    static func rgba(_ hex: String, alpha: Int = 255) -> String {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let v = Int(digits, radix: 16) else { return "200,200,200,\(alpha)" }
        return "\(v >> 16 & 0xFF),\(v >> 8 & 0xFF),\(v & 0xFF),\(alpha)"
    }

    private static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
