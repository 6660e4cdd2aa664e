import CoverageModel

/// Renders a report document as one self-contained HTML file: inline CSS and SVG, no scripts, no
/// external fonts, tiles or links, UTF-8.
public enum ReportHTML {
    public static func render(_ doc: ReportDocument, geometries: [String: Geometry]) -> String {
        let map = SVGMap(geometries: geometries)
        var out = """
            <!DOCTYPE html>
            <html lang="\(doc.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(doc.title))</title>
            <style>
            \(css)
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
        var mapIndex = 0
        for section in doc.sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += "<p>\(HTMLText.escape(text))</p>\n"
                case .subheading(let text): out += "<h3>\(HTMLText.escape(text))</h3>\n"
                case .list(let items):
                    out +=
                        "<ul>\n" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
                case .table(let t): out += table(t)
                case .map(let m):
                    mapIndex += 1
                    out += "<figure>\n<figcaption>\(HTMLText.escape(m.title))</figcaption>\n"
                    out += map.render(m, id: "map\(mapIndex)")
                    out += "</figure>\n"
                }
            }
            out += "</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func table(_ t: ReportTable) -> String {
        var out = "<table>\n<thead><tr>"
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
                out += cls.isEmpty ? "<td>" : "<td class=\"\(cls.joined(separator: " "))\">"
                out += HTMLText.escape(cell).replacingOccurrences(of: "\n", with: "<br>") + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// Colours verdict cells (English and Vietnamese labels).
    private static func verdictClass(_ cell: String) -> String? {
        switch cell {
        case ReportLabel.holds.text(.en), ReportLabel.holds.text(.vi): "ok"
        case ReportLabel.doesNotHold.text(.en), ReportLabel.doesNotHold.text(.vi): "bad"
        case ReportLabel.cannotEvaluate.text(.en), ReportLabel.cannotEvaluate.text(.vi): "unk"
        default: nil
        }
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:#1d1d1d;background:#fafafa}
        header{background:#12355b;color:#fff;padding:1em 2em}
        header h1{margin:0 0 .3em 0;font-size:1.5em}
        header p.lead{margin:.1em 0;opacity:.9}
        nav{margin-top:.6em;font-size:.9em}
        nav a{color:#cfe3ff}
        main{padding:0 2em 2em 2em;max-width:1100px}
        section{margin-top:1.6em}
        h2{border-bottom:2px solid #12355b;padding-bottom:.2em}
        table{border-collapse:collapse;margin:.6em 0;font-size:.9em;background:#fff}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#eef2f7}
        .n{text-align:right;font-variant-numeric:tabular-nums}
        td.ok{background:#d9f2d9}
        td.bad{background:#f8d4d4}
        td.unk{background:#f3ebc9}
        figure{margin:1em 0}
        figcaption{font-weight:600;margin-bottom:.4em}
        svg.map{width:100%;max-width:760px;height:auto;background:#fff;border:1px solid #ddd}
        svg.map path.c{stroke:#fff;stroke-width:.6}
        svg.map path.c:hover{stroke:#000;stroke-width:2}
        svg.map path.h{pointer-events:none;stroke:none}
        svg.map text{font-size:12px;fill:#333}
        """
}
