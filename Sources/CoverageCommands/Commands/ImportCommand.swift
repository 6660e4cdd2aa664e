import ArgumentParser
import CoverageModel
import CoverageReport
import CoverageStore
import Foundation

/// `covaudit import LAYER FILE`: loads one file into a layer, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a GeoJSON, CSV, OpenCelliD or any GDAL vector file into a layer (one transaction).",
        discussion: """
            Layers: communes (admin units), hamlets, households, institutions, routes, nodes, sites,
            coverage, crosswalk, statistics, measurements, speed-tiles. The import is one transaction and one provenance row (file name,
            SHA-256, row count, time, as-of); on any error nothing is written.
            Defaults for attributes a file lacks: --operator unknown, --medium fibre,
            --status active, --route-level intra-province, --source declared, --node-kind pop,
            --connection unknown, --evidence declared, --level commune, --vintage 2025.
            Measurements and speed tiles: implausible rows (negative or > 10 Gbps speeds, RSRP outside
            −156…0 dBm, RSRQ outside −43…20 dB, SINR outside −23…40 dB, times before 2000 or after
            tomorrow, bad coordinates or quadkeys, tests < 1) are left out and counted per reason; a
            file whose every row is left out imports nothing.
            Probes: institution_id (or school_id, school_id_govt, giga_id_school, school_id_giga) attaches a
            test to a stored institution; a row without coordinates is placed at that institution
            (located_at_institution = 1), or left out (institution-not-found) when no institution has the id;
            an id no institution has is kept unattached and counted. Import the institutions first.
            """)

    @Argument(help: "The layer: \(Layer.allCases.map(\.rawValue).joined(separator: ", ")).")
    var layer: Layer
    @Argument(help: "The input file.") var file: String
    @OptionGroup var store: StoreOptions

    @Option(
        name: .customLong("input-format"),
        help: "The input format: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).")
    var inputFormat: InputFormat?
    @Option(
        name: .customLong("layer"), help: "The layer to read in a file with several (GeoPackage, SpatiaLite, KML, ...)."
    )
    var sourceLayer: String?
    @Option(name: .customLong("as-of"), help: "The date the data describes (YYYY-MM-DD).") var asOf: String?
    @Option(
        help:
            "EPSG code of the file's coordinates when it declares none, e.g. 9213 (VN-2000 / TM-3 106-30); reprojected to 4326."
    )
    var srid: Int?
    @Option(
        name: .customLong("assume-srid"),
        help: "EPSG code to use instead of the CRS the file declares (the file's CRS is wrong).")
    var assumeSRID: Int?
    @Flag(help: "Replace the layer's rows (communes: the same vintage) instead of appending.") var replace = false
    @Flag(name: .customLong("make-valid"), help: "Repair invalid polygons with ST_MakeValid instead of failing.")
    var makeValid = false
    @Option(
        parsing: .unconditional, help: "Plausible extent minLon,minLat,maxLon,maxLat (default Vietnam: 100,6,118,24).")
    var extent: String?
    @Flag(name: .customLong("allow-outside-extent"), help: "Import features outside the extent, with a warning.")
    var allowOutsideExtent = false

    @Option(name: .customLong("operator"), help: "Operator for features without one.") var operatorName: String?
    @Option(help: "Technology for sites/coverage without one: 2G, 3G, 4G, 5G.") var technology: Technology?
    @Option(help: "Route medium when missing: fibre, microwave, copper.") var medium: Medium = .fibre
    @Option(help: "Status when missing: active, planned.") var status: InfrastructureStatus = .active
    @Option(name: .customLong("route-level"), help: "Route level when missing: backbone, intra-province, access.")
    var routeLevel: RouteLevel = .intraProvince
    @Option(help: "Coverage source when missing: declared, predicted, measured.") var source: CoverageSource = .declared
    @Option(name: .customLong("node-kind"), help: "Node kind when missing: pop, olt, splice, cabinet.")
    var nodeKind: NodeKind = .pop
    @Option(help: "Institution kind when missing: school, health, state office, business.") var kind: InstitutionKind?
    @Flag(
        name: .customLong("skip-unknown-kinds"), help: "Skip institutions of unrecognised kind (e.g. OSM restaurants).")
    var skipUnknownKinds = false
    @Option(help: "Institution connection when missing: fibre, fixed, mobile, none, unknown.")
    var connection: ConnectionKind = .unknown
    @Option(help: "Evidence grade when missing: declared, contract, measured.") var evidence: EvidenceGrade = .declared

    @Option(help: "Admin level when the file has no level field: province, district, commune.")
    var level: AdminLevel = .commune
    @Option(name: .customLong("code-field"), help: "Field holding the unit code (default: code).") var codeField:
        String?
    @Option(name: .customLong("name-field"), help: "Field holding the unit name (default: name).") var nameField:
        String?
    @Option(name: .customLong("parent-field"), help: "Field holding the parent unit code (default: parent_code).")
    var parentField: String?
    @Option(help: "Vintage of admin units (crosswalk: the new vintage).") var vintage = "2025"
    @Option(name: .customLong("old-vintage"), help: "Crosswalk: the vintage of the old codes.") var oldVintage =
        "pre2025"
    @Flag(name: .customLong("coverage-from-range"), help: "Sites: also create circular coverage areas from range.")
    var coverageFromRange = false

    @Option(
        name: .customLong("measurement-source"),
        help:
            "Measurements: the source when the file has no source column: drive-test, crowd-app, fixed-probe, school-probe."
    )
    var measurementSource: MeasurementSource?
    @Option(
        name: .customLong("tile-kind"),
        help: "Speed tiles: fixed or mobile (default: the word in the file name; refused when it has neither).")
    var tileKind: SpeedTileKind?

    @Flag(help: "The file is synthetic (generated, not observed): recorded and labelled so in reports.")
    var synthetic = false
    @Flag(name: [.short, .long], help: "No progress or summary on stderr.") var quiet = false
    @Option(name: [.short, .long], help: "Summary format on stdout: table or json.")
    var format: ImportFormatArgument?
    @Option(name: [.customShort("o"), .customLong("output-format")], help: ArgumentHelp(visibility: .hidden))
    var legacyOutputFormat: OutputFormat?

    /// The summary format after merging the deprecated spellings (set by `validate()`).
    var outputFormat: OutputFormat { format?.output ?? legacyOutputFormat ?? .table }

    /// One line per deprecated spelling used, for stderr.
    var deprecationNotes: [String] {
        var notes: [String] = []
        if case .legacyInput(let f) = format {
            notes.append(Deprecation.note(old: "--format \(f.rawValue)", new: "--input-format \(f.rawValue)"))
        }
        if legacyOutputFormat != nil { notes.append(Deprecation.note(old: "-o/--output-format", new: "-f/--format")) }
        return notes
    }

    mutating func validate() throws {
        if case .legacyInput(let f) = format {
            guard inputFormat == nil else {
                throw ValidationError("--format \(f.rawValue) and --input-format exclude each other")
            }
            inputFormat = f
        }
        if format?.output != nil && legacyOutputFormat != nil {
            throw ValidationError("-f/--format and -o/--output-format exclude each other")
        }
        if coverageFromRange && layer != .sites {
            throw ValidationError("--coverage-from-range applies to the sites layer only")
        }
        if inputFormat == .opencellid && layer != .sites {
            throw ValidationError("--input-format opencellid applies to the sites layer only")
        }
        if measurementSource != nil && layer != .measurements {
            throw ValidationError("--measurement-source applies to the measurements layer only")
        }
        if tileKind != nil && layer != .speedTiles {
            throw ValidationError("--tile-kind applies to the speed-tiles layer only")
        }
        if srid != nil && assumeSRID != nil {
            throw ValidationError("--srid and --assume-srid exclude each other")
        }
        if let extent, parseExtent(extent) == nil {
            throw ValidationError(
                "--extent takes minLon,minLat,maxLon,maxLat with −180 ≤ minLon < maxLon ≤ 180 and "
                    + "−90 ≤ minLat < maxLat ≤ 90, e.g. 100,6,118,24; got '\(extent)'")
        }
    }

    /// The extent in `text`, or nil unless it is four finite numbers forming a lon/lat box.
    private func parseExtent(_ text: String) -> BoundingBox? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let n = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, n.count == 4, n.allSatisfy(\.isFinite), n[0] < n[2], n[1] < n[3],
            n[0] >= -180, n[2] <= 180, n[1] >= -90, n[3] <= 90
        else { return nil }
        return BoundingBox(minX: n[0], minY: n[1], maxX: n[2], maxY: n[3])
    }

    func run() throws {
        for note in deprecationNotes { Diagnostics.warning(note, quiet: quiet) }
        var o = ImportOptions(layer: layer)
        o.format = inputFormat
        o.asOf = asOf
        o.sourceSRID = srid
        o.assumeSRID = assumeSRID
        o.sourceLayer = sourceLayer
        o.replace = replace
        o.makeValid = makeValid
        o.allowOutsideExtent = allowOutsideExtent
        if let extent, let box = parseExtent(extent) { o.extent = box }
        o.operatorName = operatorName
        o.technology = technology
        o.medium = medium
        o.status = status
        o.routeLevel = routeLevel
        o.coverageSource = source
        o.nodeKind = nodeKind
        o.institutionKind = kind
        o.skipUnknownKinds = skipUnknownKinds
        o.synthetic = synthetic
        o.connection = connection
        o.evidence = evidence
        o.adminLevel = level
        o.codeField = codeField
        o.nameField = nameField
        o.parentField = parentField
        o.vintage = vintage
        o.oldVintage = oldVintage
        o.coverageFromRange = coverageFromRange
        o.measurementSource = measurementSource
        o.tileKind = tileKind

        let opened = try Store.open(at: store.storePath)
        let progress = quiet ? nil : StderrProgress(label: "importing \(layer.rawValue)")
        let result = try opened.importFile(file, options: o, progress: progress)
        for warning in result.warnings { Diagnostics.warning(warning, quiet: quiet) }
        if !quiet, let exclusions = result.exclusions {
            for line in ExclusionLines.render(exclusions) { Diagnostics.note(line) }
        }
        switch outputFormat {
        case .json: print(try JSONOutput.encode(result))
        case .table:
            var line =
                "imported \(Formatting.grouped(result.rows)) \(result.layer) from \(result.file)"
                + " as dataset \(result.datasetID) (\(result.format), EPSG:\(result.sourceSRID)"
                + String(format: ", %.2f s)", result.seconds)
            if result.replacedRows > 0 { line += "; replaced \(Formatting.grouped(result.replacedRows)) rows" }
            if result.coverageAreasCreated > 0 { line += "; created \(result.coverageAreasCreated) coverage areas" }
            printText(line)
        }
    }
}

/// The stderr lines that show an import's excluded rows: a count per reason and its examples.
enum ExclusionLines {
    static func render(_ exclusions: [ExclusionCount]) -> [String] {
        exclusions.flatMap { e in
            ["  excluded \(Formatting.grouped(e.count)) \(e.reason.rawValue)"]
                + e.examples.map { "    e.g. \($0.location): \($0.detail)" }
        }
    }
}
