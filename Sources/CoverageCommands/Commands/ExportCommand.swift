import ArgumentParser
import CoverageFormats
import CoverageReport
import CoverageStore
import Foundation

extension ExportLayer: ExpressibleByArgument {
    public init?(argument: String) { self.init(lenient: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `covaudit export`: any stored or computed layer as streamed RFC 7946 GeoJSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored or computed layer as GeoJSON (RFC 7946), streamed.",
        discussion: """
            Layers: communes (admin_units), hamlets, households, institutions, routes, nodes, sites, \
            coverage (coverage_areas), gap_clusters, gap_areas, unit_coverage (joined to the unit geometry), \
            location_coverage (joined to the household points); the last four come from the latest \
            covaudit coverage run. lon/lat with 7 decimals, exterior rings counter-clockwise, holes \
            clockwise, no crs member. Properties are the table's columns. Rows are streamed: memory use \
            does not grow with the layer.
            """)

    @Argument(help: "The layer to export.") var layer: ExportLayer
    @OptionGroup var store: StoreOptions
    @Option(
        name: [.short, .customLong("output")],
        help:
            "Output file (a regular file or a new name in an existing folder; replaced only when complete); - or omitted: stdout."
    ) var output: String?
    @Option(help: "Decimals per coordinate (6 or 7).") var precision = 7
    @Flag(name: [.short, .long], help: "No summary on stderr.") var quiet = false

    func validate() throws {
        guard (6...7).contains(precision) else { throw ValidationError("--precision must be 6 or 7") }
    }

    func run() throws {
        let opened = try Store.open(at: store.db, readOnly: true)
        let path = output == "-" ? nil : output
        let writer = try GeoJSONWriter(
            path: path, precision: precision, collectionMembers: [("name", .string(layer.rawValue))])
        let n = try LayerExport.write(layer, from: opened, to: writer)
        let bytes = try writer.finish()
        Diagnostics.note(
            "export: \(Formatting.grouped(n)) \(layer.rawValue) features, \(Formatting.grouped(bytes)) bytes",
            quiet: quiet)
    }
}
