import CoverageModel

/// Renders a report document as one self-contained HTML file: inline CSS, SVG and script, no external
/// fonts, tiles or links, UTF-8; everything but pan, zoom and tap-for-figures works without the script.
public enum ReportHTML {
    public static func render(_ doc: ReportDocument, geometries: [String: Geometry], layers: MapLayers = MapLayers())
        -> String
    {
        var names: [String: String] = [:]
        for section in doc.sections {
            for case .map(let m) in section.blocks { for (code, tip) in m.tooltips { names[code] = tipName(tip) } }
        }
        let base = MapBase(geometries: geometries, names: names)
        let text =
            doc.mapText
            ?? MapText(
                keyTitle: "Key", hint: "", north: "N", overlays: [:], zoomIn: "+", zoomOut: "−", reset: "⟲",
                language: doc.language)
        let map = base.map { SVGMap(base: $0, layers: layers, text: text) }
        let drawsCells = doc.sections.contains { s in
            s.blocks.contains { if case .map(let m) = $0 { m.overlays.contains(.challengeCells) } else { false } }
        }
        var out = """
            <!DOCTYPE html>
            <html lang="\(doc.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(doc.title))</title>
            <style>
            \(ReportStyle.css)\(drawsCells ? "\n" + ReportStyle.evidenceCSS : "")
            @page{@top-left{content:"\(cssString(doc.pageHeader))"}}
            </style>
            </head>
            <body>
            <header><h1>\(HTMLText.escape(doc.title))</h1>

            """
        for line in doc.lead { out += "<p class=\"lead\">\(HTMLText.escape(line))</p>\n" }
        out +=
            "<nav>"
            + doc.sections.map { "<a href=\"#\($0.id)\">\(HTMLText.escape($0.title))</a>" }.joined(separator: " · ")
            + "</nav></header>\n<main>\n"
        if let base { out += base.defs() }
        var mapIndex = 0
        for section in doc.sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += "<p>\(HTMLText.escape(text))</p>\n"
                case .callout(let text): out += "<p class=\"callout\">\(HTMLText.escape(text))</p>\n"
                case .subheading(let text): out += "<h3>\(HTMLText.escape(text))</h3>\n"
                case .list(let items):
                    out +=
                        "<ul>\n" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
                case .table(let t): out += table(t)
                case .map(let m):
                    mapIndex += 1
                    out += map?.figure(m, id: "map\(mapIndex)") ?? "<p>\(HTMLText.escape(m.noDataLabel))</p>\n"
                case .mapGrid(let title, let maps):
                    mapIndex += 1
                    out += map?.grid(title, maps, id: "map\(mapIndex)") ?? ""
                }
            }
            out += "</section>\n"
        }
        out += "</main>\n"
        if mapIndex > 0 {
            // Links to each figure's caption and end: printed PDFs record where both landed.
            out += "<nav class=\"figs\" hidden>"
            for i in 1...mapIndex { out += "<a href=\"#cap-map\(i)\"></a><a href=\"#key-map\(i)\"></a>" }
            out += "</nav>\n"
        }
        if map != nil {
            out += "<script>\nvar COVAUDIT_UI=\(jsonStrings([text.hint, text.zoomIn, text.zoomOut, text.reset]));\n"
            out += ReportScript.source + "</script>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The commune name: the first line of a tooltip, without the trailing " (code)".
    private static func tipName(_ tip: String) -> String {
        let first = tip.split(separator: "\n").first.map(String.init) ?? tip
        guard let open = first.range(of: " (", options: .backwards) else { return first }
        return String(first[..<open.lowerBound])
    }

    /// Text for a CSS string literal (quotes, backslashes and line breaks escaped; no `<` so the style stays closed).
    static func cssString(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            case "<": out += "\\3c "
            default: out.append(ch)
            }
        }
        return out
    }

    /// A JSON array of strings safe inside a script element.
    static func jsonStrings(_ items: [String]) -> String {
        "["
            + items.map { s in
                var out = "\""
                for u in s.unicodeScalars {
                    switch u {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", u.value)
                    default: out += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
                    }
                }
                return out + "\""
            }.joined(separator: ",") + "]"
    }

    static func table(_ t: ReportTable) -> String {
        // Tables with prose (a text cell over 30 characters) reflow into one card per row on narrow
        // screens; tables of short cells scroll inside their own box.
        let reflow =
            t.headers.count >= 3
            && t.rows.contains { row in row.indices.contains { !t.numeric.contains($0) && row[$0].count > 30 } }
        var out = "<div class=\"tw\(reflow ? " rf" : "")\" tabindex=\"0\"><table>\n<thead><tr>"
        for (i, h) in t.headers.enumerated() {
            out += t.numeric.contains(i) ? "<th class=\"n\">" : "<th>"
            out += HTMLText.escape(h) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                var cls: [String] = []
                if t.numeric.contains(i) { cls.append("n") }
                if let v = verdictClass(cell) { cls.append(v) }
                if cell.count > 40 && !cell.contains(" ") { cls.append("x") }
                let label = reflow && i < t.headers.count ? " data-l=\"\(HTMLText.escape(t.headers[i]))\"" : ""
                out += cls.isEmpty ? "<td\(label)>" : "<td class=\"\(cls.joined(separator: " "))\"\(label)>"
                out += HTMLText.escape(cell).replacingOccurrences(of: "\n", with: "<br>") + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    /// Colours verdict cells (English and Vietnamese labels).
    private static func verdictClass(_ cell: String) -> String? {
        switch cell {
        case ReportLabel.holds.text(.en), ReportLabel.holds.text(.vi): "ok"
        case ReportLabel.doesNotHold.text(.en), ReportLabel.doesNotHold.text(.vi): "bad"
        case ReportLabel.cannotEvaluate.text(.en), ReportLabel.cannotEvaluate.text(.vi),
            ReportLabel.evidenceTooThin.text(.en), ReportLabel.evidenceTooThin.text(.vi):
            "unk"
        default: nil
        }
    }
}
