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

/// Layers drawn over a choropleth.
public enum MapOverlay: String, Sendable, Hashable, CaseIterable {
    /// Uncovered household clusters (circles by households).
    case gaps
    /// Cell sites (dots).
    case sites
    /// Active fibre routes (lines).
    case routes
    /// Evidence cells where the tests contradict the declared coverage (zoom-16 squares).
    case challengeCells = "challenge-cells"
    /// Evidence cells served but outside declared coverage (zoom-16 squares).
    case undeclaredCells = "undeclared-cells"
}

/// A choropleth of communes by a share (0…1).
public struct ChoroplethMap: Sendable, Hashable {
    public var title: String
    /// Value per commune code (nil: no data).
    public var values: [String: Double?]
    /// Communes drawn with a hatch (e.g. no fibre in the commune), with the legend label.
    public var hatched: Set<String>
    public var hatchLabel: String?
    /// Tap, click or hover text per commune code.
    public var tooltips: [String: String]
    public var classes: [MapClass]
    public var noDataLabel: String
    /// Layers drawn over the communes.
    public var overlays: [MapOverlay] = []
    /// Commune names (or numbers with a key) on the map; off for small multiples.
    public var labelled = true

    /// The colour for a value.
    public func colour(_ value: Double?) -> String {
        guard let value else { return MapPalette.noData }
        return classes.last(where: { value >= $0.lowerBound - 1e-12 })?.colour ?? classes.first?.colour
            ?? MapPalette.noData
    }
}

/// The words a map needs besides its data, in the report's language.
public struct MapText: Sendable, Hashable {
    public var keyTitle: String
    public var hint: String
    public var north: String
    public var overlays: [MapOverlay: String]
    public var zoomIn: String
    public var zoomOut: String
    public var reset: String
    /// Numbers in the report's language (scale bar).
    public var language: ReportLanguage
}

/// A block of report content, rendered alike as Markdown and HTML.
public enum ReportBlock: Sendable, Hashable {
    case paragraph(String)
    case subheading(String)
    case list([String])
    case table(ReportTable)
    case map(ChoroplethMap)
    /// Small multiples sharing one legend, with a caption.
    case mapGrid(String, [ChoroplethMap])
    /// A prominent statement (the headline verdict).
    case callout(String)
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
    /// The running page header when printed (province, vintage, data date).
    public var pageHeader: String = ""
    /// Map words (key, hint, north, overlay legend, zoom buttons).
    public var mapText: MapText?
}
