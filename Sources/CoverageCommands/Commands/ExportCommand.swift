import ArgumentParser
import CoverageFormats
import CoverageReport
import CoverageStore
import Foundation

extension ExportLayer: ExpressibleByArgument {
    public init?(argument: String) { self.init(lenient: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The file format `covaudit export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case geojson, gpkg
}

/// `covaudit export`: any stored or computed layer as streamed RFC 7946 GeoJSON, or every result
/// layer as one styled GeoPackage.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored or computed layer as GeoJSON (RFC 7946), or every result layer as a GeoPackage.",
        discussion: """
            Layers: communes (admin_units), hamlets, households, institutions, routes, nodes, sites, \
            coverage (coverage_areas), gap_clusters, gap_areas, unit_coverage (joined to the unit geometry), \
            location_coverage (joined to the household points); the last four come from the latest \
            covaudit coverage run. lon/lat with 7 decimals, exterior rings counter-clockwise, holes \
            clockwise, no crs member. Properties are the table's columns. Rows are streamed: memory use \
            does not grow with the layer.
            With -f gpkg (and --out FILE, no LAYER): one GeoPackage with the latest run's communes and their \
            figures, gap clusters and areas, routes, sites and institutions, typed fields, and QGIS styles \
            in layer_styles (the report's map classes and colours).
            """)

    @Argument(help: "The layer to export (GeoJSON).") var layer: ExportLayer?
    @Option(name: [.short, .long], help: "geojson (one layer) or gpkg (every result layer, styled).")
    var format: ExportFormat = .geojson
    @OptionGroup var store: StoreOptions
    @Option(
        help:
            "Output file (a regular file or a new name in an existing folder; replaced only when complete); - or omitted: stdout."
    ) var out: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(visibility: .hidden)) var legacyOutput:
        String?
    @Option(help: "Decimals per coordinate (6 or 7).") var precision = 7
    @Flag(name: [.short, .long], help: "No summary on stderr.") var quiet = false

    /// One line per deprecated spelling used, for stderr.
    var deprecationNotes: [String] {
        legacyOutput == nil ? [] : [Deprecation.note(old: "-o/--output", new: "--out")]
    }

    mutating func validate() throws {
        if let legacyOutput {
            guard out == nil else { throw ValidationError("--out and -o/--output exclude each other") }
            out = legacyOutput
        }
        guard (6...7).contains(precision) else { throw ValidationError("--precision must be 6 or 7") }
        switch format {
        case .geojson where layer == nil: throw ValidationError("give the LAYER to export as GeoJSON")
        case .gpkg where out == nil || out == "-": throw ValidationError("-f gpkg needs --out FILE")
        case .gpkg where layer != nil: throw ValidationError("-f gpkg writes every result layer; drop LAYER")
        default: break
        }
    }

    func run() throws {
        for note in deprecationNotes { Diagnostics.warning(note, quiet: quiet) }
        let opened = try Store.open(at: store.storePath, readOnly: true)
        if layer?.isRunResult ?? true, let stale = try opened.changesSinceLatestRun()?.summary {
            Diagnostics.warning("\(stale); run covaudit coverage again for figures of the current layers", quiet: quiet)
        }
        guard let layer, format == .geojson else {
            let counts = try GeoPackageExport.write(store: opened, to: out ?? "")
            let summary = counts.map { "\(Formatting.grouped($0.1)) \($0.0)" }.joined(separator: ", ")
            Diagnostics.note("export: \(summary)", quiet: quiet)
            return
        }
        let path = out == "-" ? nil : out
        let writer = try GeoJSONWriter(
            path: path, precision: precision, collectionMembers: [("name", .string(layer.rawValue))])
        let n = try LayerExport.write(layer, from: opened, to: writer)
        let bytes = try writer.finish()
        Diagnostics.note(
            "export: \(Formatting.grouped(n)) \(layer.rawValue) features, \(Formatting.grouped(bytes)) bytes",
            quiet: quiet)
    }
}
