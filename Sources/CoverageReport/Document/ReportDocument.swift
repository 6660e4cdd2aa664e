/// A table of text cells in a report.
public struct ReportTable: Sendable, Hashable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns to right-align.
    public var numeric: Set<Int>

    public init(_ headers: [String], rows: [[String]] = [], numeric: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }
}

/// One colour class of a choropleth legend.
public struct MapClass: Sendable, Hashable {
    /// Values ≥ this (0…1) fall in the class (up to the next class's bound).
    public var lowerBound: Double
    public var colour: String
    public var label: String
}

/// A choropleth of communes by a share (0…1).
public struct ChoroplethMap: Sendable, Hashable {
    public var title: String
    /// Value per commune code (nil: no data).
    public var values: [String: Double?]
    /// Communes drawn with a hatch (e.g. no fibre in the commune), with the legend label.
    public var hatched: Set<String>
    public var hatchLabel: String?
    /// Hover text per commune code.
    public var tooltips: [String: String]
    public var classes: [MapClass]
    public var noDataLabel: String

    /// The colour for a value.
    public func colour(_ value: Double?) -> String {
        guard let value else { return "#c8c8c8" }
        return classes.last(where: { value >= $0.lowerBound - 1e-12 })?.colour ?? classes.first?.colour ?? "#c8c8c8"
    }

    /// Share classes: < 50%, 50–80%, 80–90%, 90–95%, 95–99%, ≥ 99%.
    public static let shareClasses: [MapClass] = [
        MapClass(lowerBound: 0, colour: "#d73027", label: "< 50%"),
        MapClass(lowerBound: 0.5, colour: "#fc8d59", label: "50–80%"),
        MapClass(lowerBound: 0.8, colour: "#fee08b", label: "80–90%"),
        MapClass(lowerBound: 0.9, colour: "#d9ef8b", label: "90–95%"),
        MapClass(lowerBound: 0.95, colour: "#91cf60", label: "95–99%"),
        MapClass(lowerBound: 0.99, colour: "#1a9850", label: "≥ 99%"),
    ]
}

/// A block of report content, rendered alike as Markdown and HTML.
public enum ReportBlock: Sendable, Hashable {
    case paragraph(String)
    case subheading(String)
    case list([String])
    case table(ReportTable)
    case map(ChoroplethMap)
}

/// A section with a heading.
public struct ReportSection: Sendable, Hashable {
    /// An anchor id (ASCII).
    public var id: String
    public var title: String
    public var blocks: [ReportBlock]
}

/// The report's content, independent of the output format.
public struct ReportDocument: Sendable, Hashable {
    public var title: String
    public var language: ReportLanguage
    /// Lines under the title (province, vintage, store, tool version).
    public var lead: [String]
    public var sections: [ReportSection]
}
