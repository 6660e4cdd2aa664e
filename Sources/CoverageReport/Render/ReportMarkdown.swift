import CoverageModel

/// Renders a report document as GitHub-flavoured Markdown (maps become a pointer to the GeoJSON).
public enum ReportMarkdown {
    public static func render(_ doc: ReportDocument, headingLevelOffset: Int = 0, includeTitle: Bool = true) -> String {
        var out = ""
        if includeTitle {
            out += "# \(escapeInline(doc.title))\n\n"
            for line in doc.lead { out += "\(escapeInline(line))  \n" }
            if !doc.lead.isEmpty { out += "\n" }
        }
        let h2 = String(repeating: "#", count: 2 + headingLevelOffset)
        var mapNoted = false  // once per document, before the first map
        for section in doc.sections {
            out += "\(h2) \(escapeInline(section.title))\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += escapeInline(text) + "\n\n"
                case .callout(let text): out += "**\(escapeInline(text))**\n\n"
                case .mapGrid(let title, _): out += "- \(escapeInline(title))\n\n"
                case .subheading(let text): out += "\(h2)# \(escapeInline(text))\n\n"
                case .list(let items): out += items.map { "- " + escapeInline($0) }.joined(separator: "\n") + "\n\n"
                case .table(let t): out += table(t) + "\n"
                case .map(let m):
                    if !mapNoted {
                        out +=
                            escapeInline(
                                doc.language == .vi
                                    ? ReportLabel.mapFiles.text(.vi) : ReportLabel.mapFiles.text(.en)) + "\n\n"
                        mapNoted = true
                    }
                    out += "- \(escapeInline(m.title))\n\n"
                }
            }
        }
        return out
    }

    /// A pipe table; cells have pipes escaped and newlines turned into `<br>`-free spaces.
    static func table(_ t: ReportTable) -> String {
        func cell(_ s: String) -> String {
            escapeInline(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "; ")
        }
        var out = "| " + t.headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + t.headers.indices.map { t.numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in t.rows {
            let padded = row + Array(repeating: "", count: max(0, t.headers.count - row.count))
            out += "| " + padded.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Escapes characters that would start Markdown markup inside text, and shows control
    /// characters as escapes (`\x1B`; line breaks kept).
    static func escapeInline(_ s: String) -> String {
        var out = ""
        for ch in DisplayText.neutralised(s, keeping: ["\n"]) {
            switch ch {
            case "\\", "*", "_", "`", "<", ">", "[", "]": out.append("\\"); out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}
